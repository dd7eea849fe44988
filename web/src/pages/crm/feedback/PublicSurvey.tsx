// The public answer page (/s/:token), opened from an invitation's link without signing in: the
// survey's introduction and questions in a single mobile-friendly column, the server's problems
// under the question they concern, and a thank-you once answered (also when the link is opened
// again). An unknown link says so and offers nothing to submit. The same page serves a survey's
// anonymous link (/s/open/:key), which anyone may answer.
import { Alert, Button, Card, Result, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../../api/problem';
import { feedbackApi, type AnswerValue } from '../../../api/crm/feedback';
import { answerProblems, answersBody } from '../../../lib/crm/feedback';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';
import { QuestionInputView } from './QuestionView';

export default function PublicSurvey({ anonymous = false }: { anonymous?: boolean }) {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const token = (anonymous ? params.key : params.token) ?? '';
  const survey = useAsync(() => feedbackApi.publicSurvey(token, anonymous), [token, anonymous, i18n.language]);
  const [values, setValues] = useState<Record<number, AnswerValue>>({});
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const page = (content: React.ReactNode) => (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: '24px 12px' }} data-testid="public-survey">{content}</div>
  );
  if (survey.loading && !survey.data) return page(<Spin />);
  if (survey.error) {
    const missing = survey.error instanceof ApiError && survey.error.status === 404;
    return page(<Result status={missing ? '404' : 'error'} title={missing ? t('crm.feedback.answer.unknown') : problemText(survey.error)} data-testid="public-survey-missing" />);
  }
  const data = survey.data!;
  if (done || data.answered) {
    return page(<Result status="success" title={data.labels.thanks} subTitle={data.name} data-testid="public-survey-thanks" />);
  }
  if (data.status !== 'open') return page(<Result status="info" title={t('crm.feedback.answer.closed')} subTitle={data.name} />);

  const submit = async () => {
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      await feedbackApi.answer(token, answersBody(data.questions, values), anonymous);
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && !anonymous) {
        setDone(true);
        return;
      }
      const byQuestion = e instanceof ApiError ? answerProblems(data.questions, e.problem.errors) : {};
      setProblems(byQuestion);
      setError(Object.keys(byQuestion).length ? t('crm.feedback.answer.fix') : problemText(e));
    } finally {
      setBusy(false);
    }
  };

  return page(
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{data.name}</Typography.Title>
        {data.introduction && <Typography.Paragraph type="secondary">{data.introduction}</Typography.Paragraph>}
      </div>
      {data.questions.map((q, i) => (
        <Card key={q.id} size="small" data-testid={`public-question-${i}`}
          style={problems[q.id] ? { borderColor: '#ff4d4f' } : undefined}>
          <Typography.Paragraph strong>
            {i + 1}. {q.text}{q.required && <Typography.Text type="danger"> *</Typography.Text>}
          </Typography.Paragraph>
          <QuestionInputView question={q} value={values[q.id]} labels={data.labels}
            onChange={(v) => setValues({ ...values, [q.id]: v })} />
          {problems[q.id] && <div><Typography.Text type="danger" data-testid={`public-question-${i}-error`}>{problems[q.id]}</Typography.Text></div>}
        </Card>
      ))}
      {error && <Alert type="error" showIcon message={error} />}
      <Button type="primary" size="large" block loading={busy} onClick={submit} data-testid="public-survey-submit">
        {t('crm.feedback.answer.submit')}
      </Button>
    </Space>,
  );
}
