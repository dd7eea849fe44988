// One column's filter, as list query parameters (platform/entity README "Lists and search"):
// text contains (like), enum in, boolean eq, numbers and dates as a from–to range.
import { Button, Checkbox, Input, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMeta } from '../api/types';

export type FieldFilterValue = Record<string, string>; // operator → value ("" = eq)

export function filterParams(filters: Record<string, FieldFilterValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, ops] of Object.entries(filters)) {
    for (const [op, value] of Object.entries(ops)) {
      if (value !== '') out[op ? `${field}.${op}` : field] = value;
    }
  }
  return out;
}

export function isFilterable(field: FieldMeta): boolean {
  return field.filterable !== false && !['json', 'attachment', 'links', 'link', 'tags'].includes(field.kind);
}

interface Props {
  field: FieldMeta;
  value: FieldFilterValue | undefined;
  onApply: (value: FieldFilterValue | undefined) => void;
}

export function FieldFilter({ field, value, onApply }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<FieldFilterValue>(value ?? {});
  const set = (op: string, v: string) => setDraft((d) => ({ ...d, [op]: v }));
  let body;
  switch (field.kind) {
    case 'enum':
      body = (
        <Checkbox.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          value={draft.in ? draft.in.split(',') : []}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          onChange={(v) => set('in', (v as string[]).join(','))}
        />
      );
      break;
    case 'boolean':
      body = (
        <Radio.Group value={draft[''] ?? ''} onChange={(e) => set('', e.target.value)}>
          <Radio value="true">{t('list.yes')}</Radio>
          <Radio value="false">{t('list.no')}</Radio>
        </Radio.Group>
      );
      break;
    case 'integer':
    case 'decimal':
    case 'money':
    case 'quantity':
    case 'date':
    case 'datetime': {
      const type = field.kind === 'date' ? 'date' : field.kind === 'datetime' ? 'datetime-local' : 'text';
      body = (
        <Space direction="vertical">
          <Input aria-label={`${field.label} ${t('list.from')}`} placeholder={t('list.from')} type={type}
            inputMode={type === 'text' ? 'decimal' : undefined} value={draft.gte ?? ''} onChange={(e) => set('gte', e.target.value)} />
          <Input aria-label={`${field.label} ${t('list.to')}`} placeholder={t('list.to')} type={type}
            inputMode={type === 'text' ? 'decimal' : undefined} value={draft.lte ?? ''} onChange={(e) => set('lte', e.target.value)} />
        </Space>
      );
      break;
    }
    default:
      body = (
        <Input aria-label={`${field.label} ${t('list.contains')}`} placeholder={t('list.contains')} value={draft.like ?? ''}
          onChange={(e) => set('like', e.target.value)} onPressEnter={() => onApply(draft)} autoFocus />
      );
  }
  return (
    <div style={{ padding: 8, minWidth: 200 }} onKeyDown={(e) => e.stopPropagation()}>
      {body}
      <Space style={{ marginTop: 8, display: 'flex', justifyContent: 'flex-end' }}>
        <Button size="small" onClick={() => { setDraft({}); onApply(undefined); }}>{t('list.reset')}</Button>
        <Button size="small" type="primary" onClick={() => onApply(Object.values(draft).some((v) => v) ? draft : undefined)}>
          {t('list.apply')}
        </Button>
      </Space>
    </div>
  );
}
