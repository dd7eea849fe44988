// 采购收货 at the dock, with a barcode scanner: the approved and partly received orders to pick
// from (or the order's number scanned off the delivery note), then the receipt form with its
// scan input keeping the focus — every scan of an item, box or lot label counts on the order
// line expecting it, beeps and flashes the row. Posting books the goods in; the order is shown
// again with what is still expected, or another one is picked.
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { OrderSummary } from '../../api/purchasing';
import type { EntityRecord, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { beep } from '../../components/ScanInput';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { money, problemText } from '../finance/common';
import { OrderStatusTag } from './common';
import { ReceiptForm } from './ReceiptForm';

const RECEIVABLE = 'approved,partly_received';

export default function Receiving() {
  const [params, setParams] = useSearchParams();
  const id = params.get('order');
  const choose = (order: number | null) => setParams(order ? { order: String(order) } : {}, { replace: false });
  return id ? <ReceivingOrder id={id} onChange={() => choose(null)} /> : <PickOrder onPick={choose} />;
}

function PickOrder({ onPick }: { onPick: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const orders = useAsync(
    () => api.get<Page<EntityRecord>>('/api/v1/purchase-orders', { 'status.in': RECEIVABLE, sort: 'expected_date', limit: 100 }),
    [generation],
  );
  // The order number scanned or typed: found among the receivable orders of the company.
  const find = async (text: string) => {
    const wanted = text.trim();
    if (!wanted) return;
    setFailure(null);
    try {
      const found = await api.get<Page<EntityRecord>>('/api/v1/purchase-orders', { code: wanted, 'status.in': RECEIVABLE, limit: 2 });
      const hit = found.items.find((o) => String(o.code).toUpperCase() === wanted.toUpperCase());
      if (hit) {
        beep(true);
        onPick(hit.id);
      } else {
        beep(false);
        setFailure(t('supply.receive.orderNotFound', { code: wanted }));
      }
    } catch (e) {
      setFailure(problemText(e));
    }
    setCode('');
  };
  const link = (r: EntityRecord, field: string) => (r._links?.[field] as { title?: string } | undefined)?.title ?? '';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.receive.title')}</Typography.Title>
      <Input.Search id="receiving-order" size="large" autoFocus value={code} onChange={(e) => setCode(e.target.value)} onSearch={(v) => void find(v)}
        placeholder={t('supply.receive.pickOrder')} aria-label={t('supply.receive.pickOrder')} style={{ maxWidth: 520 }} enterButton autoComplete="off" />
      {failure && <Alert type="warning" showIcon message={failure} data-testid="receiving-not-found" />}
      {orders.error != null && <Alert type="error" showIcon message={problemText(orders.error)} />}
      <Table<EntityRecord> rowKey="id" size="middle" loading={orders.loading} dataSource={orders.data?.items ?? []} pagination={false}
        data-testid="receivable-orders" locale={{ emptyText: t('supply.receive.noOrders') }}
        onRow={(r) => ({ onClick: () => onPick(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('supply.order.code'), dataIndex: 'code', render: (c: string, r) => <a data-testid={`receive-order-${r.id}`}>{c}</a> },
          { title: t('supply.order.supplier_id'), key: 'supplier', render: (_, r) => link(r, 'supplier_id') },
          { title: t('supply.order.warehouse_id'), key: 'warehouse', render: (_, r) => link(r, 'warehouse_id') },
          { title: t('supply.order.expected_date'), dataIndex: 'expected_date', render: (d: string | null) => (d ? formatDate(d, i18n.language) : '') },
          { title: t('supply.order.status'), dataIndex: 'status', render: (s: string) => <OrderStatusTag status={s} /> },
          { title: t('supply.line.total'), dataIndex: 'total', align: 'right', render: (v: string) => money(v) },
        ]} />
    </Space>
  );
}

function ReceivingOrder({ id, onChange }: { id: string; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { generation } = useSession();
  const order = useAsync(() => api.get<OrderSummary>(`/api/v1/purchase-orders/${id}/lines`), [id, generation]);
  const [last, setLast] = useState<OrderSummary | null>(null);
  if (order.error) return <Alert type="error" showIcon message={problemText(order.error)} />;
  if (!order.data) return <Card loading />;
  const o = order.data;
  const receivable = o.status === 'approved' || o.status === 'partly_received';
  const receipt = last?.receipts?.[last.receipts.length - 1];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="receiving-title">
          {t('supply.receive.title')} · {o.code} <OrderStatusTag status={o.status} />
        </Typography.Title>
        <Space>
          <Link to={`/purchasing/orders/${o.id}`}>{t('supply.receive.openOrder')}</Link>
          <Button onClick={onChange} data-testid="receiving-change">{t('supply.receive.change')}</Button>
        </Space>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 3 }} items={[
        { key: 'supplier', label: t('supply.order.supplier_id'), children: o.supplier },
        { key: 'warehouse', label: t('supply.order.warehouse_id'), children: o.warehouse },
        { key: 'total', label: t('supply.line.total'), children: money(o.total) },
      ]} />
      {receipt && (
        <Alert type="success" showIcon data-testid="receiving-posted"
          message={t('supply.receive.postedAs', { number: receipt.number, value: money(receipt.value) })} />
      )}
      {receivable
        ? <ReceiptForm key={o.version} order={o} scanning onPosted={() => {
          message.success(t('supply.receive.posted'));
          // The receipt's answer is the order; its receipts (with the new one's number) come with the lines.
          void api.get<OrderSummary>(`/api/v1/purchase-orders/${id}/lines`).then((fresh) => {
            setLast(fresh);
            order.setData(fresh);
          }, () => order.reload());
        }} />
        : <Alert type="info" showIcon message={t('supply.receive.notReceivable')} data-testid="receiving-done" />}
    </Space>
  );
}
