// 报价单 (/sales/quotations/{id}): the quotation with the lines of a revision (every revision kept,
// with its totals, to compare), and its steps by status: 发送 (a draft) and 接受 (a sent one) while valid, 拒绝 with a
// reason, 修订 (the lines copied to the next revision, back to draft, whose quantities, prices and
// discounts are then changed here: PUT …/lines with the version), 转订单 (a draft sales order at the
// quoted prices, opened for editing). Each answers the quotation as it then is; a refusal
// (expired, not in the right status) shows as one line.
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { ReasonDialog } from '../../components/ReasonDialog';
import { formatDate } from '../../lib/format';
import { fractionOf, percentOf } from '../../lib/salesOrders';
import { useAsync } from '../../lib/useAsync';
import { money, problemText } from '../finance/common';
import { quantity } from '../purchasing/common';
import { QuotationRecommendations } from '../crm/customers/QuotationRecommendations';

export const QUOTATION_STATUS_COLOR: Record<string, string> = {
  draft: 'default', sent: 'processing', accepted: 'green', rejected: 'red', expired: 'orange', ordered: 'purple',
};

interface QuotationLine {
  line_no: number;
  item_id: number;
  uom_id: number;
  item_code: string;
  item_name: string;
  quantity: string;
  unit: string;
  price: string;
  discount: string;
  tax_rate: string;
  amount: string;
  tax: string;
}

interface Quotation {
  id: number;
  version: number;
  code: string | null;
  status: string;
  revision: number;
  lines_revision: number;
  customer: string;
  quote_date: string;
  valid_until: string;
  warehouse: string | null;
  amount: string;
  tax: string;
  total: string;
  sales_order_id: number | null;
  sales_order: string | null;
  notes: string | null;
  revisions: { revision: number; total: string }[];
  lines: QuotationLine[];
}

const percent = (fraction: string) => {
  const shown = percentOf(fraction);
  return shown ? `${shown} %` : '';
};

export default function QuotationDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { may } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [revision, setRevision] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const shown = useAsync(() => api.get<Quotation>(`/api/v1/quotations/${id}/lines`, revision === null ? {} : { revision }),
    [id, revision, tick]);
  const q = shown.data;
  // A draft's current revision is edited in place: quantity, price and discount per line.
  const [edits, setEdits] = useState<Record<number, { quantity: string; price: string; discount: string }> | null>(null);
  if (shown.error) return <Alert type="error" showIcon message={problemText(shown.error)} />;
  if (!q) return <Card loading />;
  const valid = q.valid_until >= dayjs().format('YYYY-MM-DD');

  const act = async (verb: 'send' | 'accept' | 'revise') => {
    setBusy(true);
    try {
      await api.post(`/api/v1/quotations/${id}/${verb}`, {});
      message.success(t(`sales.quotation.done.${verb}`));
      setRevision(null);
      setTick((n) => n + 1);
    } catch (error) {
      message.error(problemText(error));
      setTick((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const toOrder = async () => {
    setBusy(true);
    try {
      const order = await api.post<{ id: number; code: string }>(`/api/v1/quotations/${id}/to-order`, { order_date: dayjs().format('YYYY-MM-DD') });
      message.success(t('sales.quotation.done.to_order', { code: order.code }));
      navigate(`/sales/orders/${order.id}`);
    } catch (error) {
      message.error(problemText(error));
      setTick((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const editing = edits !== null;
  const startEditing = () => setEdits(Object.fromEntries(q.lines.map((l) => [l.line_no,
    { quantity: l.quantity, price: l.price, discount: percentOf(l.discount) }])));
  const saveLines = async () => {
    if (!edits) return;
    setBusy(true);
    try {
      await api.put(`/api/v1/quotations/${id}/lines`, {
        version: q.version,
        lines: q.lines.map((l) => ({
          item_id: l.item_id, uom_id: l.uom_id, tax_rate: l.tax_rate, quantity: edits[l.line_no].quantity.trim(),
          price: edits[l.line_no].price.trim(), discount: fractionOf(edits[l.line_no].discount || '0') ?? edits[l.line_no].discount,
        })),
      });
      message.success(t('sales.quotation.linesSaved'));
      setEdits(null);
      setTick((n) => n + 1);
    } catch (error) {
      message.error(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  const editCell = (l: QuotationLine, field: 'quantity' | 'price' | 'discount', shownText: string) => (editing
    ? <Input size="small" id={`qt-${l.line_no}-${field}`} className="verp-amount" inputMode="decimal" value={edits![l.line_no][field]}
      suffix={field === 'discount' ? '%' : undefined}
      onChange={(e) => setEdits((old) => ({ ...old!, [l.line_no]: { ...old![l.line_no], [field]: e.target.value } }))} />
    : shownText);

  const status = q.status;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="quotation-title">
          {t('sales.quotation.title')} {q.code}
          <Tag color={QUOTATION_STATUS_COLOR[status]} style={{ marginInlineStart: 12 }} data-testid="quotation-status">
            {t(`sales.quotation.status.${status}`, { defaultValue: status })}
          </Tag>
        </Typography.Title>
        <Space wrap>
          {status === 'draft' && may('quotation', 'send') && valid && (
            <Button type="primary" loading={busy} onClick={() => void act('send')} data-testid="quotation-send">{t('sales.quotation.send')}</Button>)}
          {status === 'sent' && may('quotation', 'accept') && valid && (
            <Button loading={busy} onClick={() => void act('accept')} data-testid="quotation-accept">{t('sales.quotation.accept')}</Button>)}
          {(status === 'draft' || status === 'sent') && may('quotation', 'reject') && (
            <Button danger onClick={() => setRejecting(true)} data-testid="quotation-reject">{t('sales.quotation.reject')}</Button>)}
          {status !== 'ordered' && may('quotation', 'revise') && (
            <Button loading={busy} onClick={() => void act('revise')} data-testid="quotation-revise">{t('sales.quotation.revise')}</Button>)}
          {(status === 'accepted' || (status === 'sent' && valid)) && may('sales_order', 'create') && (
            <Button type="primary" loading={busy} onClick={() => void toOrder()} data-testid="quotation-to-order">{t('sales.quotation.toOrder')}</Button>)}
          <Link to="/sales/quotations">{t('sales.quotation.toList')}</Link>
        </Space>
      </Space>
      {!valid && status !== 'ordered' && <Alert type="warning" showIcon message={t('sales.quotation.lapsed')} />}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={[
        { key: 'customer', label: t('sales.order.customer_id'), children: q.customer },
        { key: 'quote_date', label: t('sales.quotation.quote_date'), children: formatDate(q.quote_date, i18n.language) },
        { key: 'valid_until', label: t('sales.quotation.valid_until'), children: formatDate(q.valid_until, i18n.language) },
        { key: 'warehouse', label: t('sales.order.warehouse_id'), children: q.warehouse ?? '' },
        { key: 'total', label: t('sales.quotation.total'), children: <span data-testid="quotation-total">{money(q.total)}</span> },
        { key: 'order', label: t('sales.quotation.order'), children: q.sales_order_id
          ? <Link to={`/sales/orders/${q.sales_order_id}`}>{q.sales_order}</Link> : '' },
        { key: 'notes', label: t('sales.order.notes'), children: q.notes ?? '' },
      ]} />
      <Card size="small" title={t('sales.quotation.lines')} extra={
        <Space>
          {status === 'draft' && q.lines_revision === q.revision && may('quotation', 'update') && (editing
            ? <>
                <Button size="small" type="primary" loading={busy} onClick={() => void saveLines()} data-testid="quotation-save-lines">{t('sales.quotation.saveLines')}</Button>
                <Button size="small" onClick={() => setEdits(null)}>{t('sales.quotation.cancelEdit')}</Button>
              </>
            : <Button size="small" onClick={startEditing} data-testid="quotation-edit-lines">{t('sales.quotation.editLines')}</Button>)}
          <span>{t('sales.quotation.revision')}</span>
          <Select size="small" value={q.lines_revision} style={{ width: 220 }} data-testid="quotation-revision"
            options={q.revisions.map((r) => ({ value: r.revision, label: `${r.revision}${r.revision === q.revision ? ' ✓' : ''} · ${money(r.total)}` }))}
            onChange={(v: number) => setRevision(v)} />
        </Space>}>
        <Table<QuotationLine> rowKey="line_no" size="small" pagination={false} dataSource={q.lines} data-testid="quotation-lines"
          columns={[
            { title: '#', dataIndex: 'line_no', width: 48 },
            { title: t('supply.line.item'), key: 'item', render: (_, l) => `${l.item_code} ${l.item_name}` },
            { title: t('supply.line.quantity'), dataIndex: 'quantity', width: 110, align: 'right', render: (v: string, l) => editCell(l, 'quantity', quantity(v)) },
            { title: t('supply.line.unit'), dataIndex: 'unit', width: 70 },
            { title: t('supply.line.price'), dataIndex: 'price', width: 120, align: 'right', render: (v: string, l) => editCell(l, 'price', money(v)) },
            { title: t('sales.quotation.discount'), dataIndex: 'discount', width: 100, align: 'right', render: (v: string, l) => editCell(l, 'discount', percent(v)) },
            { title: t('supply.line.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: string) => money(v) },
            { title: t('supply.line.tax'), dataIndex: 'tax', width: 100, align: 'right', render: (v: string) => money(v) },
          ]} />
      </Card>
      <QuotationRecommendations quotationId={Number(id)} revision={q.revision} />
      {rejecting && (
        <ReasonDialog title={t('sales.quotation.reject')} help={t('sales.quotation.rejectHelp')} path={`/api/v1/quotations/${id}/reject`} danger
          onClose={() => setRejecting(false)} onDone={() => { setRejecting(false); setTick((n) => n + 1); }} />
      )}
    </Space>
  );
}
