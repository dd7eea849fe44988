// 明细账: an account's posted lines over a range of periods with the running balance and its side,
// 本月合计 / 本年累计 rows, optionally for one dimension value (the sub-ledger: one customer's
// receivable…), and a line chart of the balance.
import { Alert, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useChart, type AccountLedger, type LedgerEntry } from '../../api/finance';
import { useSession } from '../../auth/session';
import { AccountSelect } from '../../components/AccountSelect';
import { DimensionPicker } from '../../components/DimensionPicker';
import { balanceSeries, chartValue } from '../../lib/ledgerReport';
import { useAsync } from '../../lib/useAsync';
import { DIMENSIONS, type Dimension } from '../../lib/voucherGrid';
import { currentPeriod, ReportDownloads, money, PeriodRange, problemText } from './common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));

type Row = Omit<LedgerEntry, 'kind'> & { key: string; kind: LedgerEntry['kind'] | 'opening' | 'closing' };

export default function Ledger() {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const { accounts, byCode } = useChart();
  const [params, setParams] = useSearchParams();
  const account = params.get('account') ?? '';
  const from = params.get('from') || params.get('to') || currentPeriod();
  const to = params.get('to') || from;
  const dimension = (DIMENSIONS as readonly string[]).find((d) => params.has(`${d}_id`)) as Dimension | undefined;
  const dimensionValue = dimension ? Number(params.get(`${dimension}_id`)) || null : null;

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!next.get('from')) next.set('from', from);
    if (!next.get('to')) next.set('to', to);
    setParams(next, { replace: true });
  };

  // The dimensions the account or any of its sub-accounts keeps.
  const dimensions = useMemo(() => {
    const kept = new Set<Dimension>();
    for (const a of accounts) if (a.code.startsWith(account) && account) a.dimensions.forEach((d) => kept.add(d));
    return DIMENSIONS.filter((d) => kept.has(d));
  }, [accounts, account]);

  const query = useMemo(() => {
    const q: Record<string, string> = { account, from, to };
    if (dimension && dimensionValue) q[`${dimension}_id`] = String(dimensionValue);
    return q;
  }, [account, from, to, dimension, dimensionValue]);
  const ledger = useAsync(async () => {
    if (!account) return null;
    return api.get<AccountLedger>('/api/v1/finance/ledger', query);
  }, [account, query, generation, i18n.language]);

  const rows = useMemo<Row[]>(() => {
    const l = ledger.data;
    if (!l) return [];
    return [
      { key: 'opening', kind: 'opening', summary: t('finance.ledger.opening'), debit: '', credit: '', side: l.opening.side, balance: l.opening.balance },
      ...l.entries.map((e, i) => ({ ...e, key: `e${i}` })),
      { key: 'closing', kind: 'closing', summary: t('finance.ledger.closing'), debit: '', credit: '', side: l.closing.side, balance: l.closing.balance },
    ];
  }, [ledger.data, t]);
  const series = useMemo(() => {
    if (!ledger.data) return { labels: [], values: [] };
    const points = balanceSeries(ledger.data, t('finance.ledger.opening'));
    return { labels: points.map((p) => p.label), values: points.map((p) => chartValue(p.amount)) };
  }, [ledger.data, t]);

  const rowClass = (r: Row) =>
    r.kind === 'month_total' ? 'verp-ledger-month' : r.kind === 'year_total' ? 'verp-ledger-year' : r.kind === 'line' ? '' : 'verp-ledger-edge';
  const name = ledger.data?.name ?? byCode.get(account)?.path;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('finance.ledger.title')}{account && name ? ` · ${account} ${name}` : ''}
      </Typography.Title>
      <Space wrap>
        <AccountSelect value={account} aria-label={t('finance.ledger.account')} style={{ width: 320 }} id="ledger-account"
          onChange={(code) => set({ account: code, ...Object.fromEntries(DIMENSIONS.map((d) => [`${d}_id`, null])) })} />
        <PeriodRange from={from} to={to} onChange={(f, tt) => set({ from: f, to: tt })} />
        {dimensions.length > 0 && (
          <Select aria-label={t('finance.ledger.dimension')} style={{ width: 140 }} value={dimension ?? ''}
            onChange={(d: string) => set({ ...Object.fromEntries(DIMENSIONS.map((x) => [`${x}_id`, null])), ...(d ? { [`${d}_id`]: '0' } : {}) })}
            options={[{ value: '', label: t('finance.ledger.dimensionNone') }, ...dimensions.map((d) => ({ value: d, label: t(`finance.dims.${d}`) }))]} />
        )}
        {dimension && (
          <div style={{ width: 240 }}>
            <DimensionPicker dimension={dimension} value={dimensionValue} onChange={(v) => set({ [`${dimension}_id`]: v ? String(v) : '0' })} />
          </div>
        )}
        <ReportDownloads path="/api/v1/finance/ledger" query={query} testId="ledger" disabled={!account} />
      </Space>
      {!account && <Empty description={t('finance.ledger.pick')} />}
      {ledger.error != null && <Alert type="error" showIcon message={problemText(ledger.error)} />}
      {account && (
        <Table<Row>
          rowKey="key" size="small" bordered loading={ledger.loading} dataSource={rows} pagination={false} scroll={{ x: 900 }}
          rowClassName={rowClass} data-testid="ledger-table"
          columns={[
            { title: t('finance.ledger.date'), dataIndex: 'date', width: 110 },
            { title: t('finance.ledger.voucher'), dataIndex: 'voucher', width: 100,
              render: (label: string | undefined, r) => (r.voucher_id ? <Link to={`/finance/vouchers/${r.voucher_id}`}>{label}</Link> : null) },
            { title: t('finance.ledger.summary'), dataIndex: 'summary', render: (s: string, r) => (r.account && r.account !== account ? `${s}（${r.account}）` : s) },
            { title: t('finance.ledger.debit'), dataIndex: 'debit', align: 'right', width: 140,
              render: (v: string) => <span className={v?.startsWith('-') ? 'verp-negative' : ''}>{money(v, true)}</span> },
            { title: t('finance.ledger.credit'), dataIndex: 'credit', align: 'right', width: 140,
              render: (v: string) => <span className={v?.startsWith('-') ? 'verp-negative' : ''}>{money(v, true)}</span> },
            { title: t('finance.ledger.side'), dataIndex: 'side', align: 'center', width: 60 },
            { title: t('finance.ledger.balance'), dataIndex: 'balance', align: 'right', width: 150, render: (v: string) => money(v) },
          ]}
          locale={{ emptyText: t('finance.ledger.none') }}
        />
      )}
      {ledger.data && series.values.length > 1 && (
        <Card size="small" title={t('finance.ledger.chart')}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <FinanceChart type="line" labels={series.labels} values={series.values} title={t('finance.ledger.chart')} testId="ledger-chart" />
          </Suspense>
        </Card>
      )}
    </Space>
  );
}
