// 高价值客户 (/crm/customers/high-value) and 流失预警 (/crm/customers/churn-risk): the scores'
// lists with a bar chart (lifetime value, or the revenue at stake), the table as the API lays it
// out (linking each customer to their 360° view), downloads, and a recompute for those who may
// update customers.
import { Alert, App, Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import { CHURN_RISK_REPORT, HIGH_VALUE_REPORT, recomputeGrades, type CustomerList } from '../../../api/crm/customers';
import { useSession } from '../../../auth/session';
import { listPoints } from '../../../lib/crm/customers';
import { cellText, columnTitle } from '../../../lib/purchasingReports';
import { useAsync } from '../../../lib/useAsync';
import { money, problemText, ReportDownloads } from '../../finance/common';

const FinanceChart = lazy(() => import('../../../components/FinanceChart'));

function CustomerListPage({ kind }: { kind: 'high-value' | 'churn-risk' }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { may } = useSession();
  const [sort, setSort] = useState<'clv' | 'rfm'>('clv');
  const [busy, setBusy] = useState(false);
  const path = kind === 'high-value' ? HIGH_VALUE_REPORT : CHURN_RISK_REPORT;
  const query = useMemo((): Record<string, string> => (kind === 'high-value' ? { sort, limit: '100' } : { limit: '200' }), [kind, sort]);
  const list = useAsync(() => api.get<CustomerList>(path, query), [path, JSON.stringify(query), i18n.language]);
  const by = kind === 'high-value' ? 'clv' : 'revenue_12m';
  const points = useMemo(() => {
    const all = listPoints(list.data, by);
    return { labels: all.labels.slice(0, 20), values: all.values.slice(0, 20) };
  }, [list.data, by]);
  const title = kind === 'high-value' ? t('crm.customers.lists.highValue') : t('crm.customers.lists.churnRisk');
  const recompute = async () => {
    setBusy(true);
    try {
      const run = await recomputeGrades();
      message.success(t('crm.customers.lists.recomputed', { customers: run.customers, grades: run.grade_changes, stages: run.stage_changes }));
      list.reload();
    } catch (e) { message.error(problemText(e)); } finally { setBusy(false); }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid={`crm-${kind}`}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{title}</Typography.Title>
        <Space wrap>
          {kind === 'high-value' && (
            <Segmented value={sort} onChange={(v) => setSort(v as 'clv' | 'rfm')} data-testid="high-value-sort"
              options={[{ value: 'clv', label: t('crm.customers.lists.byClv') }, { value: 'rfm', label: t('crm.customers.lists.byRfm') }]} />)}
          {may('customer', 'update') && (
            <Button loading={busy} onClick={() => void recompute()} data-testid="grades-recompute">{t('crm.customers.lists.recompute')}</Button>)}
          <ReportDownloads path={path} query={query} testId={`${kind}-download`} disabled={!list.data} />
        </Space>
      </Space>
      <Alert type="info" showIcon message={t('crm.customers.lists.help')} />
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      {points.labels.length > 0 && (
        <Card size="small" title={kind === 'high-value' ? t('crm.customers.lists.chartClv') : t('crm.customers.lists.chartAtStake')}>
          <Suspense fallback={<div style={{ height: 300 }} />}>
            <FinanceChart type="bar" horizontal labels={points.labels} values={points.values} locale={i18n.language} height={300}
              title={title} testId={`chart-${kind}`} />
          </Suspense>
        </Card>)}
      {list.data?.revenue_at_stake && (
        <Typography.Text strong data-testid="revenue-at-stake">{t('crm.customers.lists.atStake', { amount: money(list.data.revenue_at_stake) })}</Typography.Text>)}
      <Table size="small" loading={list.loading} data-testid={`${kind}-table`} rowKey={(r) => String(r.customer_id)}
        dataSource={list.data?.rows ?? []} scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('crm.customers.lists.empty') }}
        columns={(list.data?.columns ?? []).map((c) => ({
          key: c.key, dataIndex: c.key, title: columnTitle(c, i18n.language),
          render: (v: string | number | null, row: { customer_id: number }) => (c.key === 'name'
            ? <Link to={`/crm/customers/${row.customer_id}`}>{String(v)}</Link>
            : c.key === 'lifecycle_stage' && v ? t(`crm.customers.stage.${v}`, { defaultValue: String(v) }) : cellText(v, i18n.language)),
        }))} />
    </Space>
  );
}

export function HighValueCustomers() { return <CustomerListPage kind="high-value" />; }
export function ChurnRiskCustomers() { return <CustomerListPage kind="churn-risk" />; }
