// 库存看板: stock value, shortages, overstock and lots expiring within 30 days as cards; value by
// warehouse (bars) and by item category (pie) from the valuation, or — without
// stock_valuation:read — the quantity on hand by warehouse; the reorder alerts, the expiring lots,
// the valuation set against the ledger; below, the on-hand query with its exports.
import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Lot, ReorderReport, ReorderRow, StockReport, Valuation } from '../../api/inventory';
import { ApiError } from '../../api/problem';
import { useSession } from '../../auth/session';
import { formatDate } from '../../lib/format';
import { quantityByWarehouse, stockKpis, valuationChart, type ChartData } from '../../lib/stockDashboard';
import { useAsync } from '../../lib/useAsync';
import { money, problemText } from '../finance/common';
import { OnHandQuery } from './OnHandQuery';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));

export const REORDER_COLOR: Record<string, string> = { below_safety: 'red', below_minimum: 'orange', above_maximum: 'purple', ok: 'green' };

export default function StockDashboard() {
  const { t, i18n } = useTranslation();
  const { may, generation } = useSession();
  const locale = i18n.language;
  const mayValue = may('stock_valuation', 'read');
  const valuation = useAsync(async () => {
    if (!mayValue) return null;
    try {
      const [warehouse, category] = await Promise.all([
        api.get<Valuation>('/api/v1/stock/valuation', { group: 'warehouse' }),
        api.get<Valuation>('/api/v1/stock/valuation', { group: 'category' }),
      ]);
      return { warehouse, category };
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) return null;
      throw e;
    }
  }, [mayValue, generation, locale]);
  const noValue = !valuation.loading && valuation.data === null;
  const onHand = useAsync(() => (noValue ? api.get<StockReport>('/api/v1/stock', { group: 'warehouse', limit: '500' }) : Promise.resolve(null)),
    [noValue, generation]);
  const reorder = useAsync(() => api.get<ReorderReport>('/api/v1/stock/reorder', { status: 'below' }), [generation]);
  const lots = useAsync(() => api.get<{ items: Lot[] }>('/api/v1/lots', { expiring_within_days: '30', with_stock: 'true', limit: '500' }),
    [generation]);

  const kpis = stockKpis(reorder.data, lots.data?.items ?? []);
  const byWarehouse = useMemo(() => valuation.data ? valuationChart(valuation.data.warehouse.rows, 12, t('supply.dash.others'), '') : null,
    [valuation.data, t]);
  const byCategory = useMemo(() => valuation.data
    ? valuationChart(valuation.data.category.rows, 8, t('supply.dash.others'), t('supply.dash.unnamed')) : null, [valuation.data, t]);
  const quantities = useMemo(() => {
    const sums = quantityByWarehouse(onHand.data?.rows ?? []);
    return { labels: sums.map((s) => s.warehouse), values: sums.map((s) => Number(s.quantity)) };
  }, [onHand.data]);
  // Value by warehouse and by category, or without values the quantity by warehouse.
  const charts = ([
    { key: 'warehouse', type: 'bar', title: t('supply.dash.byWarehouse'), data: byWarehouse },
    { key: 'category', type: 'pie', title: t('supply.dash.byCategory'), data: byCategory },
    { key: 'quantity', type: 'bar', title: t('supply.dash.qtyByWarehouse'), data: noValue ? quantities : null },
  ] as const).filter((c): c is typeof c & { data: ChartData } => c.data !== null && c.data.labels.length > 0);
  const rec = valuation.data?.warehouse.reconciliation;
  const errors = [valuation.error, onHand.error, reorder.error, lots.error].filter((e) => e != null);
  const signed = (v: string) => <span className={v.startsWith('-') ? 'verp-negative' : ''}>{money(v)}</span>;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.dash.title')}</Typography.Title>
      {errors.map((e, i) => <Alert key={i} type="error" showIcon message={problemText(e)} />)}
      <Row gutter={[16, 16]}>
        {!noValue && (
          <Col xs={24} sm={12} lg={6}>
            <Card data-testid="kpi-value"><Statistic title={t('supply.dash.stockValue')} loading={valuation.loading}
              value={money(valuation.data?.warehouse.total.value ?? '0')} prefix="¥" /></Card>
          </Col>
        )}
        <Col xs={24} sm={12} lg={6}>
          <Card data-testid="kpi-short"><Statistic title={t('supply.dash.short')} loading={reorder.loading} value={kpis.short}
            valueStyle={{ color: kpis.short ? '#cf1322' : undefined }} />
            <Typography.Text type="secondary">{t('supply.dash.shortDetail', { safety: kpis.belowSafety, minimum: kpis.belowMinimum })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card data-testid="kpi-overstock"><Statistic title={t('supply.dash.overstock')} loading={reorder.loading} value={kpis.overstock} /></Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card data-testid="kpi-expiring"><Statistic title={t('supply.dash.expiring')} loading={lots.loading} value={kpis.expiring + kpis.expired}
            valueStyle={{ color: kpis.expired ? '#cf1322' : undefined }} />
            {kpis.expired > 0 && <Typography.Text type="danger">{t('supply.dash.expired', { n: kpis.expired })}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      {noValue && <Alert type="info" showIcon message={t('supply.dash.noValuation')} />}
      <Row gutter={[16, 16]}>
        {charts.map((c) => (
          <Col xs={24} lg={12} key={c.key}>
            <Card size="small" title={c.title}>
              <Suspense fallback={<div style={{ height: 280 }} />}>
                <FinanceChart type={c.type} labels={c.data.labels} values={c.data.values} locale={locale} height={280}
                  title={c.title} testId={`chart-${c.key}`} />
              </Suspense>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('supply.dash.reorder')}>
        <Table<ReorderRow> rowKey={(r) => `${r.item_id}-${r.warehouse_id ?? 0}`} size="small" loading={reorder.loading}
          dataSource={reorder.data?.rows ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="reorder-table"
          locale={{ emptyText: t('supply.dash.none') }} scroll={{ x: 900 }}
          columns={[
            { title: t('supply.dash.item'), key: 'item', render: (_, r) => `${r.item_code} ${r.item_name}` },
            { title: t('supply.dash.warehouse'), dataIndex: 'warehouse', width: 140, render: (w: string | null) => w ?? t('supply.dash.companyWide') },
            { title: t('supply.dash.status'), dataIndex: 'status', width: 130,
              render: (s: string) => <Tag color={REORDER_COLOR[s]}>{t(`supply.dash.statuses.${s}`, { defaultValue: s })}</Tag> },
            { title: t('supply.dash.available'), dataIndex: 'available', width: 100, align: 'right' },
            { title: t('supply.dash.safety'), dataIndex: 'safety_stock', width: 90, align: 'right' },
            { title: t('supply.dash.min'), dataIndex: 'min_quantity', width: 90, align: 'right' },
            { title: t('supply.dash.max'), dataIndex: 'max_quantity', width: 90, align: 'right' },
            { title: t('supply.dash.suggested'), dataIndex: 'suggested', width: 110, align: 'right', render: (v: string, r) => <b>{v} {r.unit}</b> },
          ]} />
      </Card>
      <Card size="small" title={t('supply.dash.expiringLots')}>
        <Table<Lot> rowKey="id" size="small" loading={lots.loading} dataSource={lots.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="lots-table" locale={{ emptyText: t('supply.dash.none') }}
          columns={[
            { title: t('supply.dash.item'), key: 'item', render: (_, l) => `${l.item_code} ${l.item_name}` },
            { title: t('supply.dash.lot'), dataIndex: 'lot_number', width: 140 },
            { title: t('supply.dash.expiresOn'), dataIndex: 'expires_on', width: 120, render: (d: string | null) => (d ? formatDate(d, locale) : '') },
            { title: t('supply.dash.days'), dataIndex: 'days_to_expiry', width: 100, align: 'right',
              render: (d: number | null) => <Tag color={d !== null && d < 0 ? 'red' : d !== null && d <= 7 ? 'orange' : 'gold'}>{d ?? ''}</Tag> },
            { title: t('supply.dash.onHand'), dataIndex: 'on_hand', width: 100, align: 'right' },
            { title: t('supply.dash.supplier'), dataIndex: 'supplier', width: 160 },
          ]} />
      </Card>
      {rec && (
        <Card size="small" title={t('supply.dash.reconciliation')} data-testid="reconciliation">
          {rec.valuation_posting === 'periodic' && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('supply.dash.periodic')} />}
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
            { key: 's', label: t('supply.dash.stockValue'), children: money(rec.stock_value) },
            { key: 'p', label: t('supply.dash.posted'), children: money(rec.posted) },
            { key: 'u', label: t('supply.dash.unposted'), children: money(rec.unposted) },
            { key: 'd', label: t('supply.dash.difference'), children: <b>{signed(rec.difference)}</b> },
            { key: 'w', label: t('supply.dash.differenceWithUnposted'), children: signed(rec.difference_with_unposted) },
          ]} />
          {rec.accounts.length > 0 && (
            <Table rowKey="code" size="small" pagination={false} style={{ marginTop: 8 }} dataSource={rec.accounts} columns={[
              { title: t('supply.dash.account'), key: 'a', render: (_, a) => `${a.code} ${a.name}` },
              { title: t('supply.dash.posted'), dataIndex: 'posted', align: 'right', render: (v: string) => money(v) },
              { title: t('supply.dash.unposted'), dataIndex: 'unposted', align: 'right', render: (v: string) => money(v) },
            ]} />
          )}
        </Card>
      )}
      <OnHandQuery />
    </Space>
  );
}
