// 问卷设计 (/crm/surveys/:id/design): the questions of a draft survey — add by kind, reorder,
// remove, options with the ones that count as negative, the score at or below which a rating or
// NPS is negative — saved as one list; a preview as the customer sees it; open and close; the
// invitations dialog; the survey's anonymous link to copy when it allows anonymous answers. Once the survey is open (or answered) the questions are shown read-only.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Dropdown, Empty, Input, InputNumber, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/problem';
import { QUESTION_KINDS, anonymousLink, feedbackApi, type AnswerValue, type QuestionKind } from '../../../api/crm/feedback';
import {
  designBody, designProblems, draftsFrom, hasOptions, hasScore, moveQuestion, newQuestion, nextOptionKey, scoreRange, type QuestionDraft,
} from '../../../lib/crm/feedback';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';
import { InviteDialog } from './InviteDialog';
import { QuestionInputView } from './QuestionView';

interface SurveyRecord { id: number; name: string; status: string; introduction?: string | null; question_count?: number }

function QuestionEditor({ draft, index, count, editable, problems, onChange, onMove, onRemove }: {
  draft: QuestionDraft; index: number; count: number; editable: boolean; problems: string[] | undefined;
  onChange: (d: QuestionDraft) => void; onMove: (delta: number) => void; onRemove: () => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<QuestionDraft>) => onChange({ ...draft, ...patch });
  return (
    <Card size="small" data-testid={`survey-question-${index}`}
      title={<Space><span>{index + 1}.</span><Tag>{t(`crm.feedback.kinds.${draft.kind}`)}</Tag></Space>}
      extra={editable && (
        <Space size={0}>
          <Button type="text" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('crm.feedback.design.up')} />
          <Button type="text" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('crm.feedback.design.down')} />
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('crm.feedback.design.remove')} data-testid={`survey-question-${index}-remove`} />
        </Space>
      )}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input value={draft.text} disabled={!editable} placeholder={t('crm.feedback.design.textPlaceholder')} maxLength={500}
          onChange={(e) => set({ text: e.target.value })} data-testid={`survey-question-${index}-text`} />
        <Checkbox checked={draft.required} disabled={!editable} onChange={(e) => set({ required: e.target.checked })}>
          {t('crm.feedback.design.required')}
        </Checkbox>
        {hasOptions(draft.kind) && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {draft.options.map((o, i) => (
              <Space key={o.key} wrap>
                <Input value={o.text} disabled={!editable} style={{ width: 260 }} placeholder={t('crm.feedback.design.option', { n: i + 1 })}
                  onChange={(e) => set({ options: draft.options.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })}
                  data-testid={`survey-question-${index}-option-${i}`} />
                <Checkbox checked={!!o.negative} disabled={!editable}
                  onChange={(e) => set({ options: draft.options.map((x, j) => (j === i ? { ...x, negative: e.target.checked } : x)) })}>
                  {t('crm.feedback.design.negativeOption')}
                </Checkbox>
                {editable && draft.options.length > 2 && (
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('crm.feedback.design.removeOption')}
                    onClick={() => set({ options: draft.options.filter((_, j) => j !== i) })} />
                )}
              </Space>
            ))}
            {editable && (
              <Button size="small" icon={<PlusOutlined />} data-testid={`survey-question-${index}-add-option`}
                onClick={() => set({ options: [...draft.options, { key: nextOptionKey(draft.options), text: '' }] })}>
                {t('crm.feedback.design.addOption')}
              </Button>
            )}
          </Space>
        )}
        {hasScore(draft.kind) && (
          <Space>
            <Typography.Text>{t('crm.feedback.design.negativeAtMost')}</Typography.Text>
            <InputNumber min={scoreRange(draft.kind)[0] - 1} max={scoreRange(draft.kind).slice(-1)[0] - 1} value={draft.negativeAtMost}
              disabled={!editable} onChange={(v) => set({ negativeAtMost: v ?? undefined })} data-testid={`survey-question-${index}-negative`} />
          </Space>
        )}
        {problems?.map((p) => <Typography.Text key={p} type="danger">{p}</Typography.Text>)}
      </Space>
    </Card>
  );
}

export default function SurveyDesigner() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const survey = useAsync(() => api.get<SurveyRecord>(`/api/v1/surveys/${id}`), [id]);
  const design = useAsync(() => feedbackApi.questions(id), [id]);
  const [drafts, setDrafts] = useState<QuestionDraft[]>([]);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Record<number, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [preview, setPreview] = useState<Record<number, AnswerValue>>({});

  useEffect(() => {
    if (design.data) {
      setDrafts(draftsFrom(design.data.questions));
      setDirty(false);
    }
  }, [design.data]);

  const status = design.data?.status ?? survey.data?.status ?? 'draft';
  const editable = status === 'draft';
  const change = (next: QuestionDraft[]) => {
    setDrafts(next);
    setDirty(true);
  };

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      await action();
      message.success(done);
      design.reload();
      survey.reload();
    } catch (e) {
      if (e instanceof ApiError) setProblems(designProblems(e.problem.errors));
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  if (survey.error || design.error) return <Alert type="error" showIcon message={problemText(survey.error ?? design.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="survey-designer">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space>
          <Typography.Title level={4} style={{ margin: 0 }}>{survey.data?.name ?? ''}</Typography.Title>
          <Tag color={status === 'open' ? 'green' : status === 'closed' ? 'default' : 'blue'} data-testid="survey-status">
            {t(`crm.feedback.status.${status}`, { defaultValue: status })}
          </Tag>
        </Space>
        <Space wrap>
          <Link to={`/crm/surveys/${id}/results`}>{t('crm.feedback.results.title')}</Link>
          {editable && (
            <Button type="primary" loading={busy} disabled={!dirty} data-testid="survey-save"
              onClick={() => run(() => feedbackApi.replaceQuestions(id, designBody(drafts)), t('crm.feedback.design.saved'))}>
              {t('crm.feedback.design.save')}
            </Button>
          )}
          {editable && (
            <Button loading={busy} disabled={dirty || !drafts.length} data-testid="survey-open"
              onClick={() => run(() => feedbackApi.open(id), t('crm.feedback.design.opened'))}>
              {t('crm.feedback.design.open')}
            </Button>
          )}
          {status === 'open' && (
            <>
              <Button type="primary" onClick={() => setInviting(true)} data-testid="survey-invite">{t('crm.feedback.invite.title')}</Button>
              <Button danger loading={busy} data-testid="survey-close"
                onClick={() => run(() => feedbackApi.close(id), t('crm.feedback.design.closed'))}>
                {t('crm.feedback.design.close')}
              </Button>
            </>
          )}
        </Space>
      </Space>
      {survey.data?.introduction && <Typography.Paragraph type="secondary">{survey.data.introduction}</Typography.Paragraph>}
      {!editable && <Alert type="info" showIcon message={t('crm.feedback.design.locked')} />}
      {status === 'open' && design.data?.anonymous_key && (
        <Alert type="success" data-testid="survey-anonymous-link" message={t('crm.feedback.design.anonymousLink')}
          description={<Typography.Text copyable>{anonymousLink(window.location.origin, design.data.anonymous_key)}</Typography.Text>} />
      )}
      {error && <Alert type="error" showIcon message={error} data-testid="survey-design-error" />}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <Space direction="vertical" style={{ flex: '1 1 420px', minWidth: 320 }}>
          {!drafts.length && <Empty description={t('crm.feedback.design.empty')} />}
          {drafts.map((d, i) => (
            <QuestionEditor key={d.uid} draft={d} index={i} count={drafts.length} editable={editable} problems={problems[i]}
              onChange={(next) => change(drafts.map((x, j) => (j === i ? next : x)))}
              onMove={(delta) => change(moveQuestion(drafts, i, delta))}
              onRemove={() => change(drafts.filter((_, j) => j !== i))} />
          ))}
          {editable && (
            <Dropdown menu={{
              items: QUESTION_KINDS.map((k) => ({ key: k, label: t(`crm.feedback.kinds.${k}`), 'data-testid': `survey-add-${k}` })),
              onClick: ({ key }) => change([...drafts, newQuestion(key as QuestionKind)]),
            }}>
              <Button icon={<PlusOutlined />} data-testid="survey-add-question">{t('crm.feedback.design.add')}</Button>
            </Dropdown>
          )}
        </Space>
        <Card size="small" title={t('crm.feedback.design.preview')} style={{ flex: '1 1 320px', maxWidth: 520 }} data-testid="survey-preview">
          <Space direction="vertical" style={{ width: '100%' }}>
            {drafts.map((d, i) => (
              <div key={d.uid}>
                <Typography.Text strong>{i + 1}. {d.text || t('crm.feedback.design.untitled')}{d.required && <Typography.Text type="danger"> *</Typography.Text>}</Typography.Text>
                <div style={{ marginTop: 8 }}>
                  <QuestionInputView question={{ id: i, kind: d.kind, options: d.options }} value={preview[i]}
                    onChange={(v) => setPreview({ ...preview, [i]: v })}
                    labels={{ nps_low: t('crm.feedback.answer.npsLow'), nps_high: t('crm.feedback.answer.npsHigh') }} />
                </div>
              </div>
            ))}
          </Space>
        </Card>
      </div>
      <InviteDialog surveyId={id} open={inviting} onClose={(invited) => { setInviting(false); if (invited) survey.reload(); }} />
    </Space>
  );
}
