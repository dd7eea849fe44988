// The audit log (newest first), as the server stores it; readable columns only.
import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export default function Audit() {
  const { i18n } = useTranslation();
  const log = useAsync(() => api.get<{ items: Record<string, unknown>[] }>('/api/v1/audit-log', { limit: 100 }), []);
  if (log.error) return <Alert type="error" message={(log.error as Error).message} />;
  const items = log.data?.items ?? [];
  const keys = Object.keys(items[0] ?? {}).filter((k) => typeof items[0][k] !== 'object').slice(0, 8);
  return (
    <Table rowKey={(r) => String(r.id ?? JSON.stringify(r))} size="small" loading={log.loading} dataSource={items} scroll={{ x: 'max-content' }}
      columns={keys.map((k) => ({ title: k, dataIndex: k, render: (v: unknown) => (k.endsWith('_at') && typeof v === 'string' ? formatDateTime(v, i18n.language) : String(v ?? '')) }))} />
  );
}
