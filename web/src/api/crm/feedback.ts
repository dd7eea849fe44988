// Surveys (src/modules/crm/README.md, feedback): the design, invitations, the public answer page
// and results. Percentages and averages are decimal strings ("66.7"), null when nothing was answered.
import { api } from '../client';

export const SURVEYS = '/api/v1/surveys';
export const PUBLIC_SURVEYS = '/api/v1/public/surveys';

export const QUESTION_KINDS = ['choice', 'multi_choice', 'rating', 'nps', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface ChoiceOption {
  key: string;
  text: string;
  negative?: boolean;
}

export interface SurveyQuestion {
  id: number;
  position: number;
  kind: QuestionKind;
  text: string;
  options: ChoiceOption[];
  required: boolean;
  negative_at_most?: number | null;
}

export interface SurveyDesign {
  id: number;
  status: 'draft' | 'open' | 'closed' | string;
  questions: SurveyQuestion[];
  /** The key of the survey's anonymous link (/s/open/<key>), when it allows anonymous answers. */
  anonymous_key: string | null;
}

/** A question as PUT …/questions takes it. */
export interface QuestionInput {
  kind: QuestionKind;
  text: string;
  options?: ChoiceOption[];
  required: boolean;
  negative_at_most?: number;
}

export type InvitationChannel = 'link' | 'email' | 'sms';

export interface Invitation {
  id: number;
  customer_id: number | null;
  contact_id: number | null;
  name: string;
  recipient: string;
  message_id: number | null;
  link?: string;
}

export interface InvitationResult {
  channel: InvitationChannel;
  invited: Invitation[];
  skipped: { customer_id: number | null; contact_id: number | null; name: string; reason: 'opted_out' | 'no_address' | string }[];
}

export interface PublicSurvey {
  name: string;
  introduction: string;
  status: string;
  answered: boolean;
  questions: SurveyQuestion[];
  labels: { nps_low: string; nps_high: string; thanks: string };
}

export type AnswerValue = number | string | string[] | null;

export interface DistributionBucket {
  key: string;
  label: string;
  count: number;
  share: string | null;
}

export interface QuestionResult {
  id: number;
  position: number;
  kind: QuestionKind;
  text: string;
  answered: number;
  distribution: DistributionBucket[];
  average?: string | null;
  csat?: string | null;
  nps?: string | null;
  promoters?: number;
  passives?: number;
  detractors?: number;
  texts?: { text: string; answered_at: string }[];
}

export interface Scores {
  csat: string | null;
  nps: string | null;
  ratings: number;
  nps_answers: number;
}

export interface TrendPoint extends Scores {
  month: string;
  responses: number;
}

export interface SurveyResults extends Scores {
  survey: { id: number; name: string; category: string; status: string };
  from: string | null;
  to: string | null;
  responses: number;
  invited: number;
  answered_invitations: number;
  response_rate: string | null;
  questions: QuestionResult[];
  trend: TrendPoint[];
}

export interface FeedbackSummary extends Scores {
  categories: (Scores & { category: string; label: string; surveys: number; invited: number; responses: number })[];
  surveys: (Scores & { id: number; name: string; category: string; status: string; invited: number; responses: number })[];
}

function publicPath(token: string, anonymous: boolean): string {
  return `${PUBLIC_SURVEYS}/${anonymous ? 'open/' : ''}${encodeURIComponent(token)}`;
}

/** The anonymous link of a survey as people open it. */
export const anonymousLink = (origin: string, key: string) => `${origin}/s/open/${key}`;

export const feedbackApi = {
  questions: (id: number) => api.get<SurveyDesign>(`${SURVEYS}/${id}/questions`),
  replaceQuestions: (id: number, questions: QuestionInput[]) => api.put<SurveyDesign>(`${SURVEYS}/${id}/questions`, { questions }),
  open: (id: number) => api.post<SurveyDesign>(`${SURVEYS}/${id}/open`, {}),
  close: (id: number) => api.post<SurveyDesign>(`${SURVEYS}/${id}/close`, {}),
  invite: (id: number, body: { channel: InvitationChannel; customer_ids?: number[]; contact_ids?: number[] }) =>
    api.post<InvitationResult>(`${SURVEYS}/${id}/invitations`, body),
  results: (id: number, query: { from?: string; to?: string }) => api.get<SurveyResults>(`${SURVEYS}/${id}/results`, query),
  summary: (query: { from?: string; to?: string }) => api.get<FeedbackSummary>('/api/v1/crm/feedback/summary', query),
  /** The answer page's survey: an invitation's `token`, or with `anonymous` the survey's public key. */
  publicSurvey: (token: string, anonymous = false) => api.get<PublicSurvey>(publicPath(token, anonymous)),
  answer: (token: string, answers: { question_id: number; value: AnswerValue }[], anonymous = false) =>
    api.post<{ response_id: number }>(publicPath(token, anonymous), { answers }),
};
