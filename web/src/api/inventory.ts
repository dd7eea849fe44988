// The warehouse's reports and stocktakes as the server answers them (src/modules/inventory):
// valuation, reorder report, lots, on-hand rows; stocktakes with their lines and variance report.
// Quantities and amounts are decimal strings.

export interface ValuationRow {
  key: number | null;
  code: string;
  name: string;
  quantity: string;
  value: string;
  unit_cost?: string;
}

export interface Reconciliation {
  stock_value: string;
  posted: string;
  unposted: string;
  difference: string;
  difference_with_unposted: string;
  valuation_posting: string;
  accounts: { code: string; name: string; posted: string; unposted: string }[];
}

export interface Valuation {
  group: 'item' | 'category' | 'warehouse';
  as_of: string | null;
  rows: ValuationRow[];
  total: { quantity: string; value: string };
  reconciliation: Reconciliation;
}

export type ReorderStatus = 'below_safety' | 'below_minimum' | 'above_maximum' | 'ok';

export interface ReorderRow {
  rule_id: number | null;
  item_id: number;
  item_code: string;
  item_name: string;
  unit: string;
  warehouse_id: number | null;
  warehouse_code: string | null;
  warehouse: string | null;
  on_hand: string;
  reserved: string;
  available: string;
  min_quantity: string;
  safety_stock: string;
  max_quantity: string | null;
  reorder_quantity: string | null;
  status: ReorderStatus;
  suggested: string;
}

export interface ReorderReport {
  rows: ReorderRow[];
  counts: Record<ReorderStatus, number>;
}

export interface Lot {
  id: number;
  item_id: number;
  item_code: string;
  item_name: string;
  lot_number: string;
  produced_on: string | null;
  expires_on: string | null;
  days_to_expiry: number | null;
  supplier_id: number | null;
  supplier: string | null;
  on_hand: string;
}

export interface StockRow {
  item_id: number;
  item_code: string;
  item_name: string;
  unit: string;
  warehouse_id?: number;
  warehouse_code?: string;
  warehouse?: string;
  location?: string | null;
  lot_number?: string | null;
  expires_on?: string | null;
  on_hand: string;
  reserved: string | null;
  available: string | null;
  value: string;
}

export interface StockReport {
  group: string;
  rows: StockRow[];
  totals: { rows: number; on_hand: string; value: string; reserved: string | null; available: string | null };
  next_offset?: number | null;
}

export type StocktakeState = 'counting' | 'counted' | 'posted' | 'cancelled';

export interface StocktakeHead {
  id: number;
  number: string;
  date: string;
  warehouse_id: number;
  warehouse: string;
  state: StocktakeState;
  blind: boolean;
  lines_total: number;
  lines_counted: number;
  stock_document_id: number | null;
}

export interface StocktakeLine {
  id: number;
  line_no: number;
  item_id: number;
  item_code: string;
  item_name: string;
  specification: string;
  unit: string;
  location_id: number | null;
  location: string | null;
  lot_id: number | null;
  lot_number: string | null;
  counted: string | null;
  counted_by: number | null;
  counted_by_name?: string | null;
  counted_at?: string | null;
  book?: string;
  difference?: string;
  value?: string;
}

export interface Stocktake extends StocktakeHead {
  category_id: number | null;
  category: string | null;
  location_ids: number[];
  include_zero: boolean;
  note: string | null;
  book_visible: boolean;
  uncounted_as: string | null;
  stock_document_number: string | null;
  version: number;
  lines: StocktakeLine[];
}

export type VarianceStatus = 'gain' | 'loss' | 'match' | 'uncounted';

export interface VarianceLine extends StocktakeLine {
  book: string;
  book_now: string;
  book_changed: boolean;
  status: VarianceStatus;
  counted_as?: string | null;
}

export interface VarianceReport extends Stocktake {
  lines: VarianceLine[];
  totals: { lines: number; counted: number; uncounted: number; book_changed: number; gains: string; losses: string; net: string };
}

/** One entered count: a sheet line's, or a place's (found goods, a scanned code). */
export type CountEntry =
  | { line_id: number; counted: string }
  | { item_id: number; lot_number?: string; counted: string };
