// The item and unit cells of the supply grids: an item picked by code or name (type-ahead over
// the items the user may read), then its details (units, default tax rate, lots) fetched once;
// the unit among the item's stock unit and packing units.
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { itemChoice, type ItemChoice, type UnitChoice } from '../api/items';
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
