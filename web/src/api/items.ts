// What a line grid needs of an item once it is picked or scanned: code and name, the stock unit
// and the packing units it converts from (item-unit-conversions), the default tax rate, whether
// it keeps lots. Fetched once per item and kept for the session; what the user may not read
// (conversions, tax rates) is simply left out.
import { plain } from '../lib/orderLines';
import { api } from './client';
import { scanCode, type ScanAnswer } from './purchasing';
import type { EntityRecord, Page } from './types';

export interface UnitChoice {
  uom_id: number;
  /** Empty for a packing unit known only from a scan (its name is not in the scan's answer). */
  name: string;
  /** The stock unit's name, for a packing unit shown as "a pack of 24 pieces". */
  of?: string;
  /** Stock units in one of this unit ("1" for the stock unit). */
  factor: string;
}

export interface ItemChoice {
  id: number;
  code: string;
  name: string;
  specification: string;
  /** The stock unit. */
  uom_id: number;
  unit: string;
  lot_tracked: boolean;
  /** The item's default tax rate as a fraction ("0.13"), when known. */
  tax_rate: string | null;
  /** The stock unit first, then the packing units. */
  units: UnitChoice[];
}

type Linked = EntityRecord & { _links?: Record<string, { title?: string; code?: string }> };

const cache = new Map<number, Promise<ItemChoice>>();



async function load(id: number): Promise<ItemChoice> {
  const item = await api.get<Linked>(`/api/v1/items/${id}`);
  const links = item._links ?? {};
  const uom = Number(item.uom_id);
  // Who may not read units gets no name in the links; the scan answer names the stock unit.
  const unit = links.uom_id?.title ?? links.uom_id?.code ?? (await scanCode(String(item.code ?? '')).then((s) => s.unit, () => ''));
  const [conversions, rate] = await Promise.all([
    api.get<Page<Linked>>('/api/v1/item-unit-conversions', { item_id: id, limit: 50 }).catch(() => ({ items: [] as Linked[] })),
    item.tax_rate_id ? api.get<EntityRecord>(`/api/v1/tax-rates/${item.tax_rate_id}`).catch(() => null) : Promise.resolve(null),
  ]);
  const packing = conversions.items
    .filter((c) => Number(c.item_id) === id && Number(c.uom_id) !== uom)
    .map((c) => ({ uom_id: Number(c.uom_id), name: c._links?.uom_id?.title ?? `#${c.uom_id}`, factor: plain(String(c.factor ?? '1')) }));
  return {
    id,
    code: String(item.code ?? ''),
    name: String(item.name ?? ''),
    specification: String(item.specification ?? ''),
    uom_id: uom,
    unit,
    lot_tracked: item.lot_tracked === true,
    tax_rate: rate && rate.rate != null ? plain(String(rate.rate)) : null,
    units: [{ uom_id: uom, name: unit, factor: '1' }, ...packing],
  };
}

export function itemChoice(id: number): Promise<ItemChoice> {
  let hit = cache.get(id);
  if (!hit) {
    hit = load(id);
    hit.catch(() => cache.delete(id));
    cache.set(id, hit);
  }
  return hit;
}

/**
 * The item a scan named, with the scanned unit among its units: a box's barcode brings its unit
 * even when the conversions cannot be listed. Falls back to what the scan said when the item
 * itself cannot be read.
 */
export async function itemOfScan(scan: ScanAnswer): Promise<ItemChoice> {
  const item = await itemChoice(scan.item_id).catch((): ItemChoice => ({
    id: scan.item_id, code: scan.item_code, name: scan.item_name, specification: scan.specification, uom_id: 0,
    unit: scan.unit, lot_tracked: scan.lot_tracked, tax_rate: null, units: [],
  }));
  if (scan.uom_id == null || item.units.some((u) => u.uom_id === scan.uom_id)) return item;
  const factor = plain(scan.factor);
  return { ...item, units: [...item.units, { uom_id: scan.uom_id, name: '', of: scan.unit, factor }] };
}
