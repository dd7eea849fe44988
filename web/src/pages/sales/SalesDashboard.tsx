// 销售看板 (/sales/dashboard): KPI cards (sales in the range, order backlog, on-time delivery,
// gross margin) and charts — sales by month (line or bars), the ten largest customers, sales by
// item (pie), margin by customer — over the sales reports' own tables, each downloadable as
// Excel or PDF (?format= on the same URL). A report the server does not offer yet (404) shows as
// "not available" and the rest of the board still works.
import { Alert, Card, Col, DatePicker, Empty, Row, Segmented, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { SALES_REPORTS, type SalesReport } from '../../api/sales';
import { useSession } from '../../auth/session';
import { ReportTable } from '../../components/ReportTable';
import { columnSum, grossMargin, notAvailable, onTimeRate, reportSeries, reportTitle } from '../../lib/salesDashboard';
import { useAsync } from '../../lib/useAsync';
import { money, problemText, ReportDownloads } from '../finance/common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));
type Query = Record<string, string>;

function useSalesReport(name: string, query: Query) {
  const { i18n } = useTranslation();
  const { generation } = useSession();
  const key = JSON.stringify(query);
  return useAsync(() => api.get<SalesReport>(`${SALES_REPORTS}/${name}`, query), [name, key, generation, i18n.language]);
}

type Loaded = ReturnType<typeof useSalesReport>;

/** A report's card: its title, downloads, and the chart or table — or why there is none. */
function ReportCard({ name, query, report, testId, title, children }: {
  name: string; query: Query; report: Loaded; testId: string; title: string; children: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const missing = notAvailable(report.error);
  return (
    <Card size="small" data-testid={testId} loading={report.loading && !report.data}
      title={report.data ? reportTitle(report.data, i18n.language) : title}
      extra={!missing && <ReportDownloads path={`${SALES_REPORTS}/${name}`} query={query} testId={`${testId}-download`} disabled={!report.data} />}>
      {missing ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sales.dashboard.notAvailable')} data-testid={`${testId}-missing`} />
        : report.error != null ? <Alert type="error" showIcon message={problemText(report.error)} />
          : report.data && !report.data.rows.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sales.dashboard.noData')} />
            : children}
    </Card>
  );
}

function Chart(props: Parameters<typeof FinanceChart>[0]) {
  const { i18n } = useTranslation();
  if (!props.labels.length) return null;
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 280 }} />}>
      <FinanceChart {...props} locale={i18n.language} height={props.height ?? 280} />
    </Suspense>
  );
}

function Kpi({ title, value, suffix, testId, loading }: { title: string; value: string | null; suffix?: string; testId: string; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} loading={loading} value={value ?? t('sales.dashboard.none')} suffix={value !== null ? suffix : undefined} />
    </Card>
  );
}

export default function SalesDashboard() {
  const { t } = useTranslation();
  const [range, setRange] = useState({ from: dayjs().startOf('year').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') });
  const [monthly, setMonthly] = useState<'line' | 'bar'>('bar');
  const byMonth = useSalesReport('sales', { group: 'month', ...range });
  const byCustomer = useSalesReport('sales', { group: 'customer', ...range });
  const byItem = useSalesReport('sales', { group: 'item', ...range });
  const backlog = useSalesReport('backlog', {});
  const onTime = useSalesReport('on-time-delivery', range);
  const margin = useSalesReport('margin', { group: 'customer', ...range });

  const months = useMemo(() => reportSeries(byMonth.data), [byMonth.data]);
  const customers = useMemo(() => reportSeries(byCustomer.data, { top: 10 }), [byCustomer.data]);
  const items = useMemo(() => reportSeries(byItem.data, { top: 10 }), [byItem.data]);
  const margins = useMemo(() => reportSeries(margin.data, { top: 10, values: ['margin', 'gross_margin', 'gross_profit'] }), [margin.data]);
  const sales = columnSum(byMonth.data, ['amount', 'net_amount', 'sales', 'revenue']);
  const backlogValue = columnSum(backlog.data, ['open_value', 'backlog', 'open_amount', 'amount']);
  const rate = onTimeRate(onTime.data);
  const gm = grossMargin(margin.data);
  const amount = (v: string | null) => (v === null ? null : money(v));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="sales-dashboard">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('sales.dashboard.title')}</Typography.Title>
        <DatePicker.RangePicker allowClear={false} value={[dayjs(range.from), dayjs(range.to)]} aria-label={t('supply.reports.range')}
          onChange={(r) => r?.[0] && r[1] && setRange({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}><Kpi testId="kpi-sales" title={t('sales.dashboard.kpi.sales')} value={amount(sales)} loading={byMonth.loading} /></Col>
        <Col xs={12} lg={6}><Kpi testId="kpi-backlog" title={t('sales.dashboard.kpi.backlog')} value={amount(backlogValue)} loading={backlog.loading} /></Col>
        <Col xs={12} lg={6}><Kpi testId="kpi-on-time" title={t('sales.dashboard.kpi.onTime')} value={rate} suffix="%" loading={onTime.loading} /></Col>
        <Col xs={12} lg={6}>
          <Kpi testId="kpi-margin" title={t('sales.dashboard.kpi.margin')} value={gm ? `${money(gm.margin)}${gm.rate !== null ? ` (${gm.rate}%)` : ''}` : null} loading={margin.loading} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ReportCard name="sales" query={{ group: 'month', ...range }} report={byMonth} testId="report-by-month" title={t('sales.dashboard.byMonth')}>
            <Segmented size="small" value={monthly} onChange={(v) => setMonthly(v as 'line' | 'bar')}
              options={[{ value: 'bar', label: t('sales.dashboard.bars') }, { value: 'line', label: t('sales.dashboard.line') }]} />
            <Chart type={monthly} labels={months.labels} values={months.values} title={t('sales.dashboard.byMonth')} testId="chart-by-month" />
          </ReportCard>
        </Col>
        <Col xs={24} xl={10}>
          <ReportCard name="sales" query={{ group: 'item', ...range }} report={byItem} testId="report-by-item" title={t('sales.dashboard.byItem')}>
            <Chart type="pie" labels={items.labels} values={items.values} title={t('sales.dashboard.byItem')} testId="chart-by-item" />
          </ReportCard>
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard name="sales" query={{ group: 'customer', ...range }} report={byCustomer} testId="report-by-customer" title={t('sales.dashboard.topCustomers')}>
            <Chart type="bar" horizontal labels={customers.labels} values={customers.values} title={t('sales.dashboard.topCustomers')} testId="chart-by-customer" />
          </ReportCard>
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard name="margin" query={{ group: 'customer', ...range }} report={margin} testId="report-margin" title={t('sales.dashboard.margin')}>
            <Chart type="bar" horizontal labels={margins.labels} values={margins.values} title={t('sales.dashboard.margin')} testId="chart-margin" />
          </ReportCard>
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard name="backlog" query={{}} report={backlog} testId="report-backlog" title={t('sales.dashboard.backlog')}>
            <ReportTable columns={backlog.data?.columns ?? []} rows={backlog.data?.rows ?? []} testId="backlog-table" />
          </ReportCard>
        </Col>
        <Col xs={24} xl={12}>
          <ReportCard name="on-time-delivery" query={range} report={onTime} testId="report-on-time" title={t('sales.dashboard.onTime')}>
            <ReportTable columns={onTime.data?.columns ?? []} rows={onTime.data?.rows ?? []} testId="on-time-table" />
          </ReportCard>
        </Col>
      </Row>
    </Space>
  );
}
