// A campaign's results dashboard: KPI cards (reach, deliveries, opens, clicks, conversions,
// revenue, ROI), the funnel sent → delivered → opened → clicked → converted and the daily line,
// downloadable as Excel or PDF.
import { Alert, Card, Col, Empty, Row, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGNS, campaignResults } from '../../../api/crm/campaigns';
import { funnel, percent } from '../../../lib/crm/campaigns';
import { formatInteger } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { money, problemText, ReportDownloads } from '../../finance/common';

const CampaignFunnel = lazy(() => import('./CampaignCharts').then((m) => ({ default: m.CampaignFunnel })));
const CampaignDaily = lazy(() => import('./CampaignCharts').then((m) => ({ default: m.CampaignDaily })));

export function CampaignResultsPanel({ id, refresh }: { id: number; refresh: number }) {
  const { t, i18n } = useTranslation();
  const results = useAsync(() => campaignResults(id), [id, refresh, i18n.language]);
  const r = results.data;
  const stages = useMemo(() => (r ? funnel(r).map((s) => ({ ...s, label: t(`crm.campaigns.results.${s.key}`) })) : []), [r, t]);
  if (results.error) return <Alert type="error" showIcon message={problemText(results.error)} />;
  const n = (v: number | undefined) => (v === undefined ? '—' : formatInteger(v, i18n.language));
  const rate = (key: keyof NonNullable<typeof r>['rates']) => {
    const p = r ? percent(r.rates[key]) : null;
    return p === null ? undefined : t('crm.campaigns.results.rateOfDelivered', { rate: p });
  };
  const sending = r?.progress && !r.progress.finished_at ? r.progress : null;
  const kpis: { key: string; title: string; value: string; hint?: string }[] = [
    { key: 'targeted', title: t('crm.campaigns.results.targeted'), value: n(r?.targeted),
      hint: sending ? t('crm.campaigns.results.progress', { done: n(sending.done), of: n(sending.targeted) }) : undefined },
    { key: 'excluded', title: `${t('crm.campaigns.results.excludedOptOut')} / ${t('crm.campaigns.results.excludedNoAddress')}`, value: r ? `${n(r.excluded_opt_out)} / ${n(r.excluded_no_address)}` : '—' },
    { key: 'delivered', title: t('crm.campaigns.results.delivered'), value: r ? `${n(r.delivered)} / ${n(r.sent)}` : '—', hint: r && r.failed ? `${t('crm.campaigns.results.failed')} ${n(r.failed)}` : undefined },
    { key: 'opened', title: t('crm.campaigns.results.opened'), value: n(r?.opened), hint: rate('opened') },
    { key: 'clicked', title: t('crm.campaigns.results.clicked'), value: n(r?.clicked), hint: rate('clicked') },
    { key: 'unsubscribed', title: t('crm.campaigns.results.unsubscribed'), value: n(r?.unsubscribed), hint: rate('unsubscribed') },
    { key: 'converted', title: t('crm.campaigns.results.converted'), value: n(r?.converted), hint: rate('converted') },
    { key: 'revenue', title: `${t('crm.campaigns.results.revenue')} / ${t('crm.campaigns.results.cost')}`, value: r ? `${money(r.revenue)} / ${money(r.cost)}` : '—' },
    { key: 'roi', title: t('crm.campaigns.results.roi'), value: r ? (r.roi === null ? t('crm.campaigns.results.roiNone') : `${percent(r.roi)}%`) : '—' },
  ];
  const days = r?.series.map((d) => d.day) ?? [];
  const series = (['sent', 'opened', 'clicked', 'converted'] as const).map((key) => ({
    name: t(`crm.campaigns.results.${key}`), values: r?.series.map((d) => d[key]) ?? [],
  }));
  return (
    <Card size="small" title={t('crm.campaigns.results.title')} loading={results.loading && !r} data-testid="campaign-results"
      extra={<ReportDownloads path={`${CAMPAIGNS}/${id}/results`} query={{}} testId="campaign-results-download" disabled={!r} />}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Row gutter={[12, 12]}>
          {kpis.map((k) => (
            <Col key={k.key} xs={12} md={8} xl={6} xxl={4}>
              <Card size="small" data-testid={`kpi-${k.key}`}>
                <Statistic title={k.title} value={k.value} />
                {k.hint && <Typography.Text type="secondary">{k.hint}</Typography.Text>}
              </Card>
            </Col>
          ))}
        </Row>
        {r && r.sent === 0 ? <Empty description={t('crm.campaigns.results.noData')} /> : (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('crm.campaigns.results.funnel')}>
                <Suspense fallback={<div style={{ height: 280 }} />}>
                  <CampaignFunnel stages={stages} title={t('crm.campaigns.results.funnel')} testId="campaign-funnel" />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('crm.campaigns.results.daily')}>
                <Suspense fallback={<div style={{ height: 280 }} />}>
                  <CampaignDaily days={days} series={series} title={t('crm.campaigns.results.daily')} testId="campaign-daily" locale={i18n.language} />
                </Suspense>
              </Card>
            </Col>
          </Row>
        )}
        {r && <Typography.Text type="secondary">{t('crm.campaigns.results.conversionRule', { days: r.campaign.conversion_days })}</Typography.Text>}
      </Space>
    </Card>
  );
}
