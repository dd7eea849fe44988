// 往来核销: the open items of a receivable or payable account, per partner (optionally one),
// open only or all; one debit and one credit item of a partner selected propose the smaller
// open amount, which is allocated (核销) as typed; "oldest first" allocates a partner's items by
// date. Server errors land where they belong: the amount, the debit or the credit item.
import { Alert, App, Button, Card, Descriptions, Empty, Input, Segmented, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { partnerDimension, type OpenItem, type OpenItems as OpenItemsAnswer } from '../../api/finance';
import { ApiError } from '../../api/problem';
import { useSession } from '../../auth/session';
import { DimensionPicker } from '../../components/DimensionPicker';
import { groupByPartner, proposeAllocation } from '../../lib/openItems';
import { useAsync } from '../../lib/useAsync';
import { toCents } from '../../lib/voucherGrid';
import { money, problemText } from './common';
import { PartnerAccountSelect, useOpenItemColumns, usePartnerAccounts } from './partner';

type Errors = { amount?: string[]; debit?: string[]; credit?: string[]; general?: string[] };

/** The allocation request's field errors ("allocations[0].amount") where the panel shows them. */
function allocationErrors(e: unknown): Errors {
  if (!(e instanceof ApiError)) return { general: [problemText(e)] };
  const out: Errors = {};
  const add = (key: keyof Errors, message: string) => (out[key] = [...(out[key] ?? []), message]);
  for (const f of e.problem.errors ?? []) {
    const message = f.message || f.code;
    if (/^allocations\[\d+\]\.amount$/.test(f.field)) add('amount', message);
    else if (/^allocations\[\d+\]\.debit_line_id$/.test(f.field)) add('debit', message);
    else if (/^allocations\[\d+\]\.credit_line_id$/.test(f.field)) add('credit', message);
    else add('general', message);
  }
  if (!e.problem.errors?.length) add('general', problemText(e));
  return out;
}

export default function OpenItems() {
  const { t, i18n } = useTranslation();
  const { generation, may } = useSession();
  const { message } = App.useApp();
  const { byCode } = usePartnerAccounts();
  const [params, setParams] = useSearchParams();
  const account = params.get('account') ?? '';
  const partner = Number(params.get('partner_id')) || null;
  const all = params.get('open') === 'false';
  const dimension = partnerDimension(byCode.get(account)?.dimensions ?? []);
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const answer = useAsync(async () => {
    if (!account) return null;
    return api.get<OpenItemsAnswer>('/api/v1/finance/open-items', {
      account, open: all ? 'false' : 'true', ...(partner ? { partner_id: partner } : {}),
    });
  }, [account, partner, all, generation, i18n.language]);
  const items = useMemo(() => answer.data?.items ?? [], [answer.data]);
  const groups = useMemo(() => groupByPartner(items), [items]);

  const [selected, setSelected] = useState<number[]>([]);
  const [amount, setAmount] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => setSelected([]), [answer.data]);
  const proposal = useMemo(() => proposeAllocation(items.filter((i) => selected.includes(i.line_id))), [items, selected]);
  const proposalKey = proposal.ok ? `${proposal.debit.line_id}:${proposal.credit.line_id}:${proposal.amount}` : '';
  useEffect(() => {
    setAmount(proposal.ok ? proposal.amount : '');
    setErrors({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [proposalKey]);

  const mayAllocate = may('open_item', 'allocate');
  const allocate = async () => {
    if (!proposal.ok) return;
    const cents = toCents(amount);
    if (cents === null || cents <= 0n || !amount.trim()) {
      setErrors({ amount: [t('finance.oi.amountInvalid')] });
      return;
    }
    setBusy('allocate');
    try {
      await api.post('/api/v1/finance/allocations', {
        allocations: [{ debit_line_id: proposal.debit.line_id, credit_line_id: proposal.credit.line_id, amount: amount.replace(/,/g, '').trim() }],
      });
      message.success(t('finance.oi.allocated', { amount: money(amount.replace(/,/g, '')) }));
      answer.reload();
    } catch (e) {
      setErrors(allocationErrors(e));
    } finally {
      setBusy(null);
    }
  };
  const auto = async (partnerId: number) => {
    setBusy(`auto:${partnerId}`);
    try {
      const made = await api.post<{ allocations: number }>('/api/v1/finance/allocations/auto', { account, partner_id: partnerId });
      message.success(t('finance.oi.autoDone', { count: made.allocations }));
      answer.reload();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(null);
    }
  };

  const columns = useOpenItemColumns();
  const itemText = (i: OpenItem) => `${i.date} ${i.voucher} ${i.summary} · ${t('finance.oi.open')} ${money(i.open)}`;
  const fieldError = (list?: string[]) => (list?.length ? <div className="verp-cell-error" role="alert">{list.join('；')}</div> : null);
  const hint = !proposal.ok && selected.length > 0 ? t(`finance.oi.problems.${proposal.problem}`) : t('finance.oi.hint');

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.oi.title')}</Typography.Title>
      <Space wrap>
        <PartnerAccountSelect id="oi-account" value={account} onChange={(code) => set({ account: code, partner_id: null })} />
        {dimension && (
          <div style={{ width: 240 }}>
            <DimensionPicker dimension={dimension} value={partner} onChange={(v) => set({ partner_id: v ? String(v) : null })} />
          </div>
        )}
        <Segmented value={all ? 'all' : 'open'} onChange={(v) => set({ open: v === 'all' ? 'false' : null })} data-testid="oi-open-toggle"
          options={[{ value: 'open', label: t('finance.oi.openOnly') }, { value: 'all', label: t('finance.oi.all') }]} />
        {answer.data && (
          <Typography.Text type="secondary" data-testid="oi-totals">
            {t('finance.oi.totals', { debit: money(answer.data.debit_open), credit: money(answer.data.credit_open) })}
          </Typography.Text>
        )}
      </Space>
      {!account && <Empty description={t('finance.oi.pick')} />}
      {answer.error != null && <Alert type="error" showIcon message={problemText(answer.error)} />}

      {account && mayAllocate && (
        <Card size="small" title={t('finance.oi.allocation')} data-testid="allocation-panel">
          {!proposal.ok && <Typography.Text type={selected.length ? 'warning' : 'secondary'} data-testid="allocation-hint">{hint}</Typography.Text>}
          {proposal.ok && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('finance.oi.debitItem')}>
                  <span data-testid="allocation-debit">{itemText(proposal.debit)}</span>{fieldError(errors.debit)}
                </Descriptions.Item>
                <Descriptions.Item label={t('finance.oi.creditItem')}>
                  <span data-testid="allocation-credit">{itemText(proposal.credit)}</span>{fieldError(errors.credit)}
                </Descriptions.Item>
                <Descriptions.Item label={t('finance.oi.amount')}>
                  <Input id="allocation-amount" className="verp-amount" style={{ width: 200 }} value={amount} inputMode="decimal"
                    status={errors.amount ? 'error' : undefined} aria-label={t('finance.oi.amount')}
                    onChange={(e) => {
                      setAmount(e.target.value);
                      setErrors((old) => ({ ...old, amount: undefined }));
                    }} onPressEnter={() => void allocate()} />
                  {fieldError(errors.amount)}
                </Descriptions.Item>
              </Descriptions>
              {errors.general?.length ? <Alert type="error" showIcon message={errors.general.join('；')} data-testid="allocation-error" /> : null}
              <Space>
                <Button type="primary" loading={busy === 'allocate'} onClick={() => void allocate()} data-testid="allocate">{t('finance.oi.allocate')}</Button>
                <Button onClick={() => setSelected([])}>{t('finance.oi.clear')}</Button>
              </Space>
            </Space>
          )}
        </Card>
      )}

      {account && answer.data && groups.length === 0 && <Empty description={t('finance.oi.none')} />}
      {groups.map((g) => {
        const keys = g.items.map((i) => i.line_id);
        const canAuto = (toCents(g.debit_open) ?? 0n) > 0n && (toCents(g.credit_open) ?? 0n) > 0n;
        return (
          <Card key={g.partner_id} size="small" data-testid={`partner-${g.partner_id}`}
            title={<span>{g.partner_name || `#${g.partner_id}`}</span>}
            extra={
              <Space wrap>
                <Typography.Text type="secondary">{t('finance.oi.totals', { debit: money(g.debit_open), credit: money(g.credit_open) })}</Typography.Text>
                {mayAllocate && (
                  <Button size="small" disabled={!canAuto} loading={busy === `auto:${g.partner_id}`} onClick={() => void auto(g.partner_id)}
                    data-testid={`auto-${g.partner_id}`}>{t('finance.oi.auto')}</Button>
                )}
              </Space>
            }>
            <Table<OpenItem>
              rowKey="line_id" size="small" pagination={false} dataSource={g.items} scroll={{ x: 820 }}
              rowSelection={mayAllocate ? {
                selectedRowKeys: selected.filter((k) => keys.includes(k)),
                getCheckboxProps: (i) => ({ disabled: (toCents(i.open) ?? 0n) <= 0n, 'aria-label': `${i.voucher} ${i.summary}` }),
                onChange: (chosen) => setSelected((old) => [...old.filter((k) => !keys.includes(k)), ...chosen.map(Number)]),
              } : undefined}
              columns={columns}
            />
          </Card>
        );
      })}
    </Space>
  );
}
