// A record's history: its versions, two of them compared field by field (changed fields
// highlighted), and "restore this version", which the server saves as a new version.
import { Alert, App, Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import type { EntityMeta } from '../api/types';
import { defaultPair, diffVersions, type DiffRow } from '../lib/diff';
import { displayValue, formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

interface Version {
  version: number;
  action: string;
  changed_at: string;
  changed_by_name?: string;
}

type Snapshot = Record<string, unknown>;

export function RecordHistory({ meta, id, current, onRestored }: {
  meta: EntityMeta; id: number; current: number; onRestored: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const versions = useAsync(() => api.get<{ items: Version[] }>(`${meta.path}/${id}/versions`), [meta.path, id, current]);
  const items = versions.data?.items ?? [];
  const [pair, setPair] = useState<[number, number] | null>(null);
  useEffect(() => setPair(defaultPair(items.map((v) => v.version))), [versions.data]); // eslint-disable-line react-hooks/exhaustive-deps

  const snapshots = useAsync(async () => {
    if (!pair) return null;
    const [a, b] = await Promise.all(pair.map((v) => api.get<Snapshot>(`${meta.path}/${id}/versions/${v}`)));
    return { a, b };
  }, [meta.path, id, pair?.[0], pair?.[1]]);
  const rows = useMemo(
    () => (snapshots.data ? diffVersions(meta.fields, snapshots.data.a, snapshots.data.b) : []),
    [meta.fields, snapshots.data],
  );
  const [onlyChanged, setOnlyChanged] = useState(true);

  const restore = (version: number) =>
    modal.confirm({
      title: t('history.restoreTitle', { version }),
      content: t('history.restoreHelp'),
      okText: t('history.restore'),
      cancelText: t('form.cancel'),
      onOk: async () => {
        try {
          await api.post(`${meta.path}/${id}/versions/${version}/restore`, { version: current });
          message.success(t('history.restored', { version }));
          onRestored();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : String(e));
        }
      },
    });

  const show = (row: DiffRow, value: unknown) =>
    displayValue(row.field, value, i18n.language, t) || <Typography.Text type="secondary">—</Typography.Text>;
  const options = items.map((v) => ({ value: v.version, label: `v${v.version} · ${t(`history.actions.${v.action}`, { defaultValue: v.action })}` }));
  const canRestore = meta.actions.includes('update');

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="record-history">
      <Table<Version> rowKey="version" size="small" loading={versions.loading} dataSource={items} pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('form.version'), dataIndex: 'version', render: (v: number) => (v === current ? <Tag color="blue">v{v}</Tag> : `v${v}`) },
          { title: t('form.action'), dataIndex: 'action', render: (a: string) => t(`history.actions.${a}`, { defaultValue: a }) },
          { title: t('form.changedAt'), dataIndex: 'changed_at', render: (v: string) => formatDateTime(v, i18n.language) },
          { title: t('form.changedBy'), dataIndex: 'changed_by_name' },
          ...(canRestore ? [{
            title: t('list.actions'), key: 'restore',
            render: (_: unknown, v: Version) => v.version !== current && (
              <Button size="small" onClick={() => restore(v.version)} data-testid={`restore-v${v.version}`}>{t('history.restore')}</Button>
            ),
          }] : []),
        ]} />
      {items.length < 2 ? <Empty description={t('history.onlyOne')} /> : (
        <>
          <Space wrap align="center">
            <Typography.Text strong>{t('history.compare')}</Typography.Text>
            <Select aria-label={t('history.from')} style={{ minWidth: 160 }} value={pair?.[0]} options={options}
              data-testid="diff-from" onChange={(v: number) => setPair([v, pair?.[1] ?? v])} />
            <span aria-hidden>→</span>
            <Select aria-label={t('history.to')} style={{ minWidth: 160 }} value={pair?.[1]} options={options}
              data-testid="diff-to" onChange={(v: number) => setPair([pair?.[0] ?? v, v])} />
            <Button type="link" onClick={() => setOnlyChanged((o) => !o)}>
              {onlyChanged ? t('history.showAll') : t('history.showChanged')}
            </Button>
          </Space>
          {snapshots.error ? <Alert type="error" message={(snapshots.error as Error).message} /> : null}
          <Table<DiffRow> rowKey={(r) => r.field.name} size="small" pagination={false} loading={snapshots.loading}
            data-testid="diff-table" scroll={{ x: 'max-content' }}
            dataSource={onlyChanged ? rows.filter((r) => r.changed) : rows}
            rowClassName={(r) => (r.changed ? 'verp-changed-row' : 'verp-same-row')}
            locale={{ emptyText: t('history.noChanges') }}
            columns={[
              { title: t('history.field'), key: 'field', render: (_: unknown, r: DiffRow) => r.field.label },
              { title: t('history.before', { version: pair?.[0] ?? '' }), key: 'before', render: (_: unknown, r: DiffRow) => (
                <span className={r.changed ? 'verp-diff-before' : undefined}>{show(r, r.before)}</span>) },
              { title: t('history.after', { version: pair?.[1] ?? '' }), key: 'after', render: (_: unknown, r: DiffRow) => (
                <span className={r.changed ? 'verp-diff-after' : undefined}>{show(r, r.after)}</span>) },
            ]} />
        </>
      )}
    </Space>
  );
}
