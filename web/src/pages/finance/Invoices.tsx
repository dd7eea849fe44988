// 应收应付发票: invoices of receivables (sales, to a customer) and payables (from a supplier) with
// VAT per line. The list filters by kind and state; a drawer enters a new one (partner, number,
// dates, lines with an optional account, amount and tax rate, the tax of each line previewed as
// the server computes it, totals), the server's errors at their field; an invoice opens in a
// drawer with its lines, to post (its voucher is written, a draft for review, and linked) or to
// cancel while it is a draft.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, DatePicker, Descriptions, Drawer, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import {
  INVOICE_KINDS, INVOICE_STATES, invoiceResource, type Invoice, type InvoiceHead, type InvoiceKind, type VoucherRef,
} from '../../api/finance';
import { useSession } from '../../auth/session';
import { AccountSelect } from '../../components/AccountSelect';
import { LinkSelect } from '../../components/LinkSelect';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import {
  blankInvoiceLine, invoiceBody, invoiceProblem, invoiceTotals, lineTax, rateLabel, TAX_RATES, type InvoiceLineDraft,
} from '../../lib/invoices';
import type { FieldErrors } from '../../lib/lineErrors';
import { useAsync } from '../../lib/useAsync';
import { toCents } from '../../lib/voucherGrid';
import { money, problemText } from './common';

const STATE_COLOR: Record<string, string> = { draft: 'default', posted: 'success', cancelled: 'error' };

function InvoiceState({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]} data-testid="invoice-state">{t(`finance.invoice.states.${state}`, { defaultValue: state })}</Tag>;
}

const amount = (v: string) => <span className={v?.startsWith('-') ? 'verp-negative' : ''}>{money(v)}</span>;

export default function Invoices() {
  const { t } = useTranslation();
  const { may, generation } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const state = params.get('state') ?? '';
  const readable = INVOICE_KINDS.filter((k) => may(invoiceResource(k), 'read'));
  const creatable = INVOICE_KINDS.filter((k) => may(invoiceResource(k), 'create'));
  const list = useAsync(() => api.get<{ items: InvoiceHead[] }>('/api/v1/invoices', { kind, state }), [kind, state, generation]);
  const [entering, setEntering] = useState<InvoiceKind | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.invoice.title')}</Typography.Title>
        <Space wrap>
          {creatable.map((k) => (
            <Button key={k} type={k === creatable[0] ? 'primary' : 'default'} icon={<PlusOutlined />} onClick={() => setEntering(k)}
              data-testid={`invoice-new-${k}`}>
              {`${t('finance.invoice.new')}（${t(`finance.invoice.kinds.${k}`)}）`}
            </Button>
          ))}
        </Space>
      </Space>
      <Space wrap>
        {readable.length > 1 && (
          <Radio.Group value={kind} optionType="button" onChange={(e) => setFilter('kind', e.target.value)} data-testid="invoice-filter-kind"
            options={[{ value: '', label: t('finance.invoice.all') },
              ...readable.map((k) => ({ value: k, label: t(`finance.invoice.kinds.${k}`) }))]} />
        )}
        <Select allowClear placeholder={t('finance.invoice.state')} aria-label={t('finance.invoice.state')} style={{ width: 140 }}
          value={state || undefined} onChange={(v?: string) => setFilter('state', v ?? '')} data-testid="invoice-filter-state"
          options={INVOICE_STATES.map((s) => ({ value: s, label: t(`finance.invoice.states.${s}`) }))} />
      </Space>
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<InvoiceHead>
        rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1100 }} data-testid="invoice-list" locale={{ emptyText: t('finance.invoice.none') }}
        columns={[
          { title: t('finance.invoice.number'), dataIndex: 'number', width: 130,
            render: (n: string, i) => <a onClick={() => setOpen(i.id)} data-testid={`invoice-open-${i.id}`}>{n}</a> },
          { title: t('finance.invoice.kind'), dataIndex: 'kind', width: 80, render: (k: string) => t(`finance.invoice.kinds.${k}`, { defaultValue: k }) },
          { title: t('finance.invoice.partner'), dataIndex: 'partner_name', ellipsis: true },
          { title: t('finance.invoice.date'), dataIndex: 'date', width: 110 },
          { title: t('finance.invoice.dueDate'), dataIndex: 'due_date', width: 110, render: (d: string | null) => d ?? '' },
          { title: t('finance.invoice.amount'), dataIndex: 'amount', align: 'right', width: 130, render: amount },
          { title: t('finance.invoice.tax'), dataIndex: 'tax', align: 'right', width: 120, render: amount },
          { title: t('finance.invoice.total'), dataIndex: 'total', align: 'right', width: 140, render: amount },
          { title: t('finance.invoice.state'), dataIndex: 'state', width: 90, render: (s: string) => <InvoiceState state={s} /> },
          { title: t('finance.invoice.voucher'), dataIndex: 'voucher_id', width: 90,
            render: (v: number | null) => (v ? <Link to={`/finance/vouchers/${v}`} data-testid={`invoice-voucher-${v}`}>#{v}</Link> : null) },
        ]}
      />
      {entering && (
        <InvoiceDrawer kind={entering} onClose={() => setEntering(null)} onSaved={(invoice) => {
          setEntering(null);
          list.reload();
          setOpen(invoice.id);
        }} />
      )}
      {open !== null && <InvoiceView id={open} onClose={() => setOpen(null)} onChanged={() => list.reload()} />}
    </Space>
  );
}

function InvoiceDrawer({ kind, onClose, onSaved }: { kind: InvoiceKind; onClose: () => void; onSaved: (invoice: Invoice) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [partner, setPartner] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [due, setDue] = useState('');
  const { errors, setErrors, general, busy: saving, submit, clear, clearRow } = useLinesForm(invoiceProblem);
  const { lines, update: setLines, setLine } = useLines<InvoiceLineDraft>(() => [blankInvoiceLine()], clearRow);
  const totals = useMemo(() => invoiceTotals(lines), [lines]);

  const save = async () => {
    const local: FieldErrors = {};
    lines.forEach((l, row) => {
      if (l.amount.trim() && toCents(l.amount) === null) local[`lines[${row}].amount`] = [t('finance.invoice.amountInvalid')];
    });
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    const { body, rows } = invoiceBody({ kind, partner_id: partner, number, date, due_date: due }, lines);
    await submit(rows, async () => {
      const made = await api.post<Invoice>('/api/v1/invoices', body);
      message.success(t('finance.invoice.saved', { number: made.number }));
      onSaved(made);
    });
  };

  const fieldError = (field: string) => (errors[field]?.length
    ? <div className="verp-cell-error" role="alert" data-testid={`invoice-error-${field}`}>{errors[field].join('；')}</div> : null);
  const label = (text: string) => <div className="verp-dim-label">{text}</div>;
  const partnerEntity = kind === 'receivable' ? 'customer' : 'supplier';
  const kindName = t(`finance.invoice.kinds.${kind}`);

  return (
    <Drawer open width={980} onClose={onClose} destroyOnHidden data-testid="invoice-drawer"
      title={t('finance.invoice.newTitle', { kind: kindName })}
      extra={<Button type="primary" loading={saving} onClick={() => void save()} data-testid="invoice-save">{t('finance.invoice.save')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="invoice-general-error" />}
        <Typography.Text type="secondary">{t(`finance.invoice.kindNames.${kind}`)}</Typography.Text>
        <Space wrap align="start" size="middle">
          <div style={{ width: 300 }}>
            {label(t(`finance.invoice.${partnerEntity}`))}
            <LinkSelect id="invoice-partner" linkTo={partnerEntity} value={partner} style={{ width: '100%' }} aria-label={t(`finance.invoice.${partnerEntity}`)}
              onChange={(v) => {
                setPartner(typeof v === 'number' ? v : null);
                clear('partner_id');
              }} />
            {fieldError('partner_id')}
          </div>
          <div style={{ width: 180 }}>
            {label(t('finance.invoice.number'))}
            <Input id="invoice-number" value={number} status={errors.number ? 'error' : undefined} aria-label={t('finance.invoice.number')}
              onChange={(e) => {
                setNumber(e.target.value);
                clear('number');
              }} />
            {fieldError('number')}
          </div>
          <div style={{ width: 160 }}>
            {label(t('finance.invoice.date'))}
            <DatePicker id="invoice-date" allowClear={false} value={date ? dayjs(date) : null} status={errors.date ? 'error' : undefined}
              aria-label={t('finance.invoice.date')} onChange={(d) => {
                setDate(d ? d.format('YYYY-MM-DD') : '');
                clear('date');
              }} />
            {fieldError('date')}
          </div>
          <div style={{ width: 160 }}>
            {label(`${t('finance.invoice.dueDate')}（${t('finance.invoice.optional')}）`)}
            <DatePicker id="invoice-due" value={due ? dayjs(due) : null} status={errors.due_date ? 'error' : undefined}
              aria-label={t('finance.invoice.dueDate')} onChange={(d) => {
                setDue(d ? d.format('YYYY-MM-DD') : '');
                clear('due_date');
              }} />
            {fieldError('due_date')}
          </div>
        </Space>
        {fieldError('kind')}
        <div>
          {label(t('finance.invoice.lines'))}
          <Table<InvoiceLineDraft & { row: number }>
            rowKey="row" size="small" bordered pagination={false} data-testid="invoice-lines"
            dataSource={lines.map((l, row) => ({ ...l, row }))}
            columns={[
              { title: t('finance.invoice.description'), key: 'description', render: (_, l) => (
                <>
                  <Input id={`inv-${l.row}-description`} value={l.description} status={errors[`lines[${l.row}].description`] ? 'error' : undefined}
                    aria-label={t('finance.invoice.description')} onChange={(e) => setLine(l.row, { description: e.target.value })} />
                  {fieldError(`lines[${l.row}].description`)}
                  {fieldError(`lines[${l.row}]`)}
                </>
              ) },
              { title: t('finance.invoice.account'), key: 'account', width: 220, render: (_, l) => (
                <>
                  <AccountSelect id={`inv-${l.row}-account`} leafOnly allowClear value={l.account} style={{ width: '100%' }}
                    status={errors[`lines[${l.row}].account`] ? 'error' : undefined} aria-label={t('finance.invoice.account')}
                    onChange={(code) => setLine(l.row, { account: code })} />
                  {fieldError(`lines[${l.row}].account`)}
                </>
              ) },
              { title: t('finance.invoice.amount'), key: 'amount', width: 150, render: (_, l) => (
                <>
                  <Input id={`inv-${l.row}-amount`} className="verp-amount" inputMode="decimal" value={l.amount}
                    status={errors[`lines[${l.row}].amount`] ? 'error' : undefined} aria-label={t('finance.invoice.amount')}
                    onChange={(e) => setLine(l.row, { amount: e.target.value })} />
                  {fieldError(`lines[${l.row}].amount`)}
                </>
              ) },
              { title: t('finance.invoice.rate'), key: 'tax_rate', width: 100, render: (_, l) => (
                <>
                  <Select id={`inv-${l.row}-rate`} value={l.tax_rate} style={{ width: '100%' }} data-testid={`inv-${l.row}-rate`}
                    status={errors[`lines[${l.row}].tax_rate`] ? 'error' : undefined} aria-label={t('finance.invoice.rate')}
                    onChange={(v: string) => setLine(l.row, { tax_rate: v })}
                    options={TAX_RATES.map((r) => ({ value: r, label: rateLabel(r) }))} />
                  {fieldError(`lines[${l.row}].tax_rate`)}
                </>
              ) },
              { title: t('finance.invoice.taxPreview'), key: 'tax', width: 120, align: 'right', render: (_, l) => {
                const tax = l.amount.trim() ? lineTax(l.amount, l.tax_rate) : null;
                return <span data-testid={`inv-${l.row}-tax`}>{tax === null ? '' : amount(tax)}</span>;
              } },
              { title: '', key: 'remove', width: 44, render: (_, l) => (
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('finance.invoice.removeLine')} disabled={lines.length === 1}
                  onClick={() => setLines((old) => old.filter((_x, i) => i !== l.row))} />
              ) },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}><b>{t('finance.invoice.totals')}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><b data-testid="invoice-total-amount">{money(totals.amount)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={3} />
                <Table.Summary.Cell index={4} align="right"><b data-testid="invoice-total-tax">{money(totals.tax)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            )}
          />
          {fieldError('lines')}
          <Space style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
            <Button icon={<PlusOutlined />} onClick={() => setLines((old) => [...old, blankInvoiceLine()])} data-testid="invoice-add-line">
              {t('finance.invoice.addLine')}
            </Button>
            <Typography.Text strong data-testid="invoice-total">{t('finance.invoice.total')}：{money(totals.total)}</Typography.Text>
          </Space>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('finance.invoice.defaultAccount')}</Typography.Text></div>
        </div>
      </Space>
    </Drawer>
  );
}

function InvoiceView({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { may } = useSession();
  const shown = useAsync(() => api.get<Invoice>(`/api/v1/invoices/${id}`), [id]);
  const [voucher, setVoucher] = useState<VoucherRef | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invoice = shown.data;

  const act = async (verb: 'post' | 'cancel') => {
    setBusy(true);
    setFailure(null);
    try {
      if (verb === 'post') {
        const ref = await api.post<VoucherRef>(`/api/v1/invoices/${id}/post`, {});
        setVoucher(ref);
        message.success(t('finance.invoice.posted', { label: ref.label }));
      } else {
        await api.post(`/api/v1/invoices/${id}/cancel`, {});
        message.success(t('finance.invoice.cancelled'));
      }
      shown.reload();
      onChanged();
    } catch (e) {
      setFailure(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  const resource = invoice ? invoiceResource(invoice.kind) : 'customer_invoice';
  const draft = invoice?.state === 'draft';
  return (
    <Drawer open width={860} onClose={onClose} destroyOnHidden data-testid="invoice-view"
      title={invoice ? t('finance.invoice.viewTitle', { kind: t(`finance.invoice.kinds.${invoice.kind}`), number: invoice.number }) : ''}
      extra={invoice && draft ? (
        <Space>
          {may(resource, 'update') && (
            <Popconfirm title={t('finance.invoice.cancelConfirm')} onConfirm={() => void act('cancel')}>
              <Button danger loading={busy} data-testid="invoice-cancel">{t('finance.invoice.cancel')}</Button>
            </Popconfirm>
          )}
          {may(resource, 'post') && (
            <Popconfirm title={t('finance.invoice.postConfirm')} onConfirm={() => void act('post')}>
              <Button type="primary" loading={busy} data-testid="invoice-post">{t('finance.invoice.post')}</Button>
            </Popconfirm>
          )}
        </Space>
      ) : null}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {shown.error != null && <Alert type="error" showIcon message={problemText(shown.error)} />}
        {failure && <Alert type="error" showIcon message={failure} data-testid="invoice-action-error" />}
        {voucher && (
          <Alert type="success" showIcon data-testid="invoice-posted" message={
            <span>{t('finance.invoice.postedVoucher')}<Link to={`/finance/vouchers/${voucher.id}`} data-testid="invoice-voucher-link">{voucher.label}</Link></span>
          } />
        )}
        {invoice && (
          <>
            <Descriptions size="small" bordered column={2} data-testid="invoice-header" items={[
              { key: 'kind', label: t('finance.invoice.kind'), children: t(`finance.invoice.kindNames.${invoice.kind}`) },
              { key: 'state', label: t('finance.invoice.state'), children: <InvoiceState state={invoice.state} /> },
              { key: 'partner', label: t('finance.invoice.partner'), children: invoice.partner_name },
              { key: 'number', label: t('finance.invoice.number'), children: invoice.number },
              { key: 'date', label: t('finance.invoice.date'), children: invoice.date },
              { key: 'due', label: t('finance.invoice.dueDate'), children: invoice.due_date ?? '' },
              { key: 'amount', label: t('finance.invoice.amount'), children: amount(invoice.amount) },
              { key: 'tax', label: t('finance.invoice.tax'), children: <span data-testid="invoice-tax">{amount(invoice.tax)}</span> },
              { key: 'total', label: t('finance.invoice.total'), children: <b data-testid="invoice-total-shown">{amount(invoice.total)}</b> },
              { key: 'voucher', label: t('finance.invoice.voucher'), children: invoice.voucher_id
                ? <Link to={`/finance/vouchers/${invoice.voucher_id}`}>{voucher?.id === invoice.voucher_id ? voucher.label : `#${invoice.voucher_id}`}</Link> : '' },
            ]} />
            <Table
              rowKey="seq" size="small" bordered pagination={false} dataSource={invoice.lines} data-testid="invoice-view-lines"
              columns={[
                { title: t('finance.invoice.description'), dataIndex: 'description' },
                { title: t('finance.budget.account'), dataIndex: 'account', width: 200, render: (c: string, l) => `${c} ${l.account_name}` },
                { title: t('finance.invoice.amount'), dataIndex: 'amount', align: 'right', width: 130, render: amount },
                { title: t('finance.invoice.rate'), dataIndex: 'tax_rate', width: 80, render: (r: string) => rateLabel(r) },
                { title: t('finance.invoice.tax'), dataIndex: 'tax', align: 'right', width: 120, render: amount },
              ]}
            />
          </>
        )}
      </Space>
    </Drawer>
  );
}
