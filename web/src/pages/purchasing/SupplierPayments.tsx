// 供应商付款 (/purchasing/payments?supplier_id=, payment:create): what the supplier is owed —
// its open items on 2202 应付账款 (GET /api/v1/finance/open-items, for holders of ledger:read) —
// beside the form that pays it: POST /api/v1/supplier-payments {supplier_id, date, amount, note}
// answers the payment's voucher (Dr 2202 / Cr 1002, a draft), linked to its page. The form's own
// checks and the server's refusals show at their field.
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { OpenItem, OpenItems, VoucherRef } from '../../api/finance';
import { ApiError, problemToForm } from '../../api/problem';
import { useSession } from '../../auth/session';
import { LinkSelect } from '../../components/LinkSelect';
import { owed, paymentBody } from '../../lib/supplierPayments';
import { useAsync } from '../../lib/useAsync';
import { toCents } from '../../lib/voucherGrid';
import { money, problemText } from '../finance/common';
import { useOpenItemColumns } from '../finance/partner';

const PAYABLE = '2202';
const FIELDS = ['supplier_id', 'date', 'amount', 'note'] as const;
type Field = (typeof FIELDS)[number];

function OpenPayables({ supplier, onOwed }: { supplier: number | null; onOwed: (amount: string) => void }) {
  const { t, i18n } = useTranslation();
  const { may, generation } = useSession();
  const columns = useOpenItemColumns();
  const mayLedger = may('ledger', 'read');
  const open = useAsync(() => (supplier && mayLedger
    ? api.get<OpenItems>('/api/v1/finance/open-items', { account: PAYABLE, partner_id: supplier }) : Promise.resolve(null)),
  [supplier, mayLedger, generation, i18n.language]);
  const items = open.data?.items ?? [];
  const due = owed(items);
  const positive = (toCents(due) ?? 0n) > 0n;
  return (
    <Card size="small" title={t('supply.pay.open')} data-testid="payables"
      extra={supplier && mayLedger && (
        <Link to={`/finance/open-items?account=${PAYABLE}&partner_id=${supplier}`}>{t('supply.pay.allocate')}</Link>
      )}>
      {!mayLedger && <Alert type="info" showIcon message={t('supply.pay.noLedger')} />}
      {mayLedger && !supplier && <Typography.Text type="secondary">{t('supply.pay.pick')}</Typography.Text>}
      {open.error != null && <Alert type="error" showIcon message={problemText(open.error)} />}
      {open.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{t('supply.pay.owed')}: <b data-testid="payables-owed">{money(due)}</b></Typography.Text>
            {positive && <Button size="small" onClick={() => onOwed(due)} data-testid="payables-fill">{t('supply.pay.fillOwed')}</Button>}
          </Space>
          <Table<OpenItem> rowKey="line_id" size="small" pagination={false} dataSource={items} columns={columns} scroll={{ x: 820 }}
            locale={{ emptyText: t('supply.pay.none') }} data-testid="payables-table" />
        </Space>
      )}
    </Card>
  );
}

export default function SupplierPayments() {
  const { t } = useTranslation();
  const { may } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const supplier = Number(params.get('supplier_id')) || null;
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<VoucherRef | null>(null);
  const clear = (field: Field) => setErrors(({ [field]: _, ...rest }) => rest);
  // The picker learns the supplier's name when the page opens on ?supplier_id=.
  const named = useAsync(() => (supplier
    ? api.get<{ id: number; code?: string; name?: string }>(`/api/v1/suppliers/${supplier}`).catch(() => null) : Promise.resolve(null)),
  [supplier]);

  const pay = async () => {
    setGeneral([]);
    setMade(null);
    const built = paymentBody({ supplier_id: supplier, date, amount, note });
    if (!built.ok) {
      setErrors(Object.fromEntries(Object.entries(built.errors).map(([f, p]) => [f, [t(`supply.pay.${p}`)]])));
      return;
    }
    setBusy(true);
    try {
      const ref = await api.post<VoucherRef>('/api/v1/supplier-payments', built.body);
      setMade(ref);
      setErrors({});
      setAmount('');
      setNote('');
      message.success(t('supply.pay.done', { label: ref.label }));
    } catch (e) {
      if (e instanceof ApiError) {
        const mapped = problemToForm(e.problem, FIELDS);
        setErrors(Object.fromEntries(mapped.fields.map((f) => [f.name[0], f.errors])));
        if (!mapped.fields.length) setGeneral(mapped.general);
      } else setGeneral([problemText(e)]);
    } finally {
      setBusy(false);
    }
  };

  const item = (field: Field) => ({
    label: t(`supply.pay.${field === 'supplier_id' ? 'supplier' : field}`),
    required: field !== 'note',
    validateStatus: errors[field] ? ('error' as const) : undefined,
    help: errors[field] ? <span data-testid={`pay-error-${field}`}>{errors[field]!.join('；')}</span> : undefined,
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.pay.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('supply.pay.help')}</Typography.Text>
      {made && (
        <Alert type="success" showIcon data-testid="payment-done" message={
          <Space size={4} wrap>
            {t('supply.pay.made')}
            {may('voucher', 'read')
              ? <Link to={`/finance/vouchers/${made.id}`} data-testid="payment-voucher">{made.label}</Link>
              : <span data-testid="payment-voucher">{made.label}</span>}
            <Typography.Text type="secondary">{t('supply.pay.draft')}</Typography.Text>
          </Space>
        } />
      )}
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="payment-error" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small">
            <Form layout="vertical" onFinish={() => void pay()} data-testid="payment-form">
              <Form.Item {...item('supplier_id')}>
                <LinkSelect key={named.data?.id ?? 0} linkTo="supplier" id="pay-supplier" value={supplier}
                  initialLabels={named.data ? [{ id: named.data.id, code: named.data.code, title: named.data.name }] : []}
                  status={errors.supplier_id ? 'error' : undefined}
                  onChange={(v) => {
                    clear('supplier_id');
                    setMade(null);
                    setParams(typeof v === 'number' ? { supplier_id: String(v) } : {}, { replace: true });
                  }} />
              </Form.Item>
              <Form.Item {...item('date')}>
                <DatePicker id="pay-date" allowClear={false} style={{ width: '100%' }} value={date ? dayjs(date) : null}
                  onChange={(d) => { clear('date'); setDate(d ? d.format('YYYY-MM-DD') : ''); }} />
              </Form.Item>
              <Form.Item {...item('amount')}>
                <Input id="pay-amount" className="verp-amount" inputMode="decimal" prefix="¥" value={amount}
                  onChange={(e) => { clear('amount'); setAmount(e.target.value); }} />
              </Form.Item>
              <Form.Item {...item('note')}>
                <Input id="pay-note" maxLength={200} value={note} onChange={(e) => { clear('note'); setNote(e.target.value); }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="payment-submit">{t('supply.pay.pay')}</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <OpenPayables supplier={supplier} onOwed={(due) => { clear('amount'); setAmount(due); }} />
        </Col>
      </Row>
    </Space>
  );
}
