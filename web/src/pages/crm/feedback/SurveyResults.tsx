// 问卷结果 (/crm/surveys/:id/results): KPI cards (responses, response rate, CSAT, NPS), each
// question's answers as bars (scores) or a pie (choices), NPS as promoters / passives / detractors
// stacked, the monthly CSAT and NPS trend, the newest comments; a day range and Excel/PDF
// downloads of the same report (?format=).
import { Alert, Card, Col, DatePicker, Empty, List, Row, Space, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { SURVEYS, feedbackApi, type QuestionResult } from '../../../api/crm/feedback';
import { distributionChart, trendSeries } from '../../../lib/crm/feedback';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { problemText, ReportDownloads } from '../../finance/common';

const FinanceChart = lazy(() => import('../../../components/FinanceChart'));

export function Chart(props: Parameters<typeof FinanceChart>[0]) {
  const { i18n } = useTranslation();
  if (!props.labels.length) return null;
  return (
    <Suspense fallback={<div style={{ height: props.height ?? 240 }} />}>
      <FinanceChart {...props} locale={i18n.language} height={props.height ?? 240} />
    </Suspense>
  );
}

export function Kpi({ title, value, suffix, testId }: { title: string; value: string | number | null; suffix?: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={value ?? t('crm.feedback.results.none')} suffix={value == null ? undefined : suffix} />
    </Card>
  );
}

function QuestionCard({ q }: { q: QuestionResult }) {
  const { t, i18n } = useTranslation();
  const chart = distributionChart(q);
  const figures = [
    q.average != null && `${t('crm.feedback.results.average')} ${q.average}`,
    q.csat != null && `CSAT ${q.csat}%`,
    q.nps != null && `NPS ${q.nps}`,
  ].filter(Boolean).join(' · ');
  return (
    <Card size="small" data-testid={`survey-result-${q.position}`}
      title={`${q.position}. ${q.text}`} extra={<Typography.Text type="secondary">{t('crm.feedback.results.answered', { count: q.answered })}</Typography.Text>}>
      {figures && <Typography.Paragraph strong>{figures}</Typography.Paragraph>}
      {q.kind === 'text' ? (
        q.texts?.length ? (
          <List size="small" dataSource={q.texts} renderItem={(x) => (
            <List.Item><Space direction="vertical" size={0}><span>{x.text}</span>
              <Typography.Text type="secondary">{formatDateTime(x.answered_at, i18n.language)}</Typography.Text></Space></List.Item>
          )} />
        ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : q.answered ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {q.kind === 'nps' && (
            <Chart type="bar" horizontal stacked height={110} title={t('crm.feedback.results.npsGroups')} labels={['NPS']}
              series={[
                { name: t('crm.feedback.results.detractors'), values: [q.detractors ?? 0], color: '#f5222d' },
                { name: t('crm.feedback.results.passives'), values: [q.passives ?? 0], color: '#faad14' },
                { name: t('crm.feedback.results.promoters'), values: [q.promoters ?? 0], color: '#52c41a' },
              ]} />
          )}
          <Chart type={chart.type} labels={chart.labels} values={chart.values} title={q.text} testId={`survey-result-${q.position}-chart`} />
        </Space>
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Card>
  );
}

export default function SurveyResults() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const results = useAsync(() => feedbackApi.results(id, query), [id, query.from, query.to]);
  const data = results.data;
  const trend = data ? trendSeries(data.trend) : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-results">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('crm.feedback.results.title')}{data ? `：${data.survey.name}` : ''}</Typography.Title>
        <Space wrap>
          <Link to={`/crm/surveys/${id}/design`}>{t('crm.feedback.design.title')}</Link>
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
          <ReportDownloads path={`${SURVEYS}/${id}/results`} query={query} testId="survey-results-download" disabled={!data} />
        </Space>
      </Space>
      {results.error != null && <Alert type="error" showIcon message={problemText(results.error)} />}
      {data && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}><Kpi title={t('crm.feedback.results.responses')} value={data.responses} testId="survey-kpi-responses" /></Col>
            <Col xs={12} md={6}><Kpi title={t('crm.feedback.results.responseRate')} value={data.response_rate} suffix="%" testId="survey-kpi-rate" /></Col>
            <Col xs={12} md={6}><Kpi title="CSAT" value={data.csat} suffix="%" testId="survey-kpi-csat" /></Col>
            <Col xs={12} md={6}><Kpi title="NPS" value={data.nps} testId="survey-kpi-nps" /></Col>
          </Row>
          {trend && trend.labels.length > 0 && (
            <Card size="small" title={t('crm.feedback.results.trend')}>
              <Chart type="line" labels={trend.labels} title={t('crm.feedback.results.trend')} testId="survey-trend"
                series={[{ name: 'CSAT %', values: trend.csat }, { name: 'NPS', values: trend.nps }]} />
            </Card>
          )}
          <Row gutter={[12, 12]}>
            {data.questions.map((q) => <Col key={q.id} xs={24} lg={12}><QuestionCard q={q} /></Col>)}
          </Row>
        </>
      )}
    </Space>
  );
}
