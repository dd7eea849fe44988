// Pure helpers of the customer 360° and list pages: colours of grades, stages and churn risk, the
// monthly revenue as chart numbers, where a document of a section opens, and an RFM score in words.
import type { CustomerList, DocumentRow, SectionName } from '../../api/crm/customers';

export const GRADE_COLOR: Record<string, string> = { A: 'gold', B: 'blue', C: 'default', D: 'default' };
export const STAGE_COLOR: Record<string, string> = {
  prospect: 'default', new: 'cyan', active: 'green', at_risk: 'orange', lost: 'red', won_back: 'purple',
};
export const RISK_COLOR: Record<string, string> = { low: 'green', medium: 'orange', high: 'red' };

/** Chart numbers from decimal strings (drawing only; tables show the strings). */
export function monthlySeries(months: { month: string; amount: string }[] | undefined): { labels: string[]; values: number[] } {
  if (!months) return { labels: [], values: [] };
  return { labels: months.map((m) => m.month.slice(5)), values: months.map((m) => Number(m.amount)) };
}

/** The page a section's row opens, or null when it has none of its own. */
export function documentLink(section: SectionName, row: DocumentRow, customerId: number): string | null {
  switch (section) {
    case 'quotations': return `/sales/quotations/${row.id}`;
    case 'orders': return `/sales/orders/${row.id}`;
    case 'deliveries': return `/sales/deliveries/${row.id}`;
    case 'invoices': return `/sales/invoices?customer_id=${customerId}`;
    case 'receipts': return `/finance/vouchers/${row.id}`;
    default: return null;
  }
}

/** Where a timeline entry about a record opens (entities the view knows), or null. */
export function timelineLink(entity: string | null, id: number): string | null {
  if (!entity || !id) return null;
  const pages: Record<string, string> = {
    quotation: '/sales/quotations/', sales_order: '/sales/orders/', delivery: '/sales/deliveries/', voucher: '/finance/vouchers/',
  };
  return pages[entity] ? `${pages[entity]}${id}` : entity === 'customer_invoice' ? null : `/e/${entity}/${id}`;
}

/** "R5 F2 M3 = 10" for an RFM string such as "523". */
export function rfmText(rfm: string | undefined | null): string {
  if (!rfm || !/^[1-5]{3}$/.test(rfm)) return '';
  const [r, f, m] = rfm.split('').map(Number);
  return `R${r} F${f} M${m} = ${r + f + m}`;
}

/** Points for a scatter of a list: x days since the last order (0 when none), y the figure `by`. */
export function listPoints(list: CustomerList | undefined, by: 'clv' | 'revenue_12m'): { labels: string[]; values: number[] } {
  if (!list) return { labels: [], values: [] };
  return { labels: list.rows.map((r) => String(r.name)), values: list.rows.map((r) => Number(r[by] ?? 0)) };
}
