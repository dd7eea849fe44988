// 开票与收款 (/sales/invoices): the sales invoices and credit notes (GET /api/v1/sales-invoices)
// with what is still open and the due date (overdue in red); 开票 from a customer's shipped
// deliveries not yet invoiced (POST /api/v1/sales-invoices {customer_id, date, delivery_ids}); 登记收款
// (POST /api/v1/customer-receipts) shows the voucher it made, a draft for the cashier.
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Input, Result, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { DeliveryHead, ReceiptVoucher, SalesInvoice } from '../../api/sales';
import { useSession } from '../../auth/session';
import { CellError } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { useLinesForm } from '../../components/useLinesForm';
import { parseDecimalInput } from '../../lib/decimal';
import { formatDate } from '../../lib/format';
import { linesProblem } from '../../lib/lineErrors';
import { isOverdue } from '../../lib/salesOrders';
import { useAsync } from '../../lib/useAsync';
import { money, problemText, VoucherLink } from '../finance/common';
import { Field } from './common';

export default function SalesInvoices() {
  const { t, i18n } = useTranslation();
  const { generation, may } = useSession();
  const [drawer, setDrawer] = useState<'invoice' | 'receipt' | null>(null);
  const list = useAsync(() => api.get<{ items: SalesInvoice[] }>('/api/v1/sales-invoices'), [generation]);
  const today = dayjs().format('YYYY-MM-DD');
  const date = (d: string | null) => (d ? formatDate(d, i18n.language) : '');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('sales.invoice.title')}</Typography.Title>
        <Space>
          {may('customer_invoice', 'create') && <Button type="primary" onClick={() => setDrawer('invoice')} data-testid="invoice-new">{t('sales.invoice.create')}</Button>}
          {may('receipt', 'create') && <Button onClick={() => setDrawer('receipt')} data-testid="receipt-new">{t('sales.receipt.create')}</Button>}
        </Space>
      </Space>
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<SalesInvoice> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="sales-invoice-list"
        scroll={{ x: 1100 }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowClassName={(r) => (isOverdue(r, today) ? 'verp-bad-row' : '')}
        columns={[
          { title: t('sales.invoice.number'), dataIndex: 'number', width: 150 },
          { title: t('sales.invoice.customer'), dataIndex: 'customer' },
          { title: t('sales.delivery.order'), dataIndex: 'order', width: 150 },
          { title: t('sales.invoice.date'), dataIndex: 'date', width: 110, render: date },
          { title: t('sales.invoice.due_date'), dataIndex: 'due_date', width: 130, render: (d: string | null, r) => (
            <span style={isOverdue(r, today) ? { color: '#cf1322', fontWeight: 600 } : undefined}>
              {date(d)}{isOverdue(r, today) && <Tag color="red" style={{ marginInlineStart: 4 }}>{t('sales.invoice.overdue')}</Tag>}
            </span>
          ) },
          { title: t('sales.invoice.total'), dataIndex: 'total', width: 120, align: 'right', render: (v: string) => money(v) },
          { title: t('sales.invoice.open'), dataIndex: 'open', width: 120, align: 'right', render: (v: string) => <span data-testid="invoice-open">{money(v)}</span> },
          { title: t('sales.invoice.voucher'), dataIndex: 'voucher_id', width: 150, render: (v: number | null, r) => (
            v ? <Space size={4}><VoucherLink id={v} />{!r.voucher_posted && <Tag>{t('sales.invoice.unposted')}</Tag>}</Space> : ''
          ) },
        ]} />
      {drawer === 'invoice' && <InvoiceDrawer onClose={() => setDrawer(null)} onDone={() => {
        setDrawer(null);
        list.reload();
      }} />}
      {drawer === 'receipt' && <ReceiptDrawer onClose={() => { setDrawer(null); list.reload(); }} />}
    </Space>
  );
}

/** The customer's shipped deliveries no invoice names yet. */
async function invoiceable(customer: number): Promise<DeliveryHead[]> {
  const shipped = (await api.get<{ items: DeliveryHead[] }>('/api/v1/deliveries', { customer_id: customer, state: 'shipped', kind: 'delivery' })).items;
  return shipped.filter((d) => !d.invoiced);
}

function InvoiceDrawer({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [customer, setCustomer] = useState<number | null>(null);
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [picked, setPicked] = useState<number[]>([]);
  const deliveries = useAsync(() => (customer !== null ? invoiceable(customer) : Promise.resolve([])), [customer]);
  const rows = deliveries.data ?? [];
  const { errors, general, busy, submit } = useLinesForm((problem, sent) => {
    // "delivery_ids[i]" names the i-th delivery sent: its row.
    const named = { ...problem, errors: (problem.errors ?? []).map((e) => ({ ...e, field: e.field?.replace(/^delivery_ids\[(\d+)\]/, (_, i) => `lines[${i}]`) })) };
    return linesProblem(named, sent, ['customer_id', 'date', 'delivery_ids']);
  });
  const post = async () => {
    const sent = rows.map((d, i) => (picked.includes(d.id) ? i : -1)).filter((i) => i >= 0);
    await submit(sent, async () => {
      await api.post('/api/v1/sales-invoices', { customer_id: customer, date, delivery_ids: sent.map((i) => rows[i].id) });
      message.success(t('sales.invoice.created'));
      onDone();
    });
  };
  return (
    <Drawer open width={900} onClose={onClose} destroyOnHidden data-testid="invoice-drawer" title={t('sales.invoice.create')}
      extra={<Button type="primary" loading={busy} disabled={!picked.length} onClick={() => void post()} data-testid="invoice-post">{t('sales.invoice.post')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="invoice-errors" />}
        <Space wrap align="start">
          <Field label={t('sales.invoice.customer')} width={300} error={errors.customer_id}>
            <LinkSelect id="invoice-customer" linkTo="customer" value={customer} style={{ width: '100%' }} aria-label={t('sales.invoice.customer')}
              onChange={(v) => {
                setCustomer(typeof v === 'number' ? v : null);
                setPicked([]);
              }} />
          </Field>
          <Field label={t('sales.invoice.date')} width={160} error={errors.date}>
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('sales.invoice.date')} />
          </Field>
        </Space>
        {deliveries.error != null && <Alert type="error" showIcon message={problemText(deliveries.error)} />}
        <Table<DeliveryHead & { i: number }> rowKey="id" size="small" bordered pagination={false} loading={deliveries.loading && customer !== null}
          dataSource={rows.map((d, i) => ({ ...d, i }))} data-testid="invoice-deliveries"
          locale={{ emptyText: t(customer === null ? 'sales.invoice.pickCustomer' : 'sales.invoice.nothingShipped') }}
          columns={[
            { title: '', key: 'pick', width: 40, render: (_, d) => (
              <Checkbox checked={picked.includes(d.id)} aria-label={d.number} data-testid={`invoice-pick-${d.number}`}
                onChange={(e) => setPicked((old) => (e.target.checked ? [...old, d.id] : old.filter((x) => x !== d.id)))} />
            ) },
            { title: t('sales.delivery.number'), dataIndex: 'number', render: (n: string, d) => <>{n}<CellError messages={errors[`lines[${d.i}]`]} /></> },
            { title: t('sales.delivery.order'), dataIndex: 'order', width: 150 },
            { title: t('sales.delivery.shipped_on'), dataIndex: 'shipped_on', width: 120, render: (d: string | null) => (d ? formatDate(d, i18n.language) : '') },
            { title: t('sales.delivery.value'), dataIndex: 'value', width: 120, align: 'right', render: (v: string) => money(v) },
          ]} />
        <CellError messages={errors.delivery_ids} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.invoice.help')}</Typography.Text>
      </Space>
    </Drawer>
  );
}

function ReceiptDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { may } = useSession();
  const [customer, setCustomer] = useState<number | null>(null);
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [voucher, setVoucher] = useState<ReceiptVoucher | null>(null);
  const { errors, general, busy, submit } = useLinesForm((problem, rows) => linesProblem(problem, rows, ['customer_id', 'date', 'amount', 'note']));
  const post = () => submit([], async () => {
    setVoucher(await api.post<ReceiptVoucher>('/api/v1/customer-receipts', {
      customer_id: customer, date, amount: parseDecimalInput(amount) ?? amount.trim(), ...(note.trim() ? { note: note.trim() } : {}),
    }));
  });
  return (
    <Drawer open width={560} onClose={onClose} destroyOnHidden data-testid="receipt-drawer" title={t('sales.receipt.create')}
      extra={!voucher && <Button type="primary" loading={busy} onClick={() => void post()} data-testid="receipt-post">{t('sales.receipt.post')}</Button>}>
      {voucher ? (
        <Result status="success" title={t('sales.receipt.done')} data-testid="receipt-done"
          subTitle={<span>{t('sales.receipt.voucher')} {may('voucher', 'read')
            ? <Link to={`/finance/vouchers/${voucher.id}`} data-testid="receipt-voucher">{voucher.label}</Link>
            : <span data-testid="receipt-voucher">{voucher.label}</span>}</span>}
          extra={<Button onClick={onClose}>{t('sales.receipt.close')}</Button>} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="receipt-errors" />}
          <Field label={t('sales.invoice.customer')} width={480} error={errors.customer_id}>
            <LinkSelect id="receipt-customer" linkTo="customer" value={customer} style={{ width: '100%' }} aria-label={t('sales.invoice.customer')}
              onChange={(v) => setCustomer(typeof v === 'number' ? v : null)} />
          </Field>
          <Space wrap align="start">
            <Field label={t('sales.receipt.date')} width={160} error={errors.date}>
              <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('sales.receipt.date')} />
            </Field>
            <Field label={t('sales.receipt.amount')} width={200} error={errors.amount}>
              <Input id="receipt-amount" className="verp-amount" inputMode="decimal" value={amount} prefix="¥" status={errors.amount ? 'error' : undefined}
                onChange={(e) => setAmount(e.target.value)} aria-label={t('sales.receipt.amount')} />
            </Field>
          </Space>
          <Field label={t('sales.receipt.note')} width={480} error={errors.note}>
            <Input id="receipt-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} aria-label={t('sales.receipt.note')} />
          </Field>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.receipt.help')}</Typography.Text>
        </Space>
      )}
    </Drawer>
  );
}
