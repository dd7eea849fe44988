// 销售机会 (/crm/opportunities/:id): the opportunity with its stage history, its quotation and order
// (a quotation is made from here for its customer), win / lose / reopen, and its follow-ups with a
// form to add one (a next follow-up time becomes the owner's task on the server).
import { App, Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, List, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { pipelineApi, type OpportunityView } from '../../../api/crm/pipeline';
import { formatDate, formatDateTime } from '../../../lib/format';
import { percent } from '../../../lib/crm/pipeline';
import { useAsync } from '../../../lib/useAsync';
import { money, problemText } from '../../finance/common';
import { CloseDialog, type Outcome } from './CloseDialog';

const KINDS = ['call', 'visit', 'email', 'meeting', 'wechat', 'other'] as const;
const REACTIONS = ['positive', 'neutral', 'negative'] as const;

function FollowUpForm({ opportunity, onSaved }: { opportunity: OpportunityView; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: string; content: string; reaction?: string; next_follow_up_at?: Dayjs; next_action?: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await pipelineApi.addFollowUp({
        opportunity_id: opportunity.id,
        customer_id: opportunity.customer_id,
        kind: values.kind,
        content: values.content,
        ...(values.reaction ? { reaction: values.reaction } : {}),
        ...(values.next_follow_up_at ? { next_follow_up_at: values.next_follow_up_at.toISOString() } : {}),
        ...(values.next_action ? { next_action: values.next_action } : {}),
      });
      message.success(t('crm.pipeline.followUp.saved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'call' }} data-testid="follow-up-form">
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item name="kind" label={t('crm.pipeline.followUp.kind')}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`crm.pipeline.followUp.kinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="reaction" label={t('crm.pipeline.followUp.reaction')}>
            <Select allowClear options={REACTIONS.map((k) => ({ value: k, label: t(`crm.pipeline.followUp.reactions.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="next_follow_up_at" label={t('crm.pipeline.followUp.nextAt')}>
            <DatePicker showTime style={{ width: '100%' }} data-testid="follow-up-next" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="content" label={t('crm.pipeline.followUp.content')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="follow-up-content" />
      </Form.Item>
      <Form.Item name="next_action" label={t('crm.pipeline.followUp.nextAction')}>
        <Input maxLength={500} />
      </Form.Item>
      <Button type="primary" loading={saving} onClick={save} data-testid="follow-up-save">{t('crm.pipeline.followUp.add')}</Button>
    </Form>
  );
}

export default function OpportunityDetail() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const loaded = useAsync(() => pipelineApi.view(Number(id)), [id]);
  const [closing, setClosing] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const o = loaded.data;
  if (loaded.error != null) return <Alert type="error" showIcon message={problemText(loaded.error)} />;
  if (!o) return <Card loading />;

  const run = async (step: () => Promise<OpportunityView>) => {
    setBusy(true);
    try {
      loaded.setData(await step());
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const makeQuotation = async () => {
    setBusy(true);
    try {
      const view = await pipelineApi.quote(o.id, { lines: [] });
      navigate(`/sales/quotations/${view.quotation_id}`);
    } catch (e) {
      message.error(problemText(e));
      setBusy(false);
    }
  };
  const open = o.status === 'open';
  const statusColor = o.status === 'won' ? 'green' : o.status === 'lost' ? 'red' : 'blue';

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="opportunity-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('crm.pipeline.detail.title', { code: o.code ?? '' })} {o.name}{' '}
          <Tag color={statusColor} data-testid="opportunity-status">{o.status === 'open' ? o.stage : t(`crm.pipeline.close.${o.status}`)}</Tag>
        </Typography.Title>
        <Space>
          {open ? (
            <>
              <Button type="primary" onClick={() => setClosing('won')} disabled={busy} data-testid="win">{t('crm.pipeline.close.win')}</Button>
              <Button danger onClick={() => setClosing('lost')} disabled={busy} data-testid="lose">{t('crm.pipeline.close.lose')}</Button>
            </>
          ) : (
            <Button onClick={() => run(() => pipelineApi.reopen(o.id))} loading={busy} data-testid="reopen">{t('crm.pipeline.close.reopen')}</Button>
          )}
        </Space>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('crm.pipeline.detail.customer')}><Link to={`/e/customer/${o.customer_id}`}>{o.customer}</Link></Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.contact')}>{o.contact ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.stage')}>{o.stage}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.amount')}>{money(o.amount)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.probability')}>{percent(o.probability, 0)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.weighted')}>{money(o.weighted_amount)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.closeDate')}>{o.expected_close_date ? formatDate(o.expected_close_date, i18n.language) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.source')}>{o.source ? t(`crm.pipeline.sources.${o.source}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.detail.lead')}>{o.lead_id ? <Link to={`/crm/leads/${o.lead_id}`}>{o.lead}</Link> : '—'}</Descriptions.Item>
          {!open && <Descriptions.Item label={t('crm.pipeline.detail.closedOn')}>{o.closed_on ? formatDate(o.closed_on, i18n.language) : '—'}</Descriptions.Item>}
          {!open && <Descriptions.Item label={t('crm.pipeline.detail.closeReason')}>{o.close_reason ?? '—'}</Descriptions.Item>}
          <Descriptions.Item label={t('crm.pipeline.detail.competitors')}>{o.competitors ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('crm.pipeline.detail.links')} data-testid="opportunity-links">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('crm.pipeline.detail.quotation')}>
                {o.quotation_id ? <Link to={`/sales/quotations/${o.quotation_id}`}>{o.quotation} <Tag>{o.quotation_status}</Tag></Link>
                  : open ? <Button size="small" onClick={makeQuotation} loading={busy} data-testid="make-quotation">{t('crm.pipeline.detail.makeQuotation')}</Button>
                    : t('crm.pipeline.detail.noQuotation')}
              </Descriptions.Item>
              <Descriptions.Item label={t('crm.pipeline.detail.salesOrder')}>
                {o.sales_order_id ? <Link to={`/sales/orders/${o.sales_order_id}`}>{o.sales_order} <Tag>{o.sales_order_status}</Tag></Link> : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('crm.pipeline.detail.history')} style={{ marginTop: 12 }}>
            <Timeline items={o.stage_history.map((m) => ({
              children: (
                <span>
                  {m.from_stage ? t('crm.pipeline.detail.movedTo', { from: m.from_stage, to: m.to_stage }) : t('crm.pipeline.detail.created', { stage: m.to_stage })}
                  <Typography.Text type="secondary"> {formatDateTime(m.at, i18n.language)} {m.by ?? ''}</Typography.Text>
                </span>
              ),
            }))} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('crm.pipeline.detail.followUps')}>
            {o.follow_ups.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.pipeline.detail.noFollowUps')} /> : (
              <List size="small" dataSource={o.follow_ups} data-testid="follow-ups" renderItem={(f) => (
                <List.Item>
                  <List.Item.Meta
                    title={<span><Tag>{t(`crm.pipeline.followUp.kinds.${f.kind}`)}</Tag>{formatDateTime(f.occurred_at, i18n.language)} {f.owner ?? ''}
                      {f.reaction && <Tag style={{ marginLeft: 8 }}>{t(`crm.pipeline.followUp.reactions.${f.reaction}`)}</Tag>}</span>}
                    description={<>
                      <div>{f.content}</div>
                      {f.next_follow_up_at && <Typography.Text type="secondary">{t('crm.pipeline.detail.next', { at: formatDateTime(f.next_follow_up_at, i18n.language), action: f.next_action ?? '' })}</Typography.Text>}
                    </>} />
                </List.Item>
              )} />
            )}
            <div style={{ marginTop: 12 }}><FollowUpForm opportunity={o} onSaved={loaded.reload} /></div>
          </Card>
        </Col>
      </Row>
      <CloseDialog opportunity={closing ? { id: o.id, name: o.name } : null} outcome={closing ?? 'won'}
        onClose={() => setClosing(null)} onDone={(view) => { setClosing(null); loaded.setData(view); }} />
    </Space>
  );
}
