// 成员公司调拨: the body of POST /api/v1/intercompany-transfers from the page's draft. Quantities
// are decimal text in the stock unit, sent as typed (never through a float); blank rows are not
// sent, and `rows[i]` says which grid row body line i came from, so the server's "lines[i]…"
// errors land on the right row (lineErrors.ts).

export interface IntercompanyLineDraft {
  item_id: number | null;
  item_code: string;
  item_name: string;
  quantity: string;
  lot_number: string;
}

export interface IntercompanyDraft {
  to_company_id: number | null;
  from_warehouse_id: number | null;
  to_warehouse_id: number | null;
  date: string;
  note: string;
  lines: IntercompanyLineDraft[];
}

export interface Destination {
  company_id: number;
  code: string;
  name: string;
  has_transit_warehouse: boolean;
  warehouses: { id: number; code: string; name: string }[];
}

export const blankIntercompanyLine = (): IntercompanyLineDraft =>
  ({ item_id: null, item_code: '', item_name: '', quantity: '', lot_number: '' });

const isBlank = (line: IntercompanyLineDraft) => line.item_id === null && line.quantity.trim() === '' && line.lot_number.trim() === '';

export function intercompanyBody(draft: IntercompanyDraft): { body: Record<string, unknown>; rows: number[] } {
  const rows: number[] = [];
  const lines: Record<string, unknown>[] = [];
  draft.lines.forEach((line, row) => {
    if (isBlank(line)) return;
    rows.push(row);
    const sent: Record<string, unknown> = { quantity: line.quantity.trim() };
    if (line.item_id !== null) sent.item_id = line.item_id;
    if (line.lot_number.trim()) sent.lot_number = line.lot_number.trim();
    lines.push(sent);
  });
  const body: Record<string, unknown> = { date: draft.date, lines };
  if (draft.to_company_id !== null) body.to_company_id = draft.to_company_id;
  if (draft.from_warehouse_id !== null) body.from_warehouse_id = draft.from_warehouse_id;
  if (draft.to_warehouse_id !== null) body.to_warehouse_id = draft.to_warehouse_id;
  if (draft.note.trim()) body.note = draft.note.trim();
  return { body, rows };
}

/** The warehouses of the chosen company, or none; a company without a transit warehouse can receive nothing. */
export function destinationWarehouses(destinations: Destination[], company: number | null): Destination['warehouses'] {
  const found = destinations.find((d) => d.company_id === company);
  return found && found.has_transit_warehouse ? found.warehouses : [];
}
