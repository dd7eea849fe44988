// The CRM pipeline (src/modules/crm/README.md, pipeline): leads, opportunities, the kanban, the
// statistics and the public lead form. Amounts and rates are decimal strings.
import { api } from '../client';

export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;

/** An opportunity on the board, as GET /api/v1/crm/pipeline lists it. */
export interface OpportunityCard {
  id: number;
  code: string | null;
  name: string;
  customer_id: number;
  customer: string;
  amount: string;
  expected_close_date: string | null;
  owner_id: number | null;
  owner: string | null;
  stage_id: number;
  status: string;
  version: number;
  source: string | null;
}

export interface BoardColumn {
  stage_id: number;
  name: string;
  probability: string;
  count: number;
  amount: string;
  weighted_amount: string;
  opportunities: OpportunityCard[];
}

export interface PipelineBoard {
  stages: BoardColumn[];
  closing_stages: { stage_id: number; name: string; outcome: 'won' | 'lost' | string }[];
  weighted_total: string;
}

export interface StageMove {
  from_stage_id: number | null;
  from_stage: string | null;
  to_stage_id: number;
  to_stage: string;
  at: string;
  by: string | null;
}

export interface FollowUpEntry {
  id: number;
  kind: string;
  occurred_at: string;
  content: string;
  reaction: string | null;
  next_follow_up_at: string | null;
  next_action: string | null;
  owner: string | null;
}

/** GET /api/v1/opportunities/{id}/view */
export interface OpportunityView extends OpportunityCard {
  stage: string;
  probability: string;
  weighted_amount: string;
  closed_on: string | null;
  close_reason: string | null;
  competitors: string | null;
  lead_id: number | null;
  lead: string | null;
  quotation_id: number | null;
  quotation: string | null;
  quotation_status: string | null;
  sales_order_id: number | null;
  sales_order: string | null;
  sales_order_status: string | null;
  notes: string | null;
  contact_id: number | null;
  contact: string | null;
  stage_history: StageMove[];
  follow_ups: FollowUpEntry[];
}

export interface CustomerMatch {
  id: number;
  code: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  status: string | null;
  matched_on: ('name' | 'phone' | 'email')[];
}

export interface ConversionRequest {
  customer_id?: number;
  customer?: Record<string, unknown>;
  opportunity: { name?: string; amount?: string; expected_close_date?: string; stage_id?: number };
}

export interface ConversionResult {
  customer_id: number;
  new_customer: boolean;
  contact_id: number;
  opportunity_id: number;
  opportunity: OpportunityView;
}

export interface StageStats {
  stage_id: number;
  name: string;
  outcome: string;
  probability: string;
  count: number;
  amount: string;
  weighted_amount: string;
  entered: number;
  advanced: number;
  conversion_rate: string | null;
}

export interface SourceStats {
  source: string;
  leads: number;
  converted: number;
  conversion_rate: string | null;
}

export interface PersonStats {
  owner_id?: number | null;
  department_id?: number | null;
  name: string;
  open: number;
  open_amount: string;
  weighted_amount: string;
  won: number;
  won_amount: string;
  lost: number;
  win_rate: string | null;
}

/** GET /api/v1/crm/pipeline/stats */
export interface PipelineStats {
  from: string | null;
  to: string | null;
  opportunities: number;
  open: number;
  won: number;
  lost: number;
  win_rate: string | null;
  won_amount: string;
  pipeline_amount: string;
  weighted_pipeline: string;
  average_cycle_days: string | null;
  stages: StageStats[];
  sources: SourceStats[];
  owners: PersonStats[];
  departments: PersonStats[];
}

export interface PublicLeadForm {
  name: string;
  intro: string;
  fields: { name: string; label: string; required: boolean }[];
  token: string;
}

const OPPORTUNITIES = '/api/v1/opportunities';

export const pipelineApi = {
  board: () => api.get<PipelineBoard>('/api/v1/crm/pipeline'),
  stats: (query: { from?: string; to?: string; owner_id?: number; department_id?: number }) =>
    api.get<PipelineStats>('/api/v1/crm/pipeline/stats', query),
  view: (id: number) => api.get<OpportunityView>(`${OPPORTUNITIES}/${id}/view`),
  move: (id: number, stageId: number, extra: { reason?: string; competitor?: string } = {}) =>
    api.post<OpportunityView>(`${OPPORTUNITIES}/${id}/move`, { stage_id: stageId, ...extra }),
  win: (id: number, body: { reason?: string; sales_order_id?: number }) =>
    api.post<OpportunityView>(`${OPPORTUNITIES}/${id}/win`, body),
  lose: (id: number, body: { reason: string; competitor?: string }) =>
    api.post<OpportunityView>(`${OPPORTUNITIES}/${id}/lose`, body),
  reopen: (id: number) => api.post<OpportunityView>(`${OPPORTUNITIES}/${id}/reopen`, {}),
  quote: (id: number, body: { quote_date?: string; valid_until?: string; lines: unknown[] }) =>
    api.post<OpportunityView>(`${OPPORTUNITIES}/${id}/quotation`, body),
  addFollowUp: (body: Record<string, unknown>) => api.post<{ id: number }>('/api/v1/follow-ups', body),
  matches: (leadId: number) => api.get<{ items: CustomerMatch[] }>(`/api/v1/leads/${leadId}/matches`),
  qualify: (leadId: number) => api.post<Record<string, unknown>>(`/api/v1/leads/${leadId}/qualify`, {}),
  disqualify: (leadId: number, reason: string) =>
    api.post<Record<string, unknown>>(`/api/v1/leads/${leadId}/disqualify`, { reason }),
  convert: (leadId: number, body: ConversionRequest) =>
    api.post<ConversionResult>(`/api/v1/leads/${leadId}/convert`, body),
  publicForm: (key: string) => api.get<PublicLeadForm>(`/api/v1/public/lead-forms/${encodeURIComponent(key)}`),
  submitPublic: (body: Record<string, string>) => api.post<{ received: boolean }>('/api/v1/public/leads', body),
};
