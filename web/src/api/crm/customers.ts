// CRM customers (src/modules/crm/README.md, "Customers"): the 360° view, grade history, the
// high-value and churn-risk lists and recommendations. Amounts are decimal strings.
import { api } from '../client';
import type { ReportColumn, ReportRow } from '../purchasing';

export const HIGH_VALUE_REPORT = '/api/v1/crm/customers/high-value';
export const CHURN_RISK_REPORT = '/api/v1/crm/customers/churn-risk';

export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'at_risk', 'lost', 'won_back'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const SECTIONS = ['quotations', 'orders', 'deliveries', 'invoices', 'receipts'] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface CustomerScores {
  first_order_on: string | null;
  last_order_on: string | null;
  orders_total: number;
  revenue_total: string;
  orders_12m: number;
  revenue_12m: string;
  recency_days: number | null;
  r: number;
  f: number;
  m: number;
  rfm: string;
  clv: string;
  churn_risk: 'low' | 'medium' | 'high' | string;
  rule_grade: string | null;
  lifecycle_stage: string;
  computed_at: string | null;
}

export interface Contact { id: number; name: string; title: string; phone: string; email: string; primary: boolean }
export interface Address {
  id: number; kind: string; address: string; region: string; postcode: string; recipient: string; phone: string; default: boolean;
}

/** The customer record as the generic API answers it, with what the 360° view adds. */
export interface Profile {
  id: number;
  code: string | null;
  name: string;
  grade?: string | null;
  grade_locked?: boolean;
  lifecycle_stage?: string | null;
  status?: string | null;
  industry?: string | null;
  region?: string | null;
  scale?: string | null;
  tags?: string[] | null;
  credit_limit?: string | null;
  contacts?: Contact[];
  addresses?: Address[];
  scores: CustomerScores | null;
  credit?: { credit_limit: string; receivables: string; exposure: string; available: string | null; overdue: boolean; blocked: boolean };
}

/** A row of a document section: every section has these; others (valid_until, carrier…) vary. */
export interface DocumentRow {
  id: number;
  number: string;
  date: string | null;
  status: string;
  total?: string;
  amount?: string;
  at: string | null;
  [more: string]: string | number | null | undefined;
}

export interface Section {
  rows: DocumentRow[];
  next_before: number | null;
  totals: Record<string, string | number>;
}

export interface TimelineEntry { at: string; kind: string; title: string; entity: string | null; record_id: number }
export interface Timeline { entries: TimelineEntry[]; next_before: string | null }

export interface OpenItem { line_id: number; voucher_id: number; voucher: string; date: string; summary: string; side: string; open: string }

export interface Customer360 {
  profile: Profile;
  sections: Partial<Record<SectionName, Section>>;
  receivables?: { items: OpenItem[]; debit_open: string; credit_open: string; net: string; count: number };
  revenue?: { year: number; months: { month: string; amount: string }[]; total: string };
  timeline: Timeline;
}

export interface GradeChange {
  at: string;
  from_grade: string | null;
  to_grade: string | null;
  from_stage: string | null;
  to_stage: string | null;
  reason: 'rule' | 'manual';
  by: string;
}

export interface Recommendation {
  item_id: number;
  code: string;
  name: string;
  customers: number;
  via_item_id: number;
  via_code: string;
  via_name: string;
  via_customers: number;
  reason: string;
}

export interface CustomerList {
  title: { zh: string; en: string };
  columns: ReportColumn[];
  rows: (ReportRow & { customer_id: number; name: string; clv: string; revenue_12m: string; rfm_total: number; recency_days: number | null })[];
  revenue_at_stake?: string;
}

const base = (id: number | string) => `/api/v1/customers/${id}`;

export const customer360 = (id: number | string, year?: number) =>
  api.get<Customer360>(`${base(id)}/360`, year ? { year: String(year) } : undefined);
export const moreOfSection = (id: number | string, section: SectionName, before: number) =>
  api.get<Omit<Section, 'totals'>>(`${base(id)}/360`, { section, before: String(before) });
export const moreTimeline = (id: number | string, before: string) =>
  api.get<Timeline>(`${base(id)}/360`, { section: 'timeline', before, limit: '20' });
export const gradeHistory = (id: number | string) => api.get<{ items: GradeChange[] }>(`${base(id)}/grade-history`);
export const customerRecommendations = (id: number | string, limit = 5) =>
  api.get<{ items: Recommendation[] }>(`${base(id)}/recommendations`, { limit: String(limit) });
export const quotationRecommendations = (id: number | string, limit = 5) =>
  api.get<{ items: Recommendation[] }>(`/api/v1/quotations/${id}/recommendations`, { limit: String(limit) });
export const recomputeGrades = () =>
  api.post<{ customers: number; grade_changes: number; stage_changes: number; seconds: number }>('/api/v1/crm/grades/recompute');
