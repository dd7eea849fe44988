// Item labels (物料标签, GET /api/v1/items/labels.pdf): the options a person picks checked as the
// server checks them (src/modules/master_data/item_label_routes.cpp) — ids, code128 or qr,
// sheet or roll, 1–10,000 copies and at most 10,000 labels in all — and the query sent.

export const SYMBOLOGIES = ['code128', 'qr'] as const;
export const LAYOUTS = ['sheet', 'roll'] as const;
/** The server's exporting::kMaxLabels: labels in one PDF, copies counted. */
export const MAX_LABELS = 10_000;

export interface LabelOptions {
  symbology: (typeof SYMBOLOGIES)[number];
  layout: (typeof LAYOUTS)[number];
  /** As typed. */
  copies: string;
}

export const DEFAULT_LABEL_OPTIONS: LabelOptions = { symbology: 'code128', layout: 'sheet', copies: '1' };

export type LabelProblem = 'ids_required' | 'ids_invalid' | 'copies_invalid' | 'too_many';

/** What is wrong with a request for these labels, by the field the server would name. */
export function labelProblems(ids: number[], options: LabelOptions): Partial<Record<'ids' | 'copies', LabelProblem>> {
  const out: Partial<Record<'ids' | 'copies', LabelProblem>> = {};
  if (ids.length === 0) out.ids = 'ids_required';
  else if (!ids.every((id) => Number.isSafeInteger(id) && id >= 1)) out.ids = 'ids_invalid';
  const copies = options.copies.trim();
  if (!/^\d{1,5}$/.test(copies) || Number(copies) < 1 || Number(copies) > MAX_LABELS) out.copies = 'copies_invalid';
  else if (ids.length * Number(copies) > MAX_LABELS) out.copies = 'too_many';
  return out;
}

/** The query of GET /api/v1/items/labels.pdf: ids in the order given. */
export function labelsQuery(ids: number[], options: LabelOptions): Record<string, string> {
  return { ids: ids.join(','), symbology: options.symbology, layout: options.layout, copies: String(Number(options.copies.trim())) };
}

/**
 * The server's field for a label problem as the modal's field: "ids[2]" (an item the caller may
 * not read) is about the items; "symbology", "layout" and "copies" are their controls.
 */
export function labelField(field: string): 'ids' | 'symbology' | 'layout' | 'copies' | null {
  const top = field.replace(/\[\d+\]$/, '');
  return top === 'ids' || top === 'symbology' || top === 'layout' || top === 'copies' ? top : null;
}
