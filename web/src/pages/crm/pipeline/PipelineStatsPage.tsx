// 销售统计 (/crm/pipeline/stats): over opportunities created in a range — win rate, average sales
// cycle, the weighted forecast, the funnel by stage with each stage's conversion to the next, leads
// by source, and the figures per salesperson and per team. Charts draw numbers; the tables show the
// server's exact decimal strings.
import { Alert, Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pipelineApi, type PersonStats, type SourceStats, type StageStats } from '../../../api/crm/pipeline';
import { chartNumber, funnel, percent } from '../../../lib/crm/pipeline';
import { useAsync } from '../../../lib/useAsync';
import { money, problemText } from '../../finance/common';

const FinanceChart = lazy(() => import('../../../components/FinanceChart'));
const FunnelChart = lazy(() => import('./FunnelChart'));

export default function PipelineStatsPage() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useAsync(() => pipelineApi.stats({ from, to }), [from, to]);
  const s = stats.data;
  const people = (rows: PersonStats[], blank: string) => rows.map((r) => ({ ...r, name: r.name || blank }));

  const personColumns = [
    { title: t('crm.pipeline.stats.name'), dataIndex: 'name' },
    { title: t('crm.pipeline.stats.open'), dataIndex: 'open', align: 'right' as const },
    { title: t('crm.pipeline.stats.weightedAmount'), dataIndex: 'weighted_amount', align: 'right' as const, render: (v: string) => money(v) },
    { title: t('crm.pipeline.stats.won'), dataIndex: 'won', align: 'right' as const },
    { title: t('crm.pipeline.stats.wonAmount'), dataIndex: 'won_amount', align: 'right' as const, render: (v: string) => money(v) },
    { title: t('crm.pipeline.stats.lost'), dataIndex: 'lost', align: 'right' as const },
    { title: t('crm.pipeline.stats.winRate'), dataIndex: 'win_rate', align: 'right' as const, render: (v: string | null) => percent(v) },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="pipeline-stats">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('crm.pipeline.stats.title')}</Typography.Title>
        <Space>
          <Typography.Text>{t('crm.pipeline.stats.range')}</Typography.Text>
          <DatePicker.RangePicker value={range} allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} data-testid="stats-range" />
        </Space>
      </Space>
      {stats.error != null && <Alert type="error" showIcon message={problemText(stats.error)} />}
      <Row gutter={12}>
        <Col xs={12} md={6}><Card size="small" loading={stats.loading && !s} data-testid="stats-win-rate"><Statistic title={t('crm.pipeline.stats.winRate')} value={percent(s?.win_rate)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={stats.loading && !s} data-testid="stats-cycle"><Statistic title={t('crm.pipeline.stats.cycle')} value={s?.average_cycle_days ?? '—'} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={stats.loading && !s}><Statistic title={t('crm.pipeline.stats.weighted')} value={money(s?.weighted_pipeline)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" loading={stats.loading && !s}><Statistic title={t('crm.pipeline.stats.wonAmount')} value={money(s?.won_amount)} /></Card></Col>
      </Row>
      {s && (
        <Row gutter={12}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('crm.pipeline.stats.funnel')}>
              {s.opportunities === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
                <Suspense fallback={<div style={{ height: 300 }} />}>
                  <FunnelChart data={funnel(s)} title={t('crm.pipeline.stats.funnel')} testId="stats-funnel" />
                </Suspense>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('crm.pipeline.stats.byStage')}>
              <Table<StageStats> size="small" rowKey="stage_id" pagination={false} dataSource={s.stages} data-testid="stats-stages" columns={[
                { title: t('crm.pipeline.stats.stage'), dataIndex: 'name' },
                { title: t('crm.pipeline.stats.count'), dataIndex: 'count', align: 'right' },
                { title: t('crm.pipeline.stats.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => money(v) },
                { title: t('crm.pipeline.stats.weightedAmount'), dataIndex: 'weighted_amount', align: 'right', render: (v: string) => money(v) },
                { title: t('crm.pipeline.stats.conversion'), dataIndex: 'conversion_rate', align: 'right', render: (v: string | null) => percent(v) },
              ]} />
            </Card>
          </Col>
          <Col xs={24} lg={12} style={{ marginTop: 12 }}>
            <Card size="small" title={t('crm.pipeline.stats.bySource')}>
              {s.sources.length > 0 && (
                <Suspense fallback={<div style={{ height: 220 }} />}>
                  <FinanceChart type="bar" height={220} locale={i18n.language} title={t('crm.pipeline.stats.bySource')} testId="stats-sources-chart"
                    labels={s.sources.map((r) => t(`crm.pipeline.sources.${r.source}`))} values={s.sources.map((r) => r.leads)} />
                </Suspense>
              )}
              <Table<SourceStats> size="small" rowKey="source" pagination={false} dataSource={s.sources} columns={[
                { title: t('crm.pipeline.stats.source'), dataIndex: 'source', render: (v: string) => t(`crm.pipeline.sources.${v}`) },
                { title: t('crm.pipeline.stats.leads'), dataIndex: 'leads', align: 'right' },
                { title: t('crm.pipeline.stats.converted'), dataIndex: 'converted', align: 'right' },
                { title: t('crm.pipeline.stats.conversionRate'), dataIndex: 'conversion_rate', align: 'right', render: (v: string | null) => percent(v) },
              ]} />
            </Card>
          </Col>
          <Col xs={24} lg={12} style={{ marginTop: 12 }}>
            <Card size="small" title={t('crm.pipeline.stats.byOwner')}>
              {s.owners.length > 0 && (
                <Suspense fallback={<div style={{ height: 220 }} />}>
                  <FinanceChart type="bar" height={220} locale={i18n.language} title={t('crm.pipeline.stats.byOwner')} testId="stats-owners-chart"
                    labels={people(s.owners, t('crm.pipeline.stats.noOwner')).map((r) => r.name)}
                    series={[
                      { name: t('crm.pipeline.stats.weightedAmount'), values: s.owners.map((r) => chartNumber(r.weighted_amount)) },
                      { name: t('crm.pipeline.stats.wonAmount'), values: s.owners.map((r) => chartNumber(r.won_amount)) },
                    ]} />
                </Suspense>
              )}
              <Table<PersonStats> size="small" rowKey={(r) => String(r.owner_id)} pagination={false}
                dataSource={people(s.owners, t('crm.pipeline.stats.noOwner'))} columns={personColumns} data-testid="stats-owners" />
            </Card>
          </Col>
          <Col xs={24} style={{ marginTop: 12 }}>
            <Card size="small" title={t('crm.pipeline.stats.byTeam')}>
              <Table<PersonStats> size="small" rowKey={(r) => String(r.department_id)} pagination={false}
                dataSource={people(s.departments, t('crm.pipeline.stats.noTeam'))} columns={personColumns} />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}
