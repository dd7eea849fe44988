// 销售订单: one order as it stands (GET /sales-orders/{id}/lines) — where it is on the way
// 已下单 → 备货中 → 已发货 → 已完成, its lines with ordered / reserved / shortfall / shipped /
// invoiced / cancelled / back order, its money (total, invoiced, collected, open), its deliveries
// and invoices, and the timeline of who did what and when — and what its status allows: edit and
// submit a draft (提交确认 through the approval engine), hold / release / cancel / amend with a
// reason, reserve again, requisitions for the shortfall, ship (a delivery from its open lines),
// take goods back (退货 drawer), the order confirmation PDF.
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { loadSalesOrder, type OrderDelivery, type OrderInvoice, type SalesOrder, type SalesOrderLine, type TimelineEvent } from '../../api/sales';
import { useSession } from '../../auth/session';
import { ReasonDialog } from '../../components/ReasonDialog';
import { formatDate, formatDateTime } from '../../lib/format';
import { rateLabel } from '../../lib/invoices';
import { percentOf } from '../../lib/salesOrders';
import { salesActions, timelineView } from '../../lib/salesStatus';
import { useAsync } from '../../lib/useAsync';
import { DownloadButton, money, problemText, VoucherLink } from '../finance/common';
import { quantity } from '../purchasing/common';
import { DeliveryStateTag, SalesStatusTag, SalesSteps } from './common';
import { ReturnDrawer } from './SalesReturnDrawer';

export default function SalesOrderDetail() {
  const { id = '' } = useParams();
  const { generation } = useSession();
  const data = useAsync(() => loadSalesOrder(id), [id, generation]);
  const timeline = useAsync(() => api.get<{ items: TimelineEvent[] }>(`/api/v1/sales-orders/${id}/timeline`), [id, generation, data.data?.version]);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (!data.data) return <Card loading />;
  return <OrderView order={data.data} events={timeline.data?.items} eventsError={timeline.error} onChanged={data.reload} />;
}

type Verb = 'hold' | 'release' | 'cancel' | 'amend';
const GRANT: Record<Verb, string> = { hold: 'hold', release: 'hold', cancel: 'cancel', amend: 'amend' };

function OrderView({ order, events, eventsError, onChanged }: { order: SalesOrder; events?: TimelineEvent[]; eventsError: unknown; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { may } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState<Verb | null>(null);
  const [returning, setReturning] = useState(false);
  const actions = salesActions(order);
  const date = (d: string | null | undefined) => (d ? formatDate(d, i18n.language) : '');

  const run = async (key: string, action: () => Promise<string>) => {
    setBusy(key);
    setFailure(null);
    try {
      message.success(await action());
      onChanged();
    } catch (e) {
      setFailure(problemText(e));
    } finally {
      setBusy(null);
    }
  };
  const submit = () => run('submit', async () => {
    const flow = await api.post<{ state: string }>('/api/v1/approvals', { document_type: 'sales_order', document_id: order.id });
    return t(flow.state === 'approved' ? 'sales.order.confirmedAtOnce' : 'sales.order.submitted');
  });
  const reserve = () => run('reserve', async () => {
    await api.post(`/api/v1/sales-orders/${order.id}/reserve`, {});
    return t('sales.order.reserved');
  });
  const requisitions = () => run('requisitions', async () => {
    const made = await api.post<{ created: number }>(`/api/v1/sales-orders/${order.id}/requisitions`, {});
    return t('sales.order.requisitioned', { n: made.created });
  });

  const show = (action: (typeof actions)[number], resource: string, grant: string) => actions.includes(action) && may(resource, grant);
  const lineColumns = [
    { title: '#', dataIndex: 'line_no', width: 44 },
    { title: t('supply.line.item'), key: 'item', render: (_: unknown, l: SalesOrderLine) => (
      <span>{l.item_code} {l.item_name}{l.specification ? <Typography.Text type="secondary"> {l.specification}</Typography.Text> : null}</span>
    ) },
    { title: t('supply.line.unit'), dataIndex: 'unit', width: 64 },
    ...(['quantity', 'reserved', 'shortfall', 'shipped', 'invoiced', 'cancelled', 'backorder'] as const).map((key) => ({
      title: t(`sales.order.columns.${key}`), dataIndex: key, width: 84, align: 'right' as const,
      render: (v: string) => <span data-testid={`line-${key}`} style={key === 'shortfall' && v !== '0' ? { color: '#cf1322' } : undefined}>{quantity(v)}</span>,
    })),
    { title: t('sales.order.price'), dataIndex: 'price', width: 100, align: 'right' as const, render: (v: string) => quantity(v) },
    { title: t('sales.order.discount'), dataIndex: 'discount', width: 70, align: 'right' as const, render: (v: string) => (percentOf(v) ? `${percentOf(v)}%` : '') },
    { title: t('supply.line.rate'), dataIndex: 'tax_rate', width: 64, render: (v: string) => rateLabel(v) },
    { title: t('supply.line.amount'), dataIndex: 'amount', width: 110, align: 'right' as const, render: (v: string) => money(v) },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="sales-title">
          {t('sales.order.title')} {order.code} <SalesStatusTag status={order.status} />
          {order.revision > 0 && <Typography.Text type="secondary" style={{ fontSize: 14 }}> {t('supply.order.revision', { n: order.revision })}</Typography.Text>}
        </Typography.Title>
        <Link to="/sales/orders">{t('sales.order.toList')}</Link>
      </Space>
      <Card size="small"><SalesSteps order={order} /></Card>
      {failure && <Alert type="error" showIcon message={failure} data-testid="sales-action-error" closable onClose={() => setFailure(null)} />}
      <Space wrap>
        {show('edit', 'sales_order', 'update') && (
          <Button onClick={() => navigate(`/sales/orders/${order.id}/edit`)} data-testid="sales-edit">{t('supply.order.edit')}</Button>
        )}
        {show('submit', 'sales_order', 'update') && (
          <Button type="primary" loading={busy === 'submit'} onClick={() => void submit()} data-testid="sales-submit">{t('sales.order.submit')}</Button>
        )}
        {show('ship', 'delivery', 'create') && (
          <Button type="primary" onClick={() => navigate(`/sales/deliveries/new?order=${order.id}`)} data-testid="sales-ship">{t('sales.order.ship')}</Button>
        )}
        {show('reserve', 'sales_order', 'update') && (
          <Button loading={busy === 'reserve'} onClick={() => void reserve()} data-testid="sales-reserve">{t('sales.order.reserve')}</Button>
        )}
        {show('requisitions', 'purchase_requisition', 'create') && (
          <Button loading={busy === 'requisitions'} onClick={() => void requisitions()} data-testid="sales-requisitions">{t('sales.order.requisitions')}</Button>
        )}
        {show('return', 'sales_return', 'create') && (
          <Button onClick={() => setReturning(true)} data-testid="sales-return">{t('sales.order.return')}</Button>
        )}
        {(['hold', 'release', 'amend', 'cancel'] as const).filter((v) => show(v, 'sales_order', GRANT[v])).map((v) => (
          <Button key={v} danger={v === 'cancel'} onClick={() => setAsking(v)} data-testid={`sales-${v}`}>{t(`sales.order.verbs.${v}`)}</Button>
        ))}
        <DownloadButton path={`/api/v1/sales-orders/${order.id}/pdf`} query={{}} format="pdf" testId="sales-pdf" />
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="sales-header" items={[
        { key: 'customer', label: t('sales.order.customer_id'), children: order.customer },
        { key: 'order_date', label: t('sales.order.order_date'), children: date(order.order_date) },
        { key: 'delivery_date', label: t('sales.order.delivery_date'), children: date(order.delivery_date) },
        { key: 'warehouse', label: t('sales.order.warehouse_id'), children: order.warehouse },
        { key: 'salesperson', label: t('sales.order.salesperson'), children: order.salesperson ?? '' },
        { key: 'customer_po', label: t('sales.order.customer_po'), children: order.customer_po ?? '' },
        { key: 'ship_to', label: t('sales.order.ship_to'), children: order.ship_to ?? '' },
        { key: 'notes', label: t('sales.order.notes'), children: order.notes ?? '' },
      ]} />
      <Row gutter={[16, 16]}>
        {([['total', order.total], ['invoiced', order.invoiced_total], ['collected', order.collected], ['open', order.open_amount]] as const).map(([key, value]) => (
          <Col key={key} xs={12} md={6}>
            <Card size="small" data-testid={`sales-money-${key}`}>
              <Statistic title={t(`sales.order.money.${key}`)} value={money(value)} prefix="¥"
                valueStyle={key === 'open' && value !== '0.00' ? { color: '#cf1322' } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      <Table<SalesOrderLine> rowKey="line_no" size="small" bordered pagination={false} dataSource={order.lines} scroll={{ x: 1200 }}
        data-testid="sales-view-lines" columns={lineColumns} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Card size="small" title={t('sales.order.deliveries')} data-testid="sales-deliveries">
              <Table<OrderDelivery> rowKey="id" size="small" pagination={false} dataSource={order.deliveries}
                locale={{ emptyText: t('sales.order.noDeliveries') }}
                columns={[
                  { title: t('sales.delivery.number'), dataIndex: 'number', render: (n: string, d) => <Link to={`/sales/deliveries/${d.id}`}>{n}</Link> },
                  { title: t('sales.delivery.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(`sales.delivery.kinds.${k}`, { defaultValue: k }) },
                  { title: t('sales.delivery.state'), dataIndex: 'state', width: 90, render: (s: string) => <DeliveryStateTag state={s} /> },
                  { title: t('sales.delivery.shipped_on'), dataIndex: 'shipped_on', width: 110, render: date },
                  { title: t('sales.delivery.carrier'), key: 'carrier', render: (_, d) => [d.carrier, d.tracking_number].filter(Boolean).join(' ') },
                ]} />
            </Card>
            <Card size="small" title={t('sales.order.invoices')} data-testid="sales-invoices">
              <Table<OrderInvoice> rowKey="id" size="small" pagination={false} dataSource={order.invoices}
                locale={{ emptyText: t('sales.order.noInvoices') }}
                columns={[
                  { title: t('sales.invoice.number'), dataIndex: 'number', width: 150 },
                  { title: t('sales.invoice.date'), dataIndex: 'date', width: 110, render: date },
                  { title: t('sales.invoice.due_date'), dataIndex: 'due_date', width: 110, render: date },
                  { title: t('sales.invoice.total'), dataIndex: 'total', width: 110, align: 'right', render: (v: string) => money(v) },
                  { title: t('sales.invoice.open'), dataIndex: 'open', width: 110, align: 'right', render: (v: string) => money(v) },
                  { title: t('sales.invoice.voucher'), dataIndex: 'voucher_id', width: 140, render: (v: number | null) => (v ? <VoucherLink id={v} /> : '') },
                ]} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('sales.timeline.title')} data-testid="sales-timeline">
            {eventsError != null && <Alert type="warning" showIcon message={problemText(eventsError)} />}
            <Timeline items={(events ?? []).map((e, i) => {
              const view = timelineView(e);
              const values = { ...view.values, status: view.values.status ? t(`sales.status.${view.values.status}`) : '', amount: view.values.amount ? money(view.values.amount) : '' };
              return {
                key: i,
                color: view.color,
                children: (
                  <div data-testid="timeline-event">
                    <div>{t(`sales.timeline.events.${view.kind}`, { ...values, defaultValue: e.event })}
                      {view.values.reason && <Typography.Text type="secondary">（{t('supply.order.reason')}：{view.values.reason}）</Typography.Text>}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.user} · {formatDateTime(e.at, i18n.language)}</Typography.Text>
                  </div>
                ),
              };
            })} />
          </Card>
        </Col>
      </Row>
      {asking && (
        <ReasonDialog<SalesOrder> title={t(`sales.order.verbTitle.${asking}`, { code: order.code })} help={t(`sales.order.verbHelp.${asking}`)}
          path={`/api/v1/sales-orders/${order.id}/${asking}`} danger={asking === 'cancel'} onClose={() => setAsking(null)}
          onDone={(answer) => {
            const verb = asking;
            setAsking(null);
            message.success(t(`sales.order.didVerb.${verb}`));
            if (answer.status === 'draft' && verb === 'amend') navigate(`/sales/orders/${order.id}/edit`);
            else onChanged();
          }} />
      )}
      {returning && <ReturnDrawer order={order} onClose={() => setReturning(false)} onDone={() => {
        setReturning(false);
        message.success(t('sales.ret.posted'));
        onChanged();
      }} />}
    </Space>
  );
}
