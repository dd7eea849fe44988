// Sales (src/modules/sales/README.md): shapes of the order, delivery, invoice and report answers
// and the questions asked while entering an order. Quantities and amounts are decimal strings.
import { api } from './client';
import type { ReportColumn, ReportRow } from './purchasing';

export const SALES_ORDER_STATUSES = [
  'draft', 'pending', 'rejected', 'ordered', 'preparing', 'partly_shipped', 'shipped', 'completed', 'on_hold', 'cancelled',
] as const;
export type SalesOrderStatus = (typeof SALES_ORDER_STATUSES)[number];

/** A line of an order as GET /api/v1/sales-orders/{id}/lines answers it, quantities in the line's unit. */
export interface SalesOrderLine {
  line_no: number;
  item_id: number;
  item_code: string;
  item_name: string;
  specification: string | null;
  uom_id: number;
  unit: string;
  factor: string;
  quantity: string;
  stock_quantity: string;
  list_price: string;
  price: string;
  discount: string;
  tax_rate: string;
  amount: string;
  tax: string;
  delivery_date: string | null;
  shipped: string;
  returned: string;
  invoiced: string;
  cancelled: string;
  invoiced_amount: string;
  backorder: string;
  reserved: string;
  picking: string;
  shortfall: string;
  available: string;
}

export interface OrderDelivery {
  id: number;
  kind: 'delivery' | 'return' | string;
  number: string;
  state: string;
  date: string | null;
  shipped_on: string | null;
  carrier: string | null;
  tracking_number: string | null;
  value: string;
}

export interface OrderInvoice {
  id: number;
  number: string;
  date: string | null;
  due_date: string | null;
  total: string;
  state: string;
  voucher_id: number | null;
  voucher_posted: boolean;
  open: string;
}

export interface SalesOrder {
  id: number;
  code: string;
  status: SalesOrderStatus | string;
  version: number;
  amount: string;
  tax: string;
  total: string;
  customer_id: number;
  customer: string;
  order_date: string | null;
  delivery_date: string | null;
  warehouse_id: number;
  warehouse: string;
  revision: number;
  ship_to: string | null;
  salesperson_id: number | null;
  salesperson: string | null;
  payment_term_id: number | null;
  customer_po: string | null;
  notes: string | null;
  held_from: string | null;
  lines: SalesOrderLine[];
  cost_of_sales: string;
  deliveries: OrderDelivery[];
  invoices: OrderInvoice[];
  invoiced_total: string;
  open_amount: string;
  collected: string;
}

export function loadSalesOrder(id: number | string): Promise<SalesOrder> {
  return api.get<SalesOrder>(`/api/v1/sales-orders/${id}/lines`);
}

/** One entry of GET …/{id}/timeline. */
export interface TimelineEvent {
  event: string;
  at: string;
  user: string;
  reason?: string;
  number?: string;
  status?: string;
  carrier?: string | null;
  tracking_number?: string | null;
  amount?: string;
}

export interface SalesPrice {
  price: string;
  list_price: string;
  discount: string;
  price_list_id: number | null;
  source: 'customer' | 'group' | 'general' | 'item' | string;
}

export interface Availability {
  on_hand: string;
  reserved: string;
  available: string;
  incoming: string;
  incoming_on?: string | null;
}

export interface Credit {
  credit_limit: string;
  receivables: string;
  unposted_invoices: string;
  open_orders: string;
  exposure: string;
  available: string;
  overdue_amount: string;
  overdue_invoices: number;
  over_limit: boolean;
  overdue: boolean;
  blocked: boolean;
}

/** A delivery note (or a return) as the list and GET /api/v1/deliveries/{id} answer it. */
export interface DeliveryHead {
  id: number;
  kind: string;
  number: string;
  state: 'picking' | 'shipped' | 'cancelled' | string;
  date: string;
  shipped_on: string | null;
  customer: string;
  customer_id: number;
  warehouse: string;
  carrier: string | null;
  tracking_number: string | null;
  value: string;
  lines: number;
  order: string | null;
  /** An invoice (not cancelled) names it: the server refuses to invoice it again. */
  invoiced: boolean;
}

export interface DeliveryLine {
  seq: number;
  order_id: number;
  order: string;
  line_no: number;
  item_id: number;
  item_code: string;
  item_name: string;
  specification: string | null;
  quantity: string;
  stock_quantity: string;
  unit: string;
  lot_number: string | null;
  location: string | null;
  value: string;
}

export interface Delivery extends Omit<DeliveryHead, 'lines' | 'order'> {
  warehouse_id: number;
  ship_to: string | null;
  voucher_id: number | null;
  reason: string | null;
  lines: DeliveryLine[];
}

export interface SalesInvoice {
  id: number;
  number: string;
  date: string;
  due_date: string | null;
  amount: string;
  tax: string;
  total: string;
  state: string;
  voucher_id: number | null;
  customer: string;
  customer_id: number;
  voucher_posted: boolean;
  open: string;
  order: string | null;
}

/** The voucher a customer receipt made. */
export interface ReceiptVoucher {
  id: number;
  word: string;
  number: number | string;
  label: string;
}

/** Every sales report: a title and columns in both languages, the rows (amounts as decimal strings). */
export interface SalesReport {
  title: string | { zh: string; en: string };
  columns: ReportColumn[];
  rows: ReportRow[];
}

export const SALES_REPORTS = '/api/v1/sales/reports';
