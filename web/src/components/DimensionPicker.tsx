// A voucher line's dimension value (辅助核算): customers, suppliers, employees, projects and items
// through LinkSelect when the user may read them, departments from /api/v1/departments; without
// the right to list them, the id is typed.
import { InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import type { Dimension } from '../lib/voucherGrid';
import { LinkSelect } from './LinkSelect';

interface Props {
  dimension: Dimension;
  value?: number | null;
  onChange?: (value: number | null) => void;
  label?: string;
  id?: string;
  status?: 'error';
  disabled?: boolean;
}

let departments: Promise<{ value: number; label: string }[]> | null = null;
let departmentsOf = -1;
function loadDepartments(generation: number) {
  if (!departments || departmentsOf !== generation) {
    departmentsOf = generation;
    departments = api
      .get<{ items: { id: number; code?: string; name: string }[] }>('/api/v1/departments')
      .then((r) => r.items.map((d) => ({ value: d.id, label: [d.code, d.name].filter(Boolean).join(' ') })));
    departments.catch(() => (departments = null));
  }
  return departments;
}

export function DimensionPicker({ dimension, value, onChange, label, id, status, disabled }: Props) {
  const { t } = useTranslation();
  const { entities, generation } = useSession();
  const [options, setOptions] = useState<{ value: number; label: string }[] | null | undefined>(undefined);
  useEffect(() => {
    if (dimension !== 'department') return;
    let live = true;
    loadDepartments(generation).then((o) => live && setOptions(o)).catch(() => live && setOptions(null));
    return () => {
      live = false;
    };
  }, [dimension, generation]);
  const name = t(`finance.dims.${dimension}`);
  const style = { width: '100%', ...(status ? { borderColor: '#ff4d4f' } : {}) };
  const numeric = (
    <InputNumber id={id} min={1} precision={0} value={value ?? null} status={status} disabled={disabled} style={style}
      placeholder={t('finance.voucher.dimensionId', { dim: name })} aria-label={name} onChange={(v) => onChange?.(v ?? null)} />
  );
  if (dimension === 'department') {
    if (options === null) return numeric;
    return <Select id={id} showSearch optionFilterProp="label" allowClear status={status} disabled={disabled} style={{ width: '100%' }}
      placeholder={name} aria-label={name} loading={options === undefined} options={options ?? []} value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)} />;
  }
  if (!entities.some((e) => e.name === dimension)) return numeric;
  return (
    <div className={status ? 'verp-cell-invalid' : undefined}>
      <LinkSelect id={id} linkTo={dimension} value={value ?? null} disabled={disabled} aria-label={name}
        initialLabels={value != null ? [{ id: value, title: label ?? `#${value}` }] : []}
        onChange={(v) => onChange?.(typeof v === 'number' ? v : null)} />
    </div>
  );
}
