// 发货单 (/sales/deliveries/{id}): the note's header and lines, the pick list to download (PDF to
// print, Excel), and while it is being picked: 发货 with the date, carrier and tracking number
// (POST …/{id}/ship — the goods leave the warehouse against the orders' reservations) or 取消.
import { Alert, App, Button, Card, DatePicker, Descriptions, Input, Popconfirm, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Delivery, DeliveryLine } from '../../api/sales';
import { useSession } from '../../auth/session';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { DownloadButton, money, problemText, VoucherLink } from '../finance/common';
import { quantity } from '../purchasing/common';
import { DeliveryStateTag, Field } from './common';

export default function DeliveryDetail() {
  const { id = '' } = useParams();
  const { generation } = useSession();
  const data = useAsync(() => api.get<Delivery>(`/api/v1/deliveries/${id}`), [id, generation]);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (!data.data) return <Card loading />;
  return <DeliveryView key={data.data.state} delivery={data.data} onChanged={(d) => data.setData(d)} />;
}

function DeliveryView({ delivery, onChanged }: { delivery: Delivery; onChanged: (d: Delivery) => void }) {
  const { t, i18n } = useTranslation();
  const { may } = useSession();
  const { message } = App.useApp();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [carrier, setCarrier] = useState(delivery.carrier ?? '');
  const [tracking, setTracking] = useState(delivery.tracking_number ?? '');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const picking = delivery.state === 'picking' && may('delivery', 'update');
  const date_ = (d: string | null) => (d ? formatDate(d, i18n.language) : '');
  const orders = [...new Map(delivery.lines.map((l) => [l.order_id, l.order])).entries()];

  const act = async (verb: 'ship' | 'cancel') => {
    setBusy(verb);
    setFailure(null);
    try {
      const body = verb === 'ship' ? { date, ...(carrier.trim() ? { carrier: carrier.trim() } : {}), ...(tracking.trim() ? { tracking_number: tracking.trim() } : {}) } : {};
      const answer = await api.post<Delivery>(`/api/v1/deliveries/${delivery.id}/${verb}`, body);
      message.success(t(verb === 'ship' ? 'sales.delivery.shipped' : 'sales.delivery.cancelled'));
      onChanged(answer);
    } catch (e) {
      setFailure(problemText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="delivery-title">
          {t(`sales.delivery.kinds.${delivery.kind}`, { defaultValue: delivery.kind })} {delivery.number} <DeliveryStateTag state={delivery.state} />
        </Typography.Title>
        <Link to="/sales/deliveries">{t('sales.delivery.toList')}</Link>
      </Space>
      {failure && <Alert type="error" showIcon message={failure} data-testid="delivery-action-error" closable onClose={() => setFailure(null)} />}
      <Space wrap>
        <DownloadButton path={`/api/v1/deliveries/${delivery.id}/pick-list`} query={{}} format="pdf" testId="pick-list-pdf" />
        <DownloadButton path={`/api/v1/deliveries/${delivery.id}/pick-list`} query={{}} format="xlsx" testId="pick-list-xlsx" />
        {picking && (
          <Popconfirm title={t('sales.delivery.cancelConfirm')} onConfirm={() => void act('cancel')}>
            <Button danger loading={busy === 'cancel'} data-testid="delivery-cancel">{t('sales.delivery.cancel')}</Button>
          </Popconfirm>
        )}
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="delivery-header" items={[
        { key: 'customer', label: t('sales.delivery.customer'), children: delivery.customer },
        { key: 'orders', label: t('sales.delivery.order'), children: <Space wrap>{orders.map(([id, code]) => <Link key={id} to={`/sales/orders/${id}`}>{code}</Link>)}</Space> },
        { key: 'warehouse', label: t('sales.delivery.warehouse'), children: delivery.warehouse },
        { key: 'date', label: t('sales.delivery.date'), children: date_(delivery.date) },
        { key: 'shipped_on', label: t('sales.delivery.shipped_on'), children: date_(delivery.shipped_on) },
        { key: 'carrier', label: t('sales.delivery.carrier'), children: <span data-testid="delivery-carrier-shown">{[delivery.carrier, delivery.tracking_number].filter(Boolean).join(' ')}</span> },
        { key: 'value', label: t('sales.delivery.value'), children: money(delivery.value) },
        { key: 'voucher', label: t('sales.invoice.voucher'), children: delivery.voucher_id ? <VoucherLink id={delivery.voucher_id} /> : '' },
        ...(delivery.reason ? [{ key: 'reason', label: t('sales.ret.reason'), children: delivery.reason }] : []),
      ]} />
      <Table<DeliveryLine> rowKey="seq" size="small" bordered pagination={false} dataSource={delivery.lines} data-testid="delivery-lines"
        columns={[
          { title: '#', dataIndex: 'seq', width: 44 },
          { title: t('sales.delivery.order'), dataIndex: 'order', width: 150 },
          { title: t('supply.line.item'), key: 'item', render: (_, l) => `${l.item_code} ${l.item_name}` },
          { title: t('supply.line.quantity'), dataIndex: 'quantity', width: 90, align: 'right', render: quantity },
          { title: t('supply.line.unit'), dataIndex: 'unit', width: 60 },
          { title: t('sales.delivery.lot'), dataIndex: 'lot_number', width: 120 },
          { title: t('sales.delivery.location'), dataIndex: 'location', width: 120 },
          { title: t('sales.delivery.value'), dataIndex: 'value', width: 110, align: 'right', render: (v: string) => money(v) },
        ]} />
      {picking && (
        <Card size="small" title={t('sales.delivery.shipTitle')} data-testid="delivery-ship-card">
          <Space wrap align="end" size="middle">
            <Field label={t('sales.delivery.shipDate')} width={160}>
              <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('sales.delivery.shipDate')} />
            </Field>
            <Field label={t('sales.delivery.carrierName')} width={200}>
              <Input id="ship-carrier" value={carrier} maxLength={100} onChange={(e) => setCarrier(e.target.value)} aria-label={t('sales.delivery.carrierName')} />
            </Field>
            <Field label={t('sales.delivery.tracking')} width={220}>
              <Input id="ship-tracking" value={tracking} maxLength={100} onChange={(e) => setTracking(e.target.value)} aria-label={t('sales.delivery.tracking')} />
            </Field>
            <Button type="primary" loading={busy === 'ship'} onClick={() => void act('ship')} data-testid="delivery-ship">{t('sales.delivery.ship')}</Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
