// One condition of the segment editor: a customer field, a comparison that fits its kind, and a
// value widget for the kind (options for enums, a switch for yes/no, numbers, dates, tags).
import { Button, DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SegmentOp } from '../../../api/crm/campaigns';
import type { FieldMeta } from '../../../api/types';
import { type ConditionRow as Row, needsValue, operatorsFor, takesList } from '../../../lib/crm/campaigns';

function ValueInput({ field, op, value, onChange, testId }: {
  field: FieldMeta | undefined; op: SegmentOp; value: unknown; onChange: (v: unknown) => void; testId: string;
}) {
  const { t } = useTranslation();
  if (!needsValue(op)) return null;
  const kind = field?.kind ?? 'text';
  if (kind === 'enum' && field?.options) {
    return (
      <Select style={{ minWidth: 180 }} mode={takesList(op) ? 'multiple' : undefined} value={value as string | string[] | undefined}
        onChange={onChange} id={testId} data-testid={testId} options={field.options.map((o) => ({ value: o.value, label: o.label }))} />
    );
  }
  if (kind === 'boolean') {
    return (
      <Select style={{ minWidth: 100 }} value={value === true ? 'true' : value === false ? 'false' : undefined} id={testId} data-testid={testId}
        onChange={(v) => onChange(v === 'true')} options={[{ value: 'true', label: t('crm.campaigns.segments.yes') }, { value: 'false', label: t('crm.campaigns.segments.no') }]} />
    );
  }
  if (takesList(op)) {
    return <Input style={{ minWidth: 220 }} placeholder={t('crm.campaigns.segments.listHint')} value={Array.isArray(value) ? value.join(', ') : (value as string) ?? ''}
      onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
  }
  if (kind === 'date') {
    return <DatePicker value={value ? dayjs(value as string) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} data-testid={testId} />;
  }
  if (kind === 'datetime') {
    return <DatePicker showTime value={value ? dayjs(value as string) : null} onChange={(d) => onChange(d ? d.toISOString() : undefined)} data-testid={testId} />;
  }
  if (kind === 'integer' || kind === 'decimal' || kind === 'money' || kind === 'quantity') {
    return <InputNumber<string> stringMode style={{ minWidth: 140 }} value={value === undefined ? undefined : String(value)}
      onChange={(v) => onChange(v ?? undefined)} data-testid={testId} />;
  }
  return <Input style={{ minWidth: 180 }} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
}

export function ConditionRow({ row, index, fields, onChange, onRemove }: {
  row: Row; index: number; fields: FieldMeta[]; onChange: (row: Row) => void; onRemove: () => void;
}) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.name === row.field);
  const ops = operatorsFor(field?.kind ?? 'text');
  return (
    <Space wrap data-testid={`condition-${index}`}>
      <Select showSearch optionFilterProp="label" style={{ minWidth: 180 }} placeholder={t('crm.campaigns.segments.field')}
        value={row.field || undefined} id={`condition-${index}-field`} data-testid={`condition-${index}-field`}
        options={fields.map((f) => ({ value: f.name, label: f.label }))}
        onChange={(name: string) => {
          const kind = fields.find((f) => f.name === name)?.kind ?? 'text';
          onChange({ field: name, op: operatorsFor(kind)[0], value: undefined });
        }} />
      <Select style={{ minWidth: 120 }} value={row.op} id={`condition-${index}-op`} data-testid={`condition-${index}-op`}
        options={ops.map((op) => ({ value: op, label: t(`crm.campaigns.segments.ops.${op}`) }))}
        onChange={(op: SegmentOp) => onChange({ ...row, op, value: takesList(op) === takesList(row.op) ? row.value : undefined })} />
      <ValueInput field={field} op={row.op} value={row.value} onChange={(value) => onChange({ ...row, value })} testId={`condition-${index}-value`} />
      <Button onClick={onRemove} data-testid={`condition-${index}-remove`}>{t('crm.campaigns.segments.remove')}</Button>
    </Space>
  );
}
