// Where a sales order stands, as pure functions: a colour per status, the steps bar 已下单 →
// 备货中 → 已发货 → 已完成 (with the way in, and held or cancelled orders stopped where the goods
// were), the actions its status allows, and the timeline's events turned into what a person reads
// (an i18n key under sales.timeline and its arguments).
import type { SalesOrder, TimelineEvent } from '../api/sales';
import { compare, scaled } from './decimalMath';

export const SALES_STATUS_COLOR: Record<string, string> = {
  draft: 'default', pending: 'processing', rejected: 'volcano', ordered: 'blue', preparing: 'cyan', partly_shipped: 'gold',
  shipped: 'geekblue', completed: 'green', on_hold: 'orange', cancelled: 'red',
};

/** The bar after the way in: the order's life once confirmed. */
export const SALES_FLOW = ['ordered', 'preparing', 'shipped', 'completed'] as const;

export interface SalesStep {
  /** A status (its label is sales.status.{key}). */
  key: string;
}

export interface SalesSteps {
  items: SalesStep[];
  current: number;
  state: 'wait' | 'process' | 'finish' | 'error';
}

const positive = (text: string | undefined) => compare(scaled(text ?? '0') ?? { units: 0n, scale: 0 }, { units: 0n, scale: 0 }) > 0;

/** How far the goods came, for an order held or cancelled: ordered, preparing or shipped. */
function reached(order: Pick<SalesOrder, 'status' | 'held_from' | 'lines'>): (typeof SALES_FLOW)[number] {
  if (order.lines.some((l) => positive(l.shipped))) return 'shipped';
  if (order.held_from === 'preparing' || order.lines.some((l) => positive(l.picking))) return 'preparing';
  return 'ordered';
}

/**
 * The steps bar: the way in (草稿, 审批中 or 已驳回) then 已下单 → 备货中 → 已发货 → 已完成; a partly
 * shipped order is at 已发货 named 部分发货; a held one stops at the step it was held at, named 暂停;
 * a cancelled one ends after the step the goods reached (or after the way in) with 已取消.
 */
export function salesSteps(order: Pick<SalesOrder, 'status' | 'held_from' | 'lines'>): SalesSteps {
  const status = order.status;
  const before = status === 'pending' || status === 'rejected' ? status : 'draft';
  const items: SalesStep[] = [{ key: before }, ...SALES_FLOW.map((key) => ({ key }))];
  const at = (key: string) => items.findIndex((s) => s.key === key);
  switch (status) {
    case 'draft':
    case 'pending':
      return { items, current: 0, state: 'process' };
    case 'rejected':
      return { items, current: 0, state: 'error' };
    case 'partly_shipped':
      items[at('shipped')] = { key: 'partly_shipped' };
      return { items, current: at('partly_shipped'), state: 'process' };
    case 'completed':
      return { items, current: at('completed'), state: 'finish' };
    case 'on_hold': {
      const index = at(order.held_from === 'partly_shipped' ? 'shipped' : reached(order));
      items[index] = { key: 'on_hold' };
      return { items, current: index, state: 'error' };
    }
    case 'cancelled': {
      const anything = order.lines.some((l) => positive(l.shipped) || positive(l.reserved));
      const kept = items.slice(0, anything ? at(reached(order)) + 1 : 1);
      return { items: [...kept, { key: 'cancelled' }], current: kept.length, state: 'error' };
    }
    default: {
      const index = at(status);
      return index < 0 ? { items, current: 0, state: 'wait' } : { items, current: index, state: 'process' };
    }
  }
}

export type SalesAction =
  | 'edit' | 'submit' | 'hold' | 'release' | 'cancel' | 'amend' | 'reserve' | 'requisitions' | 'ship' | 'return';

/** What an order's status allows (the server decides; these are the buttons worth showing). */
export function salesActions(order: Pick<SalesOrder, 'status' | 'lines'>): SalesAction[] {
  const status = order.status;
  const shipped = order.lines.some((l) => positive(l.shipped));
  const short = order.lines.some((l) => positive(l.shortfall));
  const open = ['ordered', 'preparing', 'partly_shipped'].includes(status);
  const out: SalesAction[] = [];
  if (status === 'draft' || status === 'rejected') out.push('edit', 'submit');
  if (open) out.push('ship');
  if (open && short) out.push('reserve', 'requisitions');
  if (open) out.push('hold');
  if (status === 'on_hold') out.push('release');
  if ((status === 'ordered' || status === 'preparing') && !shipped) out.push('amend');
  if (shipped && ['partly_shipped', 'shipped', 'completed'].includes(status)) out.push('return');
  if (!['cancelled', 'completed', 'shipped', 'pending'].includes(status)) out.push('cancel');
  return out;
}

const STATUSES = new Set(['draft', 'pending', 'rejected', 'ordered', 'preparing', 'partly_shipped', 'shipped', 'completed', 'on_hold', 'cancelled']);

export interface TimelineView {
  /** The i18n key under sales.timeline (create, status, shipped, invoiced, hold…). */
  kind: string;
  /** The arguments of the text: status, number, carrier, tracking, amount, reason. */
  values: Record<string, string>;
  /** A dot colour for the Timeline. */
  color: string;
}

const KIND_COLOR: Record<string, string> = {
  create: 'gray', submit: 'blue', approve: 'green', reject: 'red', status: 'blue', picking: 'cyan', shipped: 'geekblue',
  invoiced: 'purple', credited: 'magenta', paid: 'green', hold: 'orange', release: 'blue', cancel: 'red', amend: 'gold', return: 'magenta', delivery_cancelled: 'red',
};

/**
 * One event of GET …/{id}/timeline as the page shows it. Status changes come from the order's
 * audit trail by the status's name (or with a `status`); the delivery's "shipped" carries the
 * delivery number, carrier and tracking number; deliveries, invoices, approvals and returns come
 * under their action's name (the server's short names, or the audit action itself).
 */
export function timelineView(event: TimelineEvent): TimelineView {
  let name = event.event.replace(/^sales_order\./, '').replace(/^approval\./, '');
  if (name === 'sales_return.post' || name === 'returned') name = 'return';
  else if (name === 'delivery.create') name = 'picking';
  else if (name === 'delivery.ship') name = 'shipped';
  else if (name === 'delivery.cancel') name = 'delivery_cancelled';
  else if (name === 'sales_invoice.create') name = 'invoiced';
  const values: Record<string, string> = {};
  for (const key of ['number', 'reason', 'amount', 'carrier', 'tracking_number'] as const) {
    const v = event[key];
    if (typeof v === 'string' && v) values[key] = v;
  }
  let kind = name;
  // The delivery's shipment names its note; the order's own status change does not.
  if (name === 'shipped' && (values.number || values.carrier || values.tracking_number)) kind = 'shipped';
  else if (STATUSES.has(name)) {
    kind = 'status';
    values.status = name;
  } else if ((name === 'update' || name === 'transition') && event.status && STATUSES.has(event.status)) {
    kind = 'status';
    values.status = event.status;
  } else if (name === 'invoiced' && values.amount?.startsWith('-')) kind = 'credited';
  else if (name === 'approved') kind = 'approve';
  else if (name === 'submitted') kind = 'submit';
  return { kind, values, color: KIND_COLOR[kind] ?? 'gray' };
}
