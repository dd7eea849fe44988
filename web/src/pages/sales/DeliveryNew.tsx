// 新建发货单 (/sales/deliveries/new?order=): a delivery note from an order's open lines — what is
// still to ship and not on a delivery being picked, each proposed in full and changeable — with
// the date, carrier and tracking number (POST /api/v1/deliveries). The server's refusals land on
// their row ("lines[1].quantity" beyond what is open).
import { Alert, Button, Card, DatePicker, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Problem } from '../../api/problem';
import { loadSalesOrder, type Delivery, type SalesOrder } from '../../api/sales';
import { CellError } from '../../components/LineGrid';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import { linesProblem } from '../../lib/lineErrors';
import { deliveryBody, deliveryRows, type DeliveryRow } from '../../lib/salesOrders';
import { useAsync } from '../../lib/useAsync';
import { problemText } from '../finance/common';
import { quantity } from '../purchasing/common';
import { Field } from './common';

export default function DeliveryNew() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const id = params.get('order');
  const order = useAsync(() => (id ? loadSalesOrder(id) : Promise.resolve(null)), [id]);
  if (!id) return <Alert type="info" showIcon message={t('sales.delivery.fromOrder')} />;
  if (order.error) return <Alert type="error" showIcon message={problemText(order.error)} />;
  if (!order.data) return <Card loading />;
  return <DeliveryForm order={order.data} />;
}

function DeliveryForm({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const { errors, general, busy, submit, clearRow } = useLinesForm((problem: Problem, rows: number[]) =>
    linesProblem(problem, rows, ['date', 'carrier', 'tracking_number'], { line_no: 'item', order_id: 'item' }));
  const { lines: rows, setLine: setRow } = useLines<DeliveryRow>(() => deliveryRows(order), clearRow);
  const create = async () => {
    const { body, rows: sent } = deliveryBody({ date, carrier, tracking_number: tracking }, rows);
    await submit(sent, async () => {
      const made = await api.post<Delivery>('/api/v1/deliveries', body);
      navigate(`/sales/deliveries/${made.id}`);
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="delivery-new-title">
          {t('sales.delivery.newTitle', { code: order.code, customer: order.customer })}
        </Typography.Title>
        <Link to={`/sales/orders/${order.id}`}>{t('sales.order.back')}</Link>
      </Space>
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="delivery-errors" />}
      <Card size="small">
        <Space wrap align="start" size="middle">
          <Field label={t('sales.delivery.date')} width={160} error={errors.date}>
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('sales.delivery.date')} />
          </Field>
          <Field label={t('sales.delivery.carrierName')} width={200} error={errors.carrier}>
            <Input id="delivery-carrier" value={carrier} maxLength={100} onChange={(e) => setCarrier(e.target.value)} aria-label={t('sales.delivery.carrierName')} />
          </Field>
          <Field label={t('sales.delivery.tracking')} width={220} error={errors.tracking_number}>
            <Input id="delivery-tracking" value={tracking} maxLength={100} onChange={(e) => setTracking(e.target.value)} aria-label={t('sales.delivery.tracking')} />
          </Field>
        </Space>
      </Card>
      <Table<DeliveryRow & { i: number }> rowKey="line_no" size="small" bordered pagination={false} data-testid="delivery-new-lines"
        dataSource={rows.map((r, i) => ({ ...r, i }))} locale={{ emptyText: t('sales.delivery.nothingOpen') }}
        columns={[
          { title: '#', dataIndex: 'line_no', width: 44 },
          { title: t('supply.line.item'), key: 'item', render: (_, r) => <>{r.item}<CellError messages={errors[`lines[${r.i}].item`]} /></> },
          { title: t('supply.line.unit'), dataIndex: 'unit', width: 60 },
          { title: t('sales.delivery.open'), dataIndex: 'open', width: 90, align: 'right', render: quantity },
          { title: t('sales.order.columns.reserved'), dataIndex: 'reserved', width: 90, align: 'right', render: quantity },
          { title: t('sales.delivery.quantity'), key: 'quantity', width: 140, render: (_, r) => (
            <>
              <Input id={`dn-${r.i}-quantity`} className="verp-amount" inputMode="decimal" value={r.quantity}
                status={errors[`lines[${r.i}].quantity`] ? 'error' : undefined} aria-label={`${t('sales.delivery.quantity')} ${r.i + 1}`}
                onChange={(e) => setRow(r.i, { quantity: e.target.value })} />
              <CellError messages={errors[`lines[${r.i}].quantity`]} testId={`dn-error-${r.i}-quantity`} />
            </>
          ) },
        ]} />
      <CellError messages={errors.lines} />
      <Button type="primary" loading={busy} disabled={!rows.length} onClick={() => void create()} data-testid="delivery-create">{t('sales.delivery.create')}</Button>
    </Space>
  );
}
