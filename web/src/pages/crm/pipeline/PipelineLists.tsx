// 线索 and 销售机会 lists: the generic entity lists (search, filters, saved views, import, export),
// each record opening on the pipeline's own page (matches and conversion; stage, follow-ups,
// quotation and order).
import { EntityListPage, type ListOptions } from '../../EntityList';

const LEADS: ListOptions = {
  recordPath: (id) => `/crm/leads/${id}`,
  defaultColumns: ['code', 'name', 'company_name', 'phone', 'source', 'status'],
};

const OPPORTUNITIES: ListOptions = {
  recordPath: (id) => `/crm/opportunities/${id}`,
  defaultColumns: ['code', 'name', 'customer_id', 'stage_id', 'amount', 'expected_close_date', 'status'],
};

export function LeadList() {
  return <EntityListPage entity="lead" options={LEADS} />;
}

export function OpportunityList() {
  return <EntityListPage entity="opportunity" options={OPPORTUNITIES} />;
}
