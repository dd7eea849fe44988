// 采购订单: one order as it stands — its header, where it is on the way from draft to invoiced
// (steps, or closed / cancelled), its lines with what was ordered, received, rejected, returned
// and invoiced, its receipts and returns with their vouchers — and what can be done with it by
// status and grant: edit (a draft), submit for approval, amend / cancel / close with a reason,
// the PDF for the supplier, and the drawers to receive goods, return them and enter the
// supplier's invoice (three-way matched).
import { Alert, App, Button, Card, Descriptions, Space, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { loadOrder, type OrderLine, type OrderReceipt, type OrderRecord, type OrderSummary } from '../../api/purchasing';
import { useSession } from '../../auth/session';
import { ReasonDialog } from '../../components/ReasonDialog';
import { compare, scaled } from '../../lib/decimalMath';
import { formatDate } from '../../lib/format';
import { rateLabel } from '../../lib/invoices';
import { useAsync } from '../../lib/useAsync';
import { DownloadButton, money, problemText, VoucherLink } from '../finance/common';
import { OrderStatusTag, quantity } from './common';
import { InvoiceDrawer, ReceiveDrawer, ReturnDrawer } from './OrderDrawers';

export default function OrderDetail() {
  const { id = '' } = useParams();
  const { generation } = useSession();
  const data = useAsync(() => loadOrder(id), [id, generation]);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (!data.data) return <Card loading />;
  return <OrderView record={data.data.record} order={data.data.order} onChanged={data.reload} />;
}

const FLOW = ['draft', 'pending', 'approved', 'partly_received', 'received', 'invoiced'] as const;

const positive = (text: string) => compare(scaled(text) ?? { units: 0n, scale: 0 }, { units: 0n, scale: 0 }) > 0;

/** How far the goods came, from the lines: for a closed or cancelled order the steps stop there. */
function reached(order: OrderSummary): (typeof FLOW)[number] {
  const lines = order.lines;
  const anyReceived = lines.some((l) => positive(l.received));
  if (!anyReceived) return order.status === 'cancelled' ? 'draft' : 'approved';
  const all = (field: 'received' | 'invoiced') => lines.every((l) => compare(scaled(l[field]) ?? { units: 0n, scale: 0 }, scaled(l.quantity)!) >= 0);
  if (all('invoiced')) return 'invoiced';
  return all('received') ? 'received' : 'partly_received';
}

function OrderSteps({ order }: { order: OrderSummary }) {
  const { t } = useTranslation();
  const status = order.status;
  const ended = status === 'closed' || status === 'cancelled';
  const at = status === 'rejected' ? 'pending' : ended ? reached(order) : (status as (typeof FLOW)[number]);
  const index = FLOW.indexOf(at);
  const items = FLOW.slice(0, ended ? index + 1 : FLOW.length).map((s) => ({
    title: s === 'pending' && status === 'rejected' ? t('supply.status.rejected') : t(`supply.status.${s}`),
  }));
  if (ended) items.push({ title: t(`supply.status.${status}`) });
  const current = ended ? items.length - 1 : index;
  const state = status === 'rejected' || status === 'cancelled' ? 'error' : status === 'invoiced' || status === 'closed' ? 'finish' : 'process';
  return <Steps size="small" current={current} status={state} items={items} data-testid="order-steps" />;
}

type Verb = 'amend' | 'cancel' | 'close';

function OrderView({ record, order, onChanged }: { record: OrderRecord; order: OrderSummary; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { may } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState<Verb | null>(null);
  const [drawer, setDrawer] = useState<'receive' | 'return' | 'invoice' | null>(null);
  const status = order.status;
  const anyReceived = order.lines.some((l) => positive(l.received));
  const draft = status === 'draft' || status === 'rejected';
  const links = record._links ?? {};
  const date = (d: string | null | undefined) => (d ? formatDate(d, i18n.language) : '');

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const flow = await api.post<{ id: number; state: string }>('/api/v1/approvals', { document_type: 'purchase_order', document_id: order.id });
      message.success(t(flow.state === 'approved' ? 'supply.order.approvedAtOnce' : 'supply.order.submitted'));
      onChanged();
    } catch (e) {
      setFailure(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  const done = (answer: OrderSummary, text: string) => {
    setDrawer(null);
    message.success(text);
    // An amended order is a draft again, to be changed and submitted anew.
    if (answer.status === 'draft' && status !== 'draft') navigate(`/purchasing/orders/${order.id}/edit`);
    else onChanged();
  };

  const lineColumns = [
    { title: '#', dataIndex: 'line_no', width: 44 },
    { title: t('supply.line.item'), key: 'item', render: (_: unknown, l: OrderLine) => (
      <span>{l.item_code} {l.item_name}{l.specification ? <Typography.Text type="secondary"> {l.specification}</Typography.Text> : null}</span>
    ) },
    { title: t('supply.line.unit'), dataIndex: 'unit', width: 70 },
    ...(['quantity', 'received', 'rejected', 'returned', 'invoiced'] as const).map((key) => ({
      title: t(`supply.order.columns.${key}`), dataIndex: key, width: 90, align: 'right' as const,
      render: (v: string) => <span data-testid={`line-${key}`}>{quantity(v)}</span>,
    })),
    { title: t('supply.line.price'), dataIndex: 'price', width: 110, align: 'right' as const, render: (v: string) => quantity(v) },
    { title: t('supply.line.rate'), dataIndex: 'tax_rate', width: 70, render: (v: string) => rateLabel(v) },
    { title: t('supply.line.amount'), dataIndex: 'amount', width: 120, align: 'right' as const, render: (v: string) => money(v) },
    { title: t('supply.line.tax'), dataIndex: 'tax', width: 110, align: 'right' as const, render: (v: string) => money(v) },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="order-title">
          {t('supply.order.title')} {order.code} <OrderStatusTag status={status} />
          {order.revision > 0 && <Typography.Text type="secondary" style={{ fontSize: 14 }}> {t('supply.order.revision', { n: order.revision })}</Typography.Text>}
        </Typography.Title>
        <Link to="/purchasing/orders">{t('supply.order.toList')}</Link>
      </Space>
      <Card size="small"><OrderSteps order={order} /></Card>
      {failure && <Alert type="error" showIcon message={failure} data-testid="order-action-error" closable onClose={() => setFailure(null)} />}
      <Space wrap>
        {draft && may('purchase_order', 'update') && (
          <Button onClick={() => navigate(`/purchasing/orders/${order.id}/edit`)} data-testid="order-edit">{t('supply.order.edit')}</Button>
        )}
        {draft && may('purchase_order', 'update') && (
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="order-submit">{t('supply.order.submit')}</Button>
        )}
        {(status === 'approved' || status === 'partly_received') && may('goods_receipt', 'create') && (
          <>
            <Button type="primary" onClick={() => setDrawer('receive')} data-testid="order-receive">{t('supply.order.receive')}</Button>
            <Button onClick={() => navigate(`/purchasing/receiving?order=${order.id}`)}>{t('supply.order.receiveByScan')}</Button>
          </>
        )}
        {['partly_received', 'received', 'invoiced', 'closed'].includes(status) && anyReceived && may('goods_receipt', 'create') && (
          <Button onClick={() => setDrawer('return')} data-testid="order-return">{t('supply.order.return')}</Button>
        )}
        {['partly_received', 'received', 'closed'].includes(status) && may('supplier_invoice', 'create') && (
          <Button type={status === 'received' ? 'primary' : 'default'} onClick={() => setDrawer('invoice')} data-testid="order-invoice">
            {t('supply.order.invoice')}
          </Button>
        )}
        {status === 'approved' && !anyReceived && may('purchase_order', 'amend') && (
          <Button onClick={() => setAsking('amend')} data-testid="order-amend">{t('supply.order.amend')}</Button>
        )}
        {['approved', 'partly_received', 'received'].includes(status) && may('purchase_order', 'close') && (
          <Button onClick={() => setAsking('close')} data-testid="order-close">{t('supply.order.close')}</Button>
        )}
        {!anyReceived && !['pending', 'cancelled', 'closed'].includes(status) && may('purchase_order', 'cancel') && (
          <Button danger onClick={() => setAsking('cancel')} data-testid="order-cancel">{t('supply.order.cancel')}</Button>
        )}
        <DownloadButton path={`/api/v1/purchase-orders/${order.id}/pdf`} query={{}} format="pdf" testId="order-pdf" />
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="order-header" items={[
        { key: 'supplier', label: t('supply.order.supplier_id'), children: order.supplier },
        { key: 'order_date', label: t('supply.order.order_date'), children: date(order.order_date) },
        { key: 'expected_date', label: t('supply.order.expected_date'), children: date(record.expected_date) },
        { key: 'warehouse', label: t('supply.order.warehouse_id'), children: order.warehouse },
        { key: 'payment_term', label: t('supply.order.payment_term_id'), children: links.payment_term_id?.title ?? '' },
        { key: 'amount', label: t('supply.line.amount'), children: money(order.amount) },
        { key: 'tax', label: t('supply.line.tax'), children: <span data-testid="order-tax">{money(order.tax)}</span> },
        { key: 'total', label: t('supply.line.total'), children: <b data-testid="order-total-shown">{money(order.total)}</b> },
        { key: 'terms', label: t('supply.order.terms'), children: record.terms ?? '' },
        { key: 'notes', label: t('supply.order.notes'), children: record.notes ?? '' },
      ]} />
      <Table<OrderLine> rowKey="line_no" size="small" bordered pagination={false} dataSource={order.lines} scroll={{ x: 1100 }}
        data-testid="order-view-lines" columns={lineColumns} />
      <Card size="small" title={t('supply.receipts.title')} data-testid="order-receipts">
        <Table<OrderReceipt> rowKey="id" size="small" pagination={false} dataSource={order.receipts ?? []}
          locale={{ emptyText: t('supply.receipts.none') }}
          columns={[
            { title: t('supply.receipts.number'), dataIndex: 'number', width: 160 },
            { title: t('supply.receipts.kind'), dataIndex: 'kind', width: 100, render: (k: string) => t(`supply.receipts.kinds.${k}`, { defaultValue: k }) },
            { title: t('supply.receipts.date'), dataIndex: 'date', width: 120, render: (d: string) => date(d) },
            { title: t('supply.receipts.warehouse'), dataIndex: 'warehouse' },
            { title: t('supply.receipts.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '' },
            { title: t('supply.receipts.value'), dataIndex: 'value', width: 130, align: 'right', render: (v: string) => money(v) },
            { title: t('supply.receipts.voucher'), dataIndex: 'voucher_id', width: 150,
              render: (v: number | null) => (v ? <VoucherLink id={v} testId={`receipt-voucher-${v}`} /> : '') },
          ]} />
      </Card>
      {asking && (
        <ReasonDialog<OrderSummary> title={t(`supply.order.verbTitle.${asking}`, { code: order.code })} help={t(`supply.order.verbHelp.${asking}`)}
          path={`/api/v1/purchase-orders/${order.id}/${asking}`} danger={asking === 'cancel'} onClose={() => setAsking(null)}
          onDone={(answer) => {
            const verb = asking;
            setAsking(null);
            done(answer, t(`supply.order.didVerb.${verb}`));
          }} />
      )}
      {drawer === 'receive' && <ReceiveDrawer order={order} onClose={() => setDrawer(null)} onDone={(a) => done(a, t('supply.receive.posted'))} />}
      {drawer === 'return' && <ReturnDrawer order={order} onClose={() => setDrawer(null)} onDone={(a) => done(a, t('supply.ret.posted'))} />}
      {drawer === 'invoice' && <InvoiceDrawer order={order} onClose={() => setDrawer(null)} onDone={(a) => done(a, t('supply.inv.posted'))} />}
    </Space>
  );
}
