// 满意度调查 (/crm/surveys): every survey of the company with its responses, CSAT and NPS, each
// category's scores (bars and a table), and the way to a survey's design and results. New surveys are made in the
// survey form (/e/survey/new); their questions here.
import { Alert, Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { feedbackApi } from '../../../api/crm/feedback';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';
import { chartNumber } from '../../../lib/crm/feedback';
import { Chart, Kpi } from './SurveyResults';

export default function Surveys() {
  const { t, i18n } = useTranslation();
  const summary = useAsync(() => feedbackApi.summary({}), [i18n.language]);
  const data = summary.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="surveys">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('crm.feedback.menu')}</Typography.Title>
        <Link to="/e/survey/new"><Button type="primary" data-testid="survey-new">{t('crm.feedback.surveys.new')}</Button></Link>
      </Space>
      {summary.error != null && <Alert type="error" showIcon message={problemText(summary.error)} />}
      {data && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}><Kpi title="CSAT" value={data.csat} suffix="%" testId="feedback-kpi-csat" /></Col>
            <Col xs={12} md={6}><Kpi title="NPS" value={data.nps} testId="feedback-kpi-nps" /></Col>
          </Row>
          <Card size="small" title={t('crm.feedback.surveys.byCategory')}>
            <Chart type="bar" title={t('crm.feedback.surveys.byCategory')} labels={data.categories.map((c) => c.label)} height={220}
              testId="feedback-categories-chart"
              series={[
                { name: 'CSAT %', values: data.categories.map((c) => chartNumber(c.csat)) },
                { name: 'NPS', values: data.categories.map((c) => chartNumber(c.nps)) },
              ]} />
            <Table size="small" rowKey="category" pagination={false} dataSource={data.categories} data-testid="feedback-categories"
              columns={[
                { title: t('crm.feedback.surveys.category'), dataIndex: 'label' },
                { title: t('crm.feedback.surveys.count'), dataIndex: 'surveys', align: 'right' },
                { title: t('crm.feedback.results.responses'), dataIndex: 'responses', align: 'right' },
                { title: 'CSAT %', dataIndex: 'csat', align: 'right' },
                { title: 'NPS', dataIndex: 'nps', align: 'right' },
              ]} />
          </Card>
          <Table size="small" rowKey="id" dataSource={data.surveys} data-testid="feedback-surveys"
            columns={[
              { title: t('crm.feedback.surveys.name'), dataIndex: 'name', render: (name: string, s) => <Link to={`/e/survey/${s.id}`}>{name}</Link> },
              { title: t('crm.feedback.surveys.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`crm.feedback.status.${s}`, { defaultValue: s })}</Tag> },
              { title: t('crm.feedback.surveys.invited'), dataIndex: 'invited', align: 'right' },
              { title: t('crm.feedback.results.responses'), dataIndex: 'responses', align: 'right' },
              { title: 'CSAT %', dataIndex: 'csat', align: 'right' },
              { title: 'NPS', dataIndex: 'nps', align: 'right' },
              {
                title: '', key: 'go', render: (_: unknown, s) => (
                  <Space>
                    <Link to={`/crm/surveys/${s.id}/design`} data-testid={`survey-${s.id}-design`}>{t('crm.feedback.design.title')}</Link>
                    <Link to={`/crm/surveys/${s.id}/results`} data-testid={`survey-${s.id}-results`}>{t('crm.feedback.results.title')}</Link>
                  </Space>
                ),
              },
            ]} />
        </>
      )}
    </Space>
  );
}
