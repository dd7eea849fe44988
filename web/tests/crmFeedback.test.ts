import { describe, expect, it } from 'vitest';
import { anonymousLink, type QuestionResult, type SurveyQuestion } from '../src/api/crm/feedback';
import {
  answerProblems, answersBody, designBody, designProblems, distributionChart, moveQuestion, newQuestion, nextOptionKey, npsGroup,
  scoreRange, trendSeries,
} from '../src/lib/crm/feedback';

const questions: SurveyQuestion[] = [
  { id: 11, position: 1, kind: 'nps', text: '推荐的可能性', options: [], required: true },
  { id: 12, position: 2, kind: 'rating', text: '满意度', options: [], required: true },
  { id: 13, position: 3, kind: 'multi_choice', text: '哪里不满意', options: [{ key: 'slow', text: '太慢' }, { key: 'rude', text: '态度' }], required: false },
  { id: 14, position: 4, kind: 'text', text: '意见', options: [], required: false },
];

describe('designing a survey', () => {
  it('starts each kind with what the server expects: two options for choices, the default negative threshold for scores', () => {
    expect(newQuestion('choice').options).toHaveLength(2);
    expect(newQuestion('nps')).toMatchObject({ negativeAtMost: 6, required: true, options: [] });
    expect(newQuestion('rating').negativeAtMost).toBe(2);
    expect(newQuestion('text').negativeAtMost).toBeUndefined();
    expect(scoreRange('nps')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(scoreRange('rating')).toEqual([1, 2, 3, 4, 5]);
  });

  it('reorders questions and keeps the list at either end', () => {
    expect(moveQuestion(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveQuestion(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveQuestion(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('gives a new option a key no other option has', () => {
    expect(nextOptionKey([{ key: '1', text: '' }, { key: '3', text: '' }])).toBe('4');
    expect(nextOptionKey([{ key: '1', text: '' }, { key: '2', text: '' }])).toBe('3');
  });

  it('sends options only for choices and the threshold only for scores, texts trimmed', () => {
    const choice = { ...newQuestion('choice'), text: ' 到达是否及时 ', options: [{ key: 'fast', text: '及时' }, { key: 'slow', text: ' 太慢', negative: true }] };
    const nps = { ...newQuestion('nps'), text: '推荐', negativeAtMost: 5 };
    const text = { ...newQuestion('text'), text: '意见', options: [{ key: 'x', text: 'stale' }] };
    expect(designBody([choice, nps, text])).toEqual([
      { kind: 'choice', text: '到达是否及时', required: false, options: [{ key: 'fast', text: '及时', negative: false }, { key: 'slow', text: '太慢', negative: true }] },
      { kind: 'nps', text: '推荐', required: true, negative_at_most: 5 },
      { kind: 'text', text: '意见', required: false },
    ]);
  });

  it("puts the server's problems under the question they name", () => {
    expect(designProblems([
      { field: 'questions[2].options', code: 'options_count', message: '选择题需要 2 到 20 个选项。' },
      { field: 'questions[0].text', code: 'required', message: '必填' },
      { field: 'questions', code: 'count', message: 'x' },
    ])).toEqual({ 2: ['选择题需要 2 到 20 个选项。'], 0: ['必填'] });
  });
});

describe('answering a survey', () => {
  it('answers every question once, in order, blanks as null, so answers[i] is question i', () => {
    expect(answersBody(questions, { 11: 3, 13: [], 14: '太慢了' })).toEqual([
      { question_id: 11, value: 3 },
      { question_id: 12, value: null },
      { question_id: 13, value: null },
      { question_id: 14, value: '太慢了' },
    ]);
  });

  it("shows 'answers[1].value' under the second question", () => {
    expect(answerProblems(questions, [
      { field: 'answers[1].value', code: 'required', message: '必填' },
      { field: 'answers[0].value', code: 'out_of_range', message: '分数应在 0 到 10 之间。' },
      { field: 'answers', code: 'required', message: 'ignored: not one question' },
    ])).toEqual({ 12: '必填', 11: '分数应在 0 到 10 之间。' });
  });

  it("gives the anonymous link on the page's own address, beside the invitations' /s/<token>", () => {
    expect(anonymousLink('https://erp.example.com', 'k3y')).toBe('https://erp.example.com/s/open/k3y');
  });

  it('groups NPS scores as the results do: 0–6 detractors, 7–8 passives, 9–10 promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsGroup)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
  });
});

describe('drawing the results', () => {
  it('draws scores as bars and choices as a pie, and gaps where a month has no score', () => {
    const rating: QuestionResult = {
      id: 12, position: 2, kind: 'rating', text: '满意度', answered: 3,
      distribution: [1, 2, 3, 4, 5].map((n) => ({ key: String(n), label: String(n), count: n === 2 || n >= 4 ? 1 : 0, share: null })),
    };
    expect(distributionChart(rating)).toEqual({ type: 'bar', labels: ['1', '2', '3', '4', '5'], values: [0, 1, 0, 1, 1] });
    expect(distributionChart({ ...rating, kind: 'choice', distribution: [{ key: 'slow', label: '太慢', count: 2, share: '100.0' }] }).type).toBe('pie');
    expect(trendSeries([
      { month: '2026-02', responses: 1, csat: null, nps: '-100.0', ratings: 0, nps_answers: 1 },
      { month: '2026-03', responses: 3, csat: '66.7', nps: '33.3', ratings: 3, nps_answers: 3 },
    ])).toEqual({ labels: ['2026-02', '2026-03'], csat: [null, 66.7], nps: [-100, 33.3] });
  });
});
