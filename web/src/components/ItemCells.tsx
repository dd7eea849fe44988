// The item and unit cells of the supply grids: an item picked by code or name (type-ahead over
// the items the user may read), then its details (units, default tax rate, lots) fetched once;
// the unit among the item's stock unit and packing units.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { itemChoice, itemOfScan, type ItemChoice, type UnitChoice } from '../api/items';
import type { ScanAnswer } from '../api/purchasing';
import { mergeScan } from '../lib/scan';
import type { ScanOutcome } from './ScanInput';
import { rateLabel, TAX_RATES } from '../lib/invoices';
import { LinkSelect } from './LinkSelect';

interface ItemProps {
  id: string;
  item: { item_id: number | null; item_code: string; item_name: string };
  onPick: (item: ItemChoice | null) => void;
  invalid?: boolean;
  disabled?: boolean;
}

export function ItemPicker({ id, item, onPick, invalid, disabled }: ItemProps) {
  const { t } = useTranslation();
  return (
    // Remounted when the item changes from outside (a scan), so the label is the new item's.
    <LinkSelect key={item.item_id ?? 'none'} id={id} linkTo="item" value={item.item_id} disabled={disabled}
      status={invalid ? 'error' : undefined} aria-label={t('supply.line.item')} placeholder={t('supply.line.itemPick')}
      style={{ width: '100%' }}
      initialLabels={item.item_id !== null ? [{ id: item.item_id, code: item.item_code, title: item.item_name }] : []}
      onChange={(v) => {
        if (typeof v !== 'number') onPick(null);
        else void itemChoice(v).then(onPick, () => onPick(null));
      }} />
  );
}

/** "箱（×24）" for a packing unit, "24台装" for one known only from its barcode. */
export function unitLabel(unit: UnitChoice, t: (key: string, options?: Record<string, string>) => string): string {
  if (!unit.name) return t('supply.line.pack', { factor: unit.factor, unit: unit.of ?? '' });
  return unit.factor === '1' ? unit.name : t('supply.line.packOf', { name: unit.name, factor: unit.factor });
}

interface UnitProps {
  id: string;
  units: UnitChoice[];
  value: number | null;
  onChange: (uom: number) => void;
  invalid?: boolean;
  disabled?: boolean;
}

export function UnitSelect({ id, units, value, onChange, invalid, disabled }: UnitProps) {
  const { t } = useTranslation();
  const options = units.map((u) => ({ value: u.uom_id, label: unitLabel(u, t) }));
  return (
    <Select id={id} value={value ?? units[0]?.uom_id} options={options} disabled={disabled || options.length < 2}
      status={invalid ? 'error' : undefined} aria-label={t('supply.line.unit')} onChange={onChange} />
  );
}

/** A line's tax rate among the usual ones (and the line's own, when it is another). */
export function TaxRateSelect({ id, value, onChange, invalid, disabled, label }: {
  id: string; value: string; onChange: (rate: string) => void; invalid?: boolean; disabled?: boolean; label: string;
}) {
  return (
    <Select id={id} value={value} disabled={disabled} status={invalid ? 'error' : undefined} aria-label={label} onChange={onChange}
      options={[...new Set([...TAX_RATES, value])].map((r) => ({ value: r, label: rateLabel(r) }))} />
  );
}

/**
 * One scanned code into an order grid: the item (in the scanned unit) counts one more on its
 * line, or fills the first blank line or a new one made by `make`; the row is flashed. Scans come
 * faster than renders, so each builds on the lines the previous one left (`current`).
 */
export async function scanIntoOrderLines<L extends { item_id: number | null; uom_id: number | null; quantity: string }>(
  scan: ScanAnswer,
  grid: { current: { current: L[] }; replace: (lines: L[]) => void; clearRow: (row: number, fields: string[]) => void; flashRow: (row: number) => void },
  make: (item: ItemChoice, uom: number | null, base: L | null) => L,
  isBlank: (line: L) => boolean,
  t: TFunction,
): Promise<ScanOutcome> {
  const item = await itemOfScan(scan);
  const uom = scan.uom_id ?? (item.uom_id || null);
  const chosen = item.units.find((u) => u.uom_id === uom);
  const unit = chosen ? unitLabel(chosen, t) : scan.unit;
  const { lines: merged, row } = mergeScan(grid.current.current, { item_id: item.id, uom_id: uom }, (base) => make(item, uom, base), isBlank);
  grid.replace(merged);
  grid.clearRow(row, ['quantity', 'item']);
  grid.flashRow(row);
  return { ok: true, message: t('supply.scan.addedToLine', { unit: `1 ${unit}`, item: `${item.code} ${item.name}`, n: row + 1 }) };
}
