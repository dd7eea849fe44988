// 采购报表: open orders (value by supplier, late lines marked), supplier delivery performance,
// purchases by supplier/item/month and an item's price history — each a chart over the report's
// own table, with CSV/Excel/PDF downloads of the same URL (?format=).
import { Alert, Card, Col, DatePicker, Row, Select, Space, Statistic, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import {
  PURCHASING_REPORTS, type OpenOrdersReport, type PurchasesReport, type PurchasingReport, type ReportRow,
} from '../../api/purchasing';
import { useSession } from '../../auth/session';
import { LinkSelect } from '../../components/LinkSelect';
import { ReportTable } from '../../components/ReportTable';
import { formatDate } from '../../lib/format';
import { deliveryChart, isLate, openOrdersKpis, openValueChart, priceSeries, purchasesChart } from '../../lib/purchasingReports';
import { useAsync } from '../../lib/useAsync';
import { DownloadButton, money, problemText } from '../finance/common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));
type Chart = Parameters<typeof FinanceChart>[0];
type Query = Record<string, string | undefined>;

const TABS = ['open-orders', 'delivery-performance', 'purchases', 'price-history'] as const;
const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

/** A report loaded in the UI's language (the server's problems say why not), or nothing while `ready` is false. */
function useReport<T extends PurchasingReport>(name: string, query: Query, ready = true) {
  const { i18n } = useTranslation();
  const { generation } = useSession();
  const key = JSON.stringify(query);
  return useAsync(() => (ready ? api.get<T>(`${PURCHASING_REPORTS}/${name}`, query as Record<string, string>) : Promise.resolve(null)),
    [name, key, ready, generation, i18n.language]);
}

/** A tab's frame: its filters and downloads, the error, the chart, then the table. */
function ReportFrame({ name, query, filters, error, chart, children, ready = true }: {
  name: string; query: Query; filters?: ReactNode; error: unknown; chart: Chart | null; children: ReactNode; ready?: boolean;
}) {
  const { i18n } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>{filters}</Space>
        <Space size="small" wrap>
          {FORMATS.map((f) => (
            <DownloadButton key={f} path={`${PURCHASING_REPORTS}/${name}`} query={query} format={f} disabled={!ready} testId={`${name}-${f}`} />
          ))}
        </Space>
      </Space>
      {error != null && <Alert type="error" showIcon message={problemText(error)} />}
      {chart && chart.labels.length > 0 && (
        <Card size="small" title={chart.title}>
          <Suspense fallback={<div style={{ height: 300 }} />}>
            <FinanceChart {...chart} locale={i18n.language} height={300} />
          </Suspense>
        </Card>
      )}
      {children}
    </Space>
  );
}

function DateRange({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker.RangePicker allowClear={false} aria-label={t('supply.reports.range')} data-testid="report-range"
      value={[dayjs(from), dayjs(to)]}
      onChange={(r) => r?.[0] && r[1] && onChange(r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD'))} />
  );
}

function useRange() {
  const [range, setRange] = useState({ from: dayjs().startOf('year').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') });
  const picker = <DateRange from={range.from} to={range.to} onChange={(from, to) => setRange({ from, to })} />;
  return { range, picker };
}

function OpenOrders() {
  const { t, i18n } = useTranslation();
  const report = useReport<OpenOrdersReport>('open-orders', {});
  const rows = report.data?.rows ?? [];
  const kpis = useMemo(() => openOrdersKpis(rows), [rows]);
  const chart = useMemo(() => openValueChart(rows), [rows]);
  return (
    <ReportFrame name="open-orders" query={{}} error={report.error}
      filters={report.data && <Typography.Text type="secondary">{t('supply.reports.asOf', { date: formatDate(report.data.as_of, i18n.language) })}</Typography.Text>}
      chart={{ type: 'bar', ...chart, title: t('supply.reports.openBySupplier'), testId: 'chart-open-orders' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12}>
          <Card data-testid="kpi-open-value"><Statistic title={t('supply.reports.openValue')} loading={report.loading}
            value={money(report.data?.open_value ?? kpis.openValue)} prefix="¥" /></Card>
        </Col>
        <Col xs={24} sm={12}>
          <Card data-testid="kpi-late"><Statistic title={t('supply.reports.lateLines')} loading={report.loading} value={kpis.late}
            suffix={`/ ${kpis.lines}`} valueStyle={{ color: kpis.late ? '#cf1322' : undefined }} /></Card>
        </Col>
      </Row>
      <ReportTable columns={report.data?.columns ?? []} rows={rows} loading={report.loading} testId="open-orders-table"
        rowClassName={(r) => (isLate(r) ? 'verp-bad-row' : '')} />
    </ReportFrame>
  );
}

function Delivery() {
  const { t } = useTranslation();
  const { range, picker } = useRange();
  const report = useReport('delivery-performance', range);
  const rows = report.data?.rows ?? [];
  const chart = useMemo(() => deliveryChart(rows), [rows]);
  return (
    <ReportFrame name="delivery-performance" query={range} filters={picker} error={report.error}
      chart={{ type: 'bar', labels: chart.labels, title: t('supply.reports.ratesBySupplier'), testId: 'chart-delivery',
        series: [{ name: t('supply.reports.onTimeRate'), values: chart.onTime, color: '#52c41a' },
          { name: t('supply.reports.rejectedRate'), values: chart.rejected, color: '#f5222d' }] }}>
      <ReportTable columns={report.data?.columns ?? []} rows={rows} loading={report.loading} testId="delivery-table" />
    </ReportFrame>
  );
}

function Purchases() {
  const { t } = useTranslation();
  const { range, picker } = useRange();
  const [group, setGroup] = useState('supplier');
  const query = { ...range, group };
  const report = useReport<PurchasesReport>('purchases', query);
  const rows = report.data?.rows ?? [];
  const chart = useMemo(() => purchasesChart(rows, group), [rows, group]);
  return (
    <ReportFrame name="purchases" query={query} error={report.error}
      filters={<>
        <Select value={group} onChange={setGroup} style={{ width: 140 }} aria-label={t('supply.reports.group')} data-testid="purchases-group"
          options={(['supplier', 'item', 'month'] as const).map((g) => ({ value: g, label: t(`supply.reports.groups.${g}`) }))} />
        {picker}
      </>}
      chart={{ type: group === 'month' ? 'line' : 'bar', ...chart, title: t('supply.reports.amount'), testId: 'chart-purchases',
        horizontal: group === 'item' }}>
      <ReportTable columns={report.data?.columns ?? []} rows={rows} loading={report.loading} testId="purchases-table"
        totals={report.data?.totals} />
    </ReportFrame>
  );
}

function PriceHistory() {
  const { t } = useTranslation();
  const [item, setItem] = useState<number | null>(null);
  const query = { item_id: item === null ? undefined : String(item) };
  const report = useReport('price-history', query, item !== null);
  const rows: ReportRow[] = report.data?.rows ?? [];
  const chart = useMemo(() => priceSeries(rows), [rows]);
  return (
    <ReportFrame name="price-history" query={query} ready={item !== null} error={report.error}
      filters={<LinkSelect id="price-item" linkTo="item" value={item} style={{ width: 280 }} aria-label={t('supply.reports.item')}
        placeholder={t('supply.reports.pickItem')} onChange={(v) => setItem(typeof v === 'number' ? v : null)} />}
      chart={{ type: 'line', ...chart, title: t('supply.reports.unitPrice'), testId: 'chart-prices' }}>
      {item === null ? <Alert type="info" showIcon message={t('supply.reports.pickItem')} />
        : <ReportTable columns={report.data?.columns ?? []} rows={rows} loading={report.loading} testId="price-table" />}
    </ReportFrame>
  );
}

const PANES: Record<(typeof TABS)[number], () => ReactNode> = {
  'open-orders': OpenOrders, 'delivery-performance': Delivery, purchases: Purchases, 'price-history': PriceHistory,
};

export default function PurchasingReports() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? TABS[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.reports.title')}</Typography.Title>
      <Tabs activeKey={tab} destroyOnHidden onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={TABS.map((k) => {
          const Pane = PANES[k];
          return { key: k, label: t(`supply.reports.tabs.${k}`), children: <Pane /> };
        })} />
    </Space>
  );
}
