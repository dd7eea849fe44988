// The survey pages' pure logic: the designer's question drafts and the body they become, the
// public page's answers and where the server's problems belong, and the results' chart series.
import type { FieldProblem } from '../../api/problem';
import type {
  AnswerValue, ChoiceOption, QuestionInput, QuestionKind, QuestionResult, SurveyQuestion, TrendPoint,
} from '../../api/crm/feedback';

export interface QuestionDraft {
  uid: string;
  kind: QuestionKind;
  text: string;
  options: ChoiceOption[];
  required: boolean;
  /** Ratings and NPS: a score at or below is negative feedback (opens a ticket). */
  negativeAtMost?: number;
}

export const hasOptions = (kind: QuestionKind) => kind === 'choice' || kind === 'multi_choice';
export const hasScore = (kind: QuestionKind) => kind === 'rating' || kind === 'nps';
/** The scores a rating (1–5 stars) or NPS (0–10) question offers. */
export function scoreRange(kind: QuestionKind): number[] {
  const [low, high] = kind === 'nps' ? [0, 10] : [1, 5];
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}
/** What the server counts as negative unless told otherwise: NPS detractors (0–6), one or two stars. */
export const defaultNegativeAtMost = (kind: QuestionKind) => (kind === 'nps' ? 6 : kind === 'rating' ? 2 : undefined);

let counter = 0;
const nextUid = () => `q${++counter}`;

export function newQuestion(kind: QuestionKind): QuestionDraft {
  return {
    uid: nextUid(), kind, text: '', required: hasScore(kind),
    options: hasOptions(kind) ? [{ key: '1', text: '' }, { key: '2', text: '' }] : [],
    negativeAtMost: defaultNegativeAtMost(kind),
  };
}

export function draftsFrom(questions: SurveyQuestion[]): QuestionDraft[] {
  return questions.map((q) => ({
    uid: nextUid(), kind: q.kind, text: q.text, required: q.required,
    options: q.options.map((o) => ({ key: o.key, text: o.text, negative: !!o.negative })),
    negativeAtMost: q.negative_at_most ?? undefined,
  }));
}

/** The list with the question at `index` moved by `delta` places (unchanged at either end). */
export function moveQuestion<T>(list: T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return list;
  const next = [...list];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved);
  return next;
}

/** A fresh option key not used by the others ("3" after "1", "2"). */
export function nextOptionKey(options: ChoiceOption[]): string {
  let n = options.length + 1;
  while (options.some((o) => o.key === String(n))) n += 1;
  return String(n);
}

/** The PUT …/questions body: options only for choices, the threshold only for scores. */
export function designBody(drafts: QuestionDraft[]): QuestionInput[] {
  return drafts.map((d) => {
    const input: QuestionInput = { kind: d.kind, text: d.text.trim(), required: d.required };
    if (hasOptions(d.kind)) input.options = d.options.map((o) => ({ key: o.key, text: o.text.trim(), negative: !!o.negative }));
    if (hasScore(d.kind) && d.negativeAtMost !== undefined) input.negative_at_most = d.negativeAtMost;
    return input;
  });
}

/** Every question once, in order, a blank one as null: answers[i] is questions[i]. */
export function answersBody(questions: SurveyQuestion[], values: Record<number, AnswerValue | undefined>) {
  return questions.map((q) => {
    const value = values[q.id];
    const blank = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    return { question_id: q.id, value: blank ? null : (value as AnswerValue) };
  });
}

/** The server's problems ("answers[2].value") by the id of the question they are about. */
export function answerProblems(questions: SurveyQuestion[], errors: FieldProblem[] | undefined): Record<number, string> {
  const byQuestion: Record<number, string> = {};
  for (const e of errors ?? []) {
    const m = /^answers\[(\d+)\]/.exec(e.field);
    const question = m ? questions[Number(m[1])] : undefined;
    if (question && !byQuestion[question.id]) byQuestion[question.id] = e.message;
  }
  return byQuestion;
}

/** The designer's problems ("questions[2].options") by question index. */
export function designProblems(errors: FieldProblem[] | undefined): Record<number, string[]> {
  const byIndex: Record<number, string[]> = {};
  for (const e of errors ?? []) {
    const m = /^questions\[(\d+)\]/.exec(e.field);
    if (m) (byIndex[Number(m[1])] ??= []).push(e.message);
  }
  return byIndex;
}

export type NpsGroup = 'detractor' | 'passive' | 'promoter';
export const npsGroup = (score: number): NpsGroup => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** A decimal string as a number for drawing; null stays a gap. */
export const chartNumber = (value: string | null | undefined): number | null => (value == null || value === '' ? null : Number(value));

/** A question's answers as bar (scores) or pie (choices) data. */
export function distributionChart(q: QuestionResult): { type: 'bar' | 'pie'; labels: string[]; values: number[] } {
  return {
    type: hasOptions(q.kind) ? 'pie' : 'bar',
    labels: q.distribution.map((b) => b.label),
    values: q.distribution.map((b) => b.count),
  };
}

/** The monthly trend as two lines, CSAT and NPS, over the months' labels. */
export function trendSeries(trend: TrendPoint[]) {
  return {
    labels: trend.map((p) => p.month),
    csat: trend.map((p) => chartNumber(p.csat)),
    nps: trend.map((p) => chartNumber(p.nps)),
  };
}
