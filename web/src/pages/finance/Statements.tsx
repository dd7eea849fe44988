// 财务报表: the balance sheet (资产负债表) at the end of the range's last period, assets beside
// liabilities and equity with the balanced tag, the income statement (利润表) for the range
// with the year to date and a chart of revenue, costs and net profit (ECharts, its own chunk),
// and the cash-flow statement (现金流量表, direct method) with its subtotals and the reconciled tag.
// Each downloads as XLSX from the server (?format=xlsx on the report's URL).
import { Alert, Card, Col, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { BalanceSheet, BalanceSheetLine, CashFlowStatement, IncomeStatement, IncomeStatementLine } from '../../api/finance';
import { useSession } from '../../auth/session';
import { balanceSheetHalves, chartValue, incomeBars } from '../../lib/ledgerReport';
import { useAsync } from '../../lib/useAsync';
import { currentPeriod, ReportDownloads, money, PeriodRange, problemText } from './common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));

const TABS = ['balance-sheet', 'income-statement', 'cash-flow'] as const;

function amountCell(v: string) {
  return <span className={v.startsWith('-') ? 'verp-negative' : ''}>{money(v)}</span>;
}

export default function Statements() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') || params.get('from') || currentPeriod();
  const from = params.get('from') || to;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as (typeof TABS)[number]) : TABS[0];
  const set = (patch: Record<string, string>) => setParams({ from, to, tab, ...patch }, { replace: true });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.st.title')}</Typography.Title>
        <PeriodRange from={from} to={to} onChange={(f, tt) => set({ from: f, to: tt })} />
      </Space>
      <Tabs activeKey={tab} onChange={(k) => set({ tab: k })} destroyOnHidden data-testid="statement-tabs" items={[
        { key: 'balance-sheet', label: t('finance.st.balanceSheet'), children: <BalanceSheetView at={to} /> },
        { key: 'income-statement', label: t('finance.st.incomeStatement'), children: <IncomeStatementView from={from} to={to} /> },
        { key: 'cash-flow', label: t('finance.st.cashFlow'), children: <CashFlowView from={from} to={to} /> },
      ]} />
    </Space>
  );
}

function StatementTable<T extends { key: string; label: string; total: boolean }>({ lines, columns, testId }: {
  lines: T[];
  columns: { title: string; key: keyof T & string }[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table<T>
      rowKey="key" size="small" bordered pagination={false} dataSource={lines} data-testid={testId}
      rowClassName={(l) => (l.total ? 'verp-statement-total' : '')}
      columns={[
        { title: t('finance.st.item'), dataIndex: 'label', render: (label: string, l) => (l.total ? <b>{label}</b> : label) },
        ...columns.map((c) => ({
          title: c.title, dataIndex: c.key, align: 'right' as const, width: 150,
          render: (v: string, l: T) => (l.total ? <b>{amountCell(v)}</b> : amountCell(v)),
        })),
      ]}
    />
  );
}

function BalanceSheetView({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const report = useAsync(() => api.get<BalanceSheet>('/api/v1/finance/balance-sheet', { at }), [at, generation, i18n.language]);
  const halves = useMemo(() => balanceSheetHalves(report.data?.lines ?? []), [report.data]);
  const columns: { title: string; key: keyof BalanceSheetLine & string }[] = [
    { title: t('finance.st.closing'), key: 'closing' },
    { title: t('finance.st.yearOpening'), key: 'year_opening' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          {report.data && <Typography.Text type="secondary">{t('finance.st.at', { date: report.data.date })}</Typography.Text>}
          {report.data && (
            <Tag color={report.data.balanced ? 'success' : 'error'} data-testid="bs-balanced">
              {t(report.data.balanced ? 'finance.st.balanced' : 'finance.st.unbalanced')}
            </Tag>
          )}
        </Space>
        <ReportDownloads path="/api/v1/finance/balance-sheet" query={{ at }} testId="bs" />
      </Space>
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      {report.loading && !report.data && <Card loading />}
      {report.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <StatementTable lines={halves.assets} columns={columns} testId="bs-assets" />
          </Col>
          <Col xs={24} xl={12}>
            <StatementTable lines={halves.claims} columns={columns} testId="bs-claims" />
          </Col>
        </Row>
      )}
    </Space>
  );
}

function IncomeStatementView({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const report = useAsync(() => api.get<IncomeStatement>('/api/v1/finance/income-statement', { from, to }),
    [from, to, generation, i18n.language]);
  const chart = useMemo(() => {
    const bars = incomeBars(report.data?.lines ?? [], (l) => l.amount);
    return { labels: bars.map((b) => t(`finance.st.bars.${b.key}`)), values: bars.map((b) => chartValue(b.amount)) };
  }, [report.data, t]);
  const columns: { title: string; key: keyof IncomeStatementLine & string }[] = [
    { title: t('finance.st.amount'), key: 'amount' },
    { title: t('finance.st.yearToDate'), key: 'year_to_date' },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('finance.st.range', { from, to })}</Typography.Text>
        <ReportDownloads path="/api/v1/finance/income-statement" query={{ from, to }} testId="is" />
      </Space>
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      {report.loading && !report.data && <Card loading />}
      {report.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <StatementTable lines={report.data.lines} columns={columns} testId="income-statement" />
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('finance.st.chart')}>
              <Suspense fallback={<div style={{ height: 260 }} />}>
                <FinanceChart type="bar" labels={chart.labels} values={chart.values} title={t('finance.st.chart')} testId="income-chart" />
              </Suspense>
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

function CashFlowView({ from, to }: { from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const report = useAsync(() => api.get<CashFlowStatement>('/api/v1/finance/cash-flow', { from, to }), [from, to, generation, i18n.language]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Text type="secondary">{t('finance.st.range', { from, to })}</Typography.Text>
          {report.data && (
            <Tag color={report.data.reconciled ? 'success' : 'error'} data-testid="cf-reconciled">
              {t(report.data.reconciled ? 'finance.st.reconciled' : 'finance.st.unreconciled')}
            </Tag>
          )}
        </Space>
        <ReportDownloads path="/api/v1/finance/cash-flow" query={{ from, to }} testId="cf" />
      </Space>
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      {report.loading && !report.data && <Card loading />}
      {report.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <StatementTable lines={report.data.lines} columns={[{ title: t('finance.st.amount'), key: 'amount' }]} testId="cash-flow" />
          </Col>
        </Row>
      )}
    </Space>
  );
}
