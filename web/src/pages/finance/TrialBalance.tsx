// 科目余额表: opening, movement and closing by side for a range of periods, indented by level
// with a level filter, the totals with their balanced tag, and a chart of level-1 closing
// balances by category (ECharts, its own chunk). An account's code opens its ledger.
import { Alert, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { TrialBalance as Report, TrialBalanceRow } from '../../api/finance';
import { useSession } from '../../auth/session';
import { chartValue, closingByCategory, rowsToLevel } from '../../lib/ledgerReport';
import { useAsync } from '../../lib/useAsync';
import { currentPeriod, ReportDownloads, money, PeriodRange, problemText } from './common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));

export default function TrialBalance() {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') || params.get('to') || currentPeriod();
  const to = params.get('to') || from;
  const level = Number(params.get('level')) || 4;
  const report = useAsync(() => api.get<Report>('/api/v1/finance/trial-balance', { from, to }), [from, to, generation, i18n.language]);
  const set = (patch: Record<string, string>) => setParams({ from, to, level: String(level), ...patch }, { replace: true });

  const rows = useMemo(() => rowsToLevel(report.data?.rows ?? [], level), [report.data, level]);
  const categories = useMemo(() => closingByCategory(report.data?.rows ?? []), [report.data]);
  const chart = useMemo(() => ({
    labels: categories.map((c) => t(`finance.categories.${c.category}`, { defaultValue: c.category })),
    values: categories.map((c) => chartValue(c.amount)),
  }), [categories, t]);
  const ledgerLink = (code: string) => `/finance/ledger?account=${code}&from=${from}&to=${to}`;

  const amount = (key: keyof TrialBalanceRow) => ({
    dataIndex: key, align: 'right' as const, width: 130,
    render: (v: string) => <span className={v.startsWith('-') ? 'verp-negative' : ''}>{money(v, true)}</span>,
  });
  const totals = report.data?.totals;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.tb.title')}</Typography.Title>
        <Space wrap>
          <PeriodRange from={from} to={to} onChange={(f, tt) => set({ from: f, to: tt })} />
          <Select aria-label={t('finance.tb.level')} value={level} style={{ width: 110 }} data-testid="tb-level"
            onChange={(v: number) => set({ level: String(v) })}
            options={[1, 2, 3, 4].map((n) => ({ value: n, label: t('finance.tb.levelN', { n }) }))} />
          <ReportDownloads path="/api/v1/finance/trial-balance" query={{ from, to }} testId="tb" />
        </Space>
      </Space>
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      <Table<TrialBalanceRow>
        rowKey="account_id" size="small" bordered loading={report.loading} dataSource={rows} pagination={false}
        scroll={{ x: 1100 }} locale={{ emptyText: t('finance.tb.none') }} data-testid="trial-balance"
        rowClassName={(r) => `verp-tb-level-${r.level}`}
        columns={[
          { title: t('finance.tb.code'), dataIndex: 'code', width: 150, fixed: 'left',
            render: (code: string, r) => <Link to={ledgerLink(code)} style={{ paddingLeft: (r.level - 1) * 14 }}>{code}</Link> },
          { title: t('finance.tb.name'), dataIndex: 'name', width: 200,
            render: (name: string, r) => <span style={{ paddingLeft: (r.level - 1) * 14 }}>{name}</span> },
          { title: t('finance.tb.opening'), children: [
            { title: t('finance.tb.debit'), ...amount('opening_debit') }, { title: t('finance.tb.credit'), ...amount('opening_credit') }] },
          { title: t('finance.tb.movement'), children: [
            { title: t('finance.tb.debit'), ...amount('debit') }, { title: t('finance.tb.credit'), ...amount('credit') }] },
          { title: t('finance.tb.closing'), children: [
            { title: t('finance.tb.debit'), ...amount('closing_debit') }, { title: t('finance.tb.credit'), ...amount('closing_credit') }] },
        ]}
        summary={() => totals && (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}>{t('finance.tb.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <Tag color={report.data?.balanced ? 'success' : 'error'} data-testid="tb-balanced">
                  {t(report.data?.balanced ? 'finance.tb.balanced' : 'finance.tb.unbalanced')}
                </Tag>
              </Table.Summary.Cell>
              {(['opening_debit', 'opening_credit', 'debit', 'credit', 'closing_debit', 'closing_credit'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2} align="right"><span data-testid={`tb-total-${k}`}>{money(totals[k])}</span></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      {categories.length > 0 && (
        <Card size="small" title={t('finance.tb.chart')}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <FinanceChart type="bar" labels={chart.labels} values={chart.values} title={t('finance.tb.chart')} testId="tb-chart" />
          </Suspense>
        </Card>
      )}
    </Space>
  );
}
