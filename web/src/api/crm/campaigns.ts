// Segments and campaigns (src/modules/crm/README.md, campaigns): the preview, members and
// results answers, and the campaign steps. Records themselves go through the generic entity API
// (/api/v1/segments, /api/v1/campaigns). Amounts and rates are decimal strings.
import { api } from '../client';
import type { EntityRecord } from '../types';

export const SEGMENTS = '/api/v1/segments';
export const CAMPAIGNS = '/api/v1/campaigns';

export type SegmentOp = 'eq' | 'ne' | 'in' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'empty' | 'not_empty';

export interface SegmentCondition {
  field: string;
  op: SegmentOp;
  value?: unknown;
}

/** {"all": [...]} or {"any": [...]}; a member may itself be one group (one level). */
export type SegmentFilter = { all: (SegmentCondition | SegmentFilter)[] } | { any: (SegmentCondition | SegmentFilter)[] };

export interface SegmentMember {
  id: number;
  code: string;
  name: string;
  grade: string;
  region: string;
  email: string;
  phone: string;
}

export interface SegmentPreview {
  count: number;
  sample: SegmentMember[];
}

export interface SegmentMembers {
  count: number;
  items: SegmentMember[];
  next_after: number | null;
}

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface Campaign extends EntityRecord {
  name: string;
  segment_id: number | null;
  channel: 'email' | 'sms' | 'wechat';
  subject: string | null;
  body: string | null;
  scheduled_at: string | null;
  status: CampaignStatus;
  cost: string;
  conversion_days: number;
  tracking_url: string | null;
  sent_at: string | null;
}

export interface CampaignDay {
  day: string;
  sent: number;
  opened: number;
  clicked: number;
  converted: number;
}

export interface CampaignResults {
  campaign: { id: number; name: string; status: CampaignStatus; channel: string; conversion_days: number; sent_at: string | null };
  targeted: number;
  excluded_opt_out: number;
  excluded_no_address: number;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  converted: number;
  revenue: string;
  cost: string;
  roi: string | null;
  rates: Record<'delivered' | 'opened' | 'clicked' | 'converted' | 'unsubscribed', string | null>;
  series: CampaignDay[];
  /** The sending's progress; null before it starts. */
  progress: { targeted: number; done: number; finished_at: string | null } | null;
}

export const previewSegment = (filter: SegmentFilter) => api.post<SegmentPreview>(`${SEGMENTS}/preview`, { filter });

export const segmentMembers = (id: number, after?: number) =>
  api.get<SegmentMembers>(`${SEGMENTS}/${id}/members`, after ? { limit: '50', after: String(after) } : { limit: '50' });

export const campaignResults = (id: number) => api.get<CampaignResults>(`${CAMPAIGNS}/${id}/results`);

export const campaignStep = (id: number, step: 'schedule' | 'send' | 'cancel', body: Record<string, unknown> = {}) =>
  api.post<Campaign>(`${CAMPAIGNS}/${id}/${step}`, body);

/** The customers area's computed scores a segment may also test, when it keeps them. */
export const computedFields = () =>
  api.get<{ items: { name: string; kind: string; label: string }[] }>(`${SEGMENTS}/computed-fields`);
