// The audit trail of one record: GET /api/v1/audit-log?target_type={entity}&target_id={id}, newest
// first, with each entry's field changes. Shown only to holders of audit_log:read (the server
// answers 403 to anyone else).
import { Alert, Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { EntityMeta } from '../api/types';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

export interface AuditEntry {
  seq: number;
  at: string;
  user_name: string;
  address?: string;
  action: string;
  target_type: string;
  target_id: string;
  change: unknown;
}

/** "label: before → after" for each field an entry's change names; other details as key=value. */
export function changeLines(change: unknown, labelOf: (field: string) => string): string[] {
  if (!change || typeof change !== 'object' || Array.isArray(change)) return change ? [String(change)] : [];
  return Object.entries(change as Record<string, unknown>).map(([field, value]) => {
    if (value && typeof value === 'object' && ('before' in value || 'after' in value)) {
      const v = value as { before?: unknown; after?: unknown };
      const text = (x: unknown) => (x === undefined || x === null || x === '' ? '∅' : typeof x === 'string' ? x : JSON.stringify(x));
      return `${labelOf(field)}: ${text(v.before)} → ${text(v.after)}`;
    }
    return `${labelOf(field)}=${typeof value === 'string' ? value : JSON.stringify(value)}`;
  });
}

export function RecordAudit({ meta, id }: { meta: EntityMeta; id: number }) {
  const { t, i18n } = useTranslation();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const log = useAsync(() => api.get<{ items: AuditEntry[]; next_cursor: number | null }>('/api/v1/audit-log', {
    target_type: meta.name, target_id: id, limit: 20, cursor,
  }), [meta.name, id, cursor]);
  if (log.error) return <Alert type="error" message={(log.error as Error).message} />;
  const labelOf = (field: string) => meta.fields.find((f) => f.name === field)?.label ?? field;
  return (
    <>
      <Table<AuditEntry> rowKey="seq" size="small" loading={log.loading} dataSource={log.data?.items ?? []} pagination={false}
        data-testid="record-audit" scroll={{ x: 'max-content' }}
        columns={[
          { title: t('admin.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, i18n.language) },
          { title: t('admin.who'), dataIndex: 'user_name' },
          { title: t('admin.what'), dataIndex: 'action', render: (a: string) => t(`history.actions.${a}`, { defaultValue: a }) },
          { title: t('history.changes'), dataIndex: 'change', render: (c: unknown) => (
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{changeLines(c, labelOf).join('\n')}</Typography.Text>) },
          { title: t('account.address'), dataIndex: 'address' },
        ]} />
      <div style={{ marginTop: 8, display: 'flex', gap: 8 }}>
        <Button disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('list.prev')}</Button>
        <Button disabled={!log.data?.next_cursor} onClick={() => setCursors((c) => [...c, log.data?.next_cursor ?? undefined])}>{t('list.next')}</Button>
      </div>
    </>
  );
}
