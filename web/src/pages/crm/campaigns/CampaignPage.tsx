// 营销活动 (/crm/campaigns/new, /crm/campaigns/:id): the campaign's segment, channel and template
// (with the placeholders' help), edited while it is a draft; schedule, send now and cancel as its
// status allows; and once it has gone out, its results dashboard.
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { type Campaign, CAMPAIGNS, campaignStep, SEGMENTS } from '../../../api/crm/campaigns';
import type { EntityRecord, Page } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { PLACEHOLDERS, stepsFor } from '../../../lib/crm/campaigns';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';
import { CampaignResultsPanel } from './CampaignResultsPanel';
import { CampaignStatusTag } from './CampaignStatusTag';

type Draft = Pick<Campaign, 'name' | 'segment_id' | 'channel' | 'subject' | 'body' | 'cost' | 'conversion_days' | 'tracking_url'>;

const EMPTY: Draft = {
  name: '', segment_id: null, channel: 'email', subject: '', body: '', cost: '0.00', conversion_days: 30,
  tracking_url: typeof window !== 'undefined' ? window.location.origin : '',
};

export default function CampaignPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { generation, may } = useSession();
  const campaign = useAsync(() => (isNew ? Promise.resolve(undefined) : api.get<Campaign>(`${CAMPAIGNS}/${id}`)), [id, generation]);
  const segments = useAsync(() => api.get<Page<EntityRecord>>(SEGMENTS, { limit: '200', sort: 'name' }), [generation]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [at, setAt] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    if (!campaign.data) return;
    const c = campaign.data;
    setDraft({ name: c.name, segment_id: c.segment_id, channel: c.channel, subject: c.subject ?? '', body: c.body ?? '', cost: c.cost,
      conversion_days: c.conversion_days, tracking_url: c.tracking_url ?? EMPTY.tracking_url });
  }, [campaign.data]);

  const status = campaign.data?.status ?? 'draft';
  const steps = stepsFor(status);
  const editable = steps.edit && may('campaign', isNew ? 'create' : 'update');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      if (done) message.success(done);
      campaign.reload();
      setRefresh((n) => n + 1);
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  const save = () => run(async () => {
    if (isNew) {
      const made = await api.post<Campaign>(CAMPAIGNS, draft);
      navigate(`/crm/campaigns/${made.id}`, { replace: true });
    } else {
      await api.patch(`${CAMPAIGNS}/${id}`, { ...draft, version: campaign.data?.version });
    }
  }, t('crm.campaigns.common.saved'));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="campaign-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }}>{isNew ? t('crm.campaigns.campaigns.newTitle') : draft.name}</Typography.Title>
          {!isNew && <CampaignStatusTag status={status} />}
        </Space>
        <Space wrap>
          {!isNew && steps.schedule && may('campaign', 'schedule') && (
            <>
              <DatePicker showTime value={at} onChange={setAt} disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} data-testid="campaign-schedule-at" />
              <Button disabled={!at} loading={busy} data-testid="campaign-schedule"
                onClick={() => void run(() => campaignStep(Number(id), 'schedule', { scheduled_at: at!.toISOString() }))}>
                {t('crm.campaigns.campaigns.schedule')}
              </Button>
            </>
          )}
          {!isNew && steps.send && may('campaign', 'send') && (
            <Popconfirm title={t('crm.campaigns.campaigns.sendConfirm')} onConfirm={() => void run(() => campaignStep(Number(id), 'send'), t('crm.campaigns.campaigns.queued'))}>
              <Button type="primary" loading={busy} data-testid="campaign-send">{t('crm.campaigns.campaigns.send')}</Button>
            </Popconfirm>
          )}
          {!isNew && steps.cancel && may('campaign', 'cancel') && (
            <Popconfirm title={t('crm.campaigns.campaigns.cancelConfirm')} onConfirm={() => void run(() => campaignStep(Number(id), 'cancel'))}>
              <Button danger loading={busy} data-testid="campaign-cancel">{t('crm.campaigns.campaigns.cancel')}</Button>
            </Popconfirm>
          )}
          <Button onClick={() => navigate('/crm/campaigns')}>{t('crm.campaigns.common.back')}</Button>
        </Space>
      </Space>
      {campaign.error ? <Alert type="error" showIcon message={problemText(campaign.error)} /> : null}
      <Card size="small" loading={campaign.loading && !isNew && !campaign.data}>
        {!isNew && !steps.edit && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('crm.campaigns.campaigns.readOnly')} />}
        {campaign.data?.scheduled_at && (
          <Typography.Paragraph type="secondary">
            {t('crm.campaigns.campaigns.scheduledAt')}: {formatDateTime(campaign.data.scheduled_at, i18n.language)}
            {campaign.data.sent_at ? ` · ${t('crm.campaigns.campaigns.sentAt')}: ${formatDateTime(campaign.data.sent_at, i18n.language)}` : ''}
          </Typography.Paragraph>
        )}
        <Form layout="vertical" disabled={!editable}>
          <Form.Item label={t('crm.campaigns.common.name')} required>
            <Input value={draft.name} maxLength={100} onChange={(e) => set('name', e.target.value)} data-testid="campaign-name" />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item label={t('crm.campaigns.campaigns.segment')}>
              <Select style={{ minWidth: 220 }} value={draft.segment_id ?? undefined} onChange={(v: number) => set('segment_id', v)} id="campaign-segment" data-testid="campaign-segment"
                options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: String(s.name) }))} />
            </Form.Item>
            <Form.Item label={t('crm.campaigns.campaigns.channel')}>
              <Select style={{ minWidth: 140 }} value={draft.channel} onChange={(v: Draft['channel']) => set('channel', v)} data-testid="campaign-channel"
                options={(['email', 'sms', 'wechat'] as const).map((c) => ({ value: c, label: t(`crm.campaigns.campaigns.channels.${c}`) }))} />
            </Form.Item>
            <Form.Item label={t('crm.campaigns.campaigns.cost')}>
              <InputNumber<string> stringMode min="0" step="0.01" value={draft.cost} onChange={(v) => set('cost', v ?? '0')} data-testid="campaign-cost" />
            </Form.Item>
            <Form.Item label={t('crm.campaigns.campaigns.conversionDays')}>
              <InputNumber min={1} max={365} value={draft.conversion_days} onChange={(v) => set('conversion_days', v ?? 30)} data-testid="campaign-days" />
            </Form.Item>
          </Space>
          {draft.channel === 'email' && (
            <Form.Item label={t('crm.campaigns.campaigns.subject')}>
              <Input value={draft.subject ?? ''} maxLength={200} onChange={(e) => set('subject', e.target.value)} data-testid="campaign-subject" />
            </Form.Item>
          )}
          <Form.Item label={t('crm.campaigns.campaigns.body')} extra={t('crm.campaigns.campaigns.placeholders')}>
            <Input.TextArea rows={6} maxLength={5000} showCount value={draft.body ?? ''} onChange={(e) => set('body', e.target.value)} data-testid="campaign-body" />
          </Form.Item>
          <Space wrap style={{ marginTop: -8, marginBottom: 12 }}>
            {PLACEHOLDERS.map((p) => (
              <Button key={p} size="small" onClick={() => set('body', `${draft.body ?? ''}${p}`)}>{p}</Button>
            ))}
          </Space>
          <Form.Item label={t('crm.campaigns.campaigns.trackingUrl')} extra={t('crm.campaigns.campaigns.trackingHelp')}>
            <Input value={draft.tracking_url ?? ''} onChange={(e) => set('tracking_url', e.target.value)} data-testid="campaign-tracking-url" />
          </Form.Item>
          <Button type="primary" loading={busy} disabled={!editable || !draft.name.trim()} onClick={() => void save()} data-testid="campaign-save">
            {t('crm.campaigns.common.save')}
          </Button>
        </Form>
      </Card>
      {!isNew && (status === 'sending' || status === 'sent' || status === 'cancelled') && <CampaignResultsPanel id={Number(id)} refresh={refresh} />}
    </Space>
  );
}
