// Purchasing and the warehouse's documents (src/modules/purchasing/purchasing.hpp,
// src/modules/inventory/stock_documents.hpp): shapes of their answers and the few calls every
// page makes. Quantities and amounts are decimal strings.
import { api } from './client';

export const ORDER_STATUSES = [
  'draft', 'pending', 'approved', 'rejected', 'partly_received', 'received', 'invoiced', 'closed', 'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A line of an order as GET …/{id}/lines answers it, quantities in the line's own unit. */
export interface OrderLine {
  line_no: number;
  item_id: number;
  item_code: string;
  item_name: string;
  specification: string;
  uom_id: number;
  unit: string;
  /** Stock units in one of the line's unit. */
  factor: string;
  quantity: string;
  stock_quantity: string;
  price: string;
  tax_rate: string;
  amount: string;
  tax: string;
  expected_date: string | null;
  received: string;
  rejected: string;
  returned: string;
  invoiced: string;
  invoiced_amount: string;
}

/** A goods receipt (kind "receipt") or a return to the supplier ("return") of an order. */
export interface OrderReceipt {
  id: number;
  kind: 'receipt' | 'return' | string;
  number: string;
  date: string;
  warehouse: string;
  value: string;
  lines: number;
  voucher_id: number | null;
  reason: string | null;
}

/** The order as the purchasing steps answer it (POST, PUT lines, receipts, actions; GET …/lines with receipts). */
export interface OrderSummary {
  id: number;
  code: string;
  status: OrderStatus | string;
  version: number;
  amount: string;
  tax: string;
  total: string;
  supplier_id: number;
  supplier: string;
  order_date: string;
  warehouse_id: number;
  warehouse: string;
  revision: number;
  lines: OrderLine[];
  receipts?: OrderReceipt[];
}

type LinkInfo = { id?: number; title?: string; code?: string };

/** The order's header as the entity answers it (GET /api/v1/purchase-orders/{id}). */
export interface OrderRecord {
  id: number;
  version: number;
  code: string | null;
  supplier_id: number;
  order_date: string;
  expected_date: string | null;
  warehouse_id: number;
  payment_term_id: number | null;
  terms: string | null;
  notes: string | null;
  status: OrderStatus | string;
  revision: number;
  amount: string;
  tax: string;
  total: string;
  _links?: Record<string, LinkInfo>;
}

/** The header and the lines with receipts of one order, as its pages load it. */
export async function loadOrder(id: number | string): Promise<{ record: OrderRecord; order: OrderSummary }> {
  const [record, order] = await Promise.all([
    api.get<OrderRecord>(`/api/v1/purchase-orders/${id}`),
    api.get<OrderSummary>(`/api/v1/purchase-orders/${id}/lines`),
  ]);
  return { record, order };
}

export interface Tolerances {
  over_receipt: string;
  invoice_quantity: string;
  invoice_price: string;
}

// ---- the warehouse ------------------------------------------------------------------------------

/** What GET /api/v1/stock/scan?code= says a scanned code is. */
export interface ScanAnswer {
  code: string;
  item_id: number;
  item_code: string;
  item_name: string;
  specification: string;
  /** The item's stock unit. */
  unit: string;
  lot_tracked: boolean;
  /** Stock units in one of the scanned unit: "24" for a box's barcode, "1" otherwise. */
  factor: string;
  /** A packing unit's barcode: the unit; null for the stock unit. */
  uom_id: number | null;
  /** A lot label ("<item code>/<lot>"): the lot. */
  lot_id: number | null;
  stock: { warehouse_id: number; warehouse: string; on_hand: string; available: string }[];
}

export function scanCode(code: string): Promise<ScanAnswer> {
  return api.get<ScanAnswer>('/api/v1/stock/scan', { code });
}

export const STOCK_KINDS = ['receipt', 'issue', 'adjustment', 'transfer', 'scrap'] as const;
export type StockKind = (typeof STOCK_KINDS)[number];
export const STOCK_REASONS = [
  'count_gain', 'count_loss', 'damaged', 'expired', 'found', 'lost', 'correction', 'sample', 'other',
] as const;

export interface StockDocumentHead {
  id: number;
  kind: StockKind | string;
  number: string;
  date: string;
  warehouse: string;
  reason: string | null;
  value: string;
  voucher_id: number | null;
  moves: number;
}

export interface StockMove {
  id: number;
  item_id: number;
  item_code: string;
  item_name: string;
  warehouse_id: number;
  warehouse: string;
  location_id: number | null;
  lot_id: number | null;
  lot_number: string | null;
  quantity: string;
  value: string;
  move_type: string;
  line_no: number;
  unit: string;
  reason: string | null;
}

export interface StockDocument {
  id: number;
  kind: StockKind | string;
  number: string;
  date: string;
  warehouse_id: number;
  warehouse: string;
  to_warehouse_id: number | null;
  reason: string | null;
  note: string | null;
  value: string;
  voucher_id: number | null;
  created_by: number;
  /** posted; a transfer in transit (within the company or from a member company) until it arrives */
  state: 'posted' | 'in_transit' | 'arrived' | string;
  arrived_on: string | null;
  moves: StockMove[];
}

// ---- purchasing's reports (src/modules/purchasing/purchasing_reports.cpp) -----------------------

/** A column of a report: its row key and its heading in both languages. */
export interface ReportColumn {
  key: string;
  zh: string;
  en: string;
}

export type ReportRow = Record<string, string | number | null>;

/** Every purchasing report: a title and columns in both languages, the rows (amounts as decimal strings). */
export interface PurchasingReport<Row extends ReportRow = ReportRow> {
  title: { zh: string; en: string };
  columns: ReportColumn[];
  rows: Row[];
}

export interface OpenOrdersReport extends PurchasingReport {
  as_of: string;
  open_value: string;
}

export interface PurchasesReport extends PurchasingReport {
  group: 'supplier' | 'item' | 'month' | string;
  totals: { amount: string; tax: string; received_value: string };
}

export const PURCHASING_REPORTS = '/api/v1/purchasing/reports';
