// 发货单: the delivery notes (GET /api/v1/deliveries?state=), newest first, filtered by state, each
// opening on its own page; orders are shipped from the order's page (发货), which opens the
// delivery entry with its open lines.
import { Alert, Segmented, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { DeliveryHead } from '../../api/sales';
import { useSession } from '../../auth/session';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { money, problemText } from '../finance/common';
import { DeliveryStateTag } from './common';

const STATES = ['', 'picking', 'shipped', 'cancelled'] as const;

export default function Deliveries() {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const list = useAsync(() => api.get<{ items: DeliveryHead[] }>('/api/v1/deliveries', { state }), [state, generation]);
  const date = (d: string | null) => (d ? formatDate(d, i18n.language) : '');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('sales.delivery.listTitle')}</Typography.Title>
      <Segmented value={state} data-testid="delivery-state-filter" onChange={(v) => setParams(v ? { state: String(v) } : {}, { replace: true })}
        options={STATES.map((s) => ({ value: s, label: s ? t(`sales.delivery.states.${s}`) : t('sales.delivery.all') }))} />
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<DeliveryHead> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="delivery-list"
        scroll={{ x: 1000 }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('sales.delivery.number'), dataIndex: 'number', width: 160, render: (n: string, d) => <Link to={`/sales/deliveries/${d.id}`}>{n}</Link> },
          { title: t('sales.delivery.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(`sales.delivery.kinds.${k}`, { defaultValue: k }) },
          { title: t('sales.delivery.state'), dataIndex: 'state', width: 90, render: (s: string) => <DeliveryStateTag state={s} /> },
          { title: t('sales.delivery.date'), dataIndex: 'date', width: 110, render: date },
          { title: t('sales.delivery.customer'), dataIndex: 'customer' },
          { title: t('sales.delivery.order'), dataIndex: 'order', width: 150 },
          { title: t('sales.delivery.warehouse'), dataIndex: 'warehouse', width: 120 },
          { title: t('sales.delivery.carrier'), key: 'carrier', render: (_, d) => [d.carrier, d.tracking_number].filter(Boolean).join(' ') },
          { title: t('sales.delivery.shipped_on'), dataIndex: 'shipped_on', width: 110, render: date },
          { title: t('sales.delivery.value'), dataIndex: 'value', width: 110, align: 'right', render: (v: string) => money(v) },
        ]} />
    </Space>
  );
}
