// A stocktake's variance report (GET /api/v1/stocktakes/{id}/variance): each line's book at the
// snapshot and now, count, difference and its value, gains and losses totalled; the largest
// differences as bars; Excel and PDF from the server.
import { Alert, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { VarianceLine, VarianceReport } from '../../api/inventory';
import { largestDifferences } from '../../lib/stocktake';
import { useAsync } from '../../lib/useAsync';
import { money, problemText, ReportDownloads } from '../finance/common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));
const STATUS_COLOR: Record<string, string> = { gain: 'green', loss: 'red', match: 'default', uncounted: 'warning' };

export function StocktakeVariance({ id, version }: { id: number; version: number }) {
  const { t, i18n } = useTranslation();
  const path = `/api/v1/stocktakes/${id}/variance`;
  const report = useAsync(() => api.get<VarianceReport>(path), [path, version, i18n.language]);
  const bars = useMemo(() => largestDifferences(report.data?.lines ?? [], 10), [report.data]);
  const labels = useMemo(() => bars.map((b) => b.label), [bars]);
  const values = useMemo(() => bars.map((b) => b.value), [bars]);
  const totals = report.data?.totals;
  const signed = (v: string | undefined) => (v === undefined ? '' : <span className={v.startsWith('-') ? 'verp-negative' : ''}>{v}</span>);
  return (
    <Card size="small" title={t('supply.take.variance')} extra={<ReportDownloads path={path} query={{}} testId="variance" />} data-testid="variance">
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      {totals && (
        <Space wrap size="large" style={{ marginBottom: 8 }}>
          <Typography.Text>{t('supply.take.gains')}: <b>{money(totals.gains)}</b></Typography.Text>
          <Typography.Text>{t('supply.take.losses')}: <b className="verp-negative">{money(totals.losses)}</b></Typography.Text>
          <Typography.Text>{t('supply.take.net')}: <b>{money(totals.net)}</b></Typography.Text>
          {totals.uncounted > 0 && <Tag color="warning">{t('supply.take.uncounted', { n: totals.uncounted })}</Tag>}
          {totals.book_changed > 0 && <Tag color="orange">{t('supply.take.bookChanged')} ({totals.book_changed})</Tag>}
        </Space>
      )}
      {bars.length > 0 && (
        <Suspense fallback={<div style={{ height: 40 + 28 * bars.length }} />}>
          <FinanceChart type="bar" horizontal labels={labels} values={values} locale={i18n.language} height={40 + 28 * bars.length}
            title={t('supply.take.chart')} testId="variance-chart" />
        </Suspense>
      )}
      <Table<VarianceLine> rowKey="id" size="small" loading={report.loading} dataSource={report.data?.lines ?? []} scroll={{ x: 900 }}
        pagination={{ pageSize: 100, hideOnSinglePage: true }} data-testid="variance-table"
        columns={[
          { title: t('supply.take.line'), dataIndex: 'line_no', width: 60 },
          { title: t('supply.take.location'), dataIndex: 'location', width: 100 },
          { title: t('supply.take.item'), key: 'item', render: (_, l) => `${l.item_code} ${l.item_name}` },
          { title: t('supply.take.lot'), dataIndex: 'lot_number', width: 110 },
          { title: t('supply.take.book'), dataIndex: 'book', width: 90, align: 'right' },
          { title: t('supply.take.bookNow'), dataIndex: 'book_now', width: 90, align: 'right',
            render: (v: string, l) => (l.book_changed ? <Tooltip title={t('supply.take.bookChanged')}><b style={{ color: '#d46b08' }}>{v}</b></Tooltip> : v) },
          { title: t('supply.take.counted'), dataIndex: 'counted', width: 90, align: 'right' },
          { title: t('supply.take.difference'), dataIndex: 'difference', width: 90, align: 'right', render: signed },
          { title: t('supply.take.value'), dataIndex: 'value', width: 110, align: 'right', render: (v?: string) => (v === undefined ? '' : signed(money(v))) },
          { title: t('supply.take.state'), dataIndex: 'status', width: 90,
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`supply.take.varianceStatus.${s}`, { defaultValue: s })}</Tag> },
        ]} />
    </Card>
  );
}
