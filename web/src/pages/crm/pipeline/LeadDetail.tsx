// 线索 (/crm/leads/:id): the lead, the customers it looks like (same normalised name, phone or
// e-mail), qualify / disqualify, and the conversion into a customer — a new one, or one of the
// matches — with a contact and an opportunity, in one step on the server.
import { App, Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { pipelineApi, type CustomerMatch } from '../../../api/crm/pipeline';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';

interface Lead {
  id: number;
  code: string | null;
  name: string;
  company_name: string | null;
  title: string | null;
  phone: string | null;
  email: string | null;
  source: string;
  status: string;
  customer_id: number | null;
  disqualified_reason: string | null;
  notes: string | null;
}

interface ConvertValues {
  onto: 'new' | number;
  opportunity_name?: string;
  amount?: string;
  expected_close_date?: Dayjs;
}

export default function LeadDetail() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const lead = useAsync(() => api.get<Lead>(`/api/v1/leads/${id}`), [id]);
  const matches = useAsync(() => pipelineApi.matches(Number(id)), [id]);
  const [converting, setConverting] = useState<'new' | number | null>(null);
  const [disqualifying, setDisqualifying] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ConvertValues>();
  const l = lead.data;
  if (lead.error != null) return <Alert type="error" showIcon message={problemText(lead.error)} />;
  if (!l) return <Card loading />;
  const open = l.status !== 'converted' && l.status !== 'disqualified';
  const found: CustomerMatch[] = matches.data?.items ?? [];

  const step = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
      lead.reload();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  const convert = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const result = await pipelineApi.convert(l.id, {
        ...(values.onto === 'new' ? {} : { customer_id: values.onto }),
        opportunity: {
          ...(values.opportunity_name ? { name: values.opportunity_name } : {}),
          ...(values.amount ? { amount: values.amount } : {}),
          ...(values.expected_close_date ? { expected_close_date: values.expected_close_date.format('YYYY-MM-DD') } : {}),
        },
      });
      message.success(t('crm.pipeline.lead.converted'));
      navigate(`/crm/opportunities/${result.opportunity_id}`);
    } catch (e) {
      message.error(problemText(e));
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="lead-detail">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('crm.pipeline.lead.title', { code: l.code ?? '' })} {l.company_name ?? l.name}{' '}
          <Tag data-testid="lead-status">{t(`crm.pipeline.lead.statuses.${l.status}`)}</Tag>
        </Typography.Title>
        <Space>
          <Link to="/crm/leads">{t('crm.pipeline.lead.list')}</Link>
          {(l.status === 'new' || l.status === 'contacted') && (
            <Button onClick={() => step(() => pipelineApi.qualify(l.id))} loading={busy} data-testid="qualify">{t('crm.pipeline.lead.qualify')}</Button>
          )}
          {open && <Button danger onClick={() => setDisqualifying(true)} data-testid="disqualify">{t('crm.pipeline.lead.disqualify')}</Button>}
          {open && <Button type="primary" onClick={() => setConverting(found[0]?.id ?? 'new')} data-testid="convert">{t('crm.pipeline.lead.convert')}</Button>}
        </Space>
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('crm.pipeline.lead.contactName')}>{l.name}{l.title ? ` · ${l.title}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.lead.company')}>{l.company_name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.lead.source')}>{t(`crm.pipeline.sources.${l.source}`)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.lead.phone')}>{l.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.pipeline.lead.email')}>{l.email ?? '—'}</Descriptions.Item>
          {l.customer_id && <Descriptions.Item label={t('crm.pipeline.lead.customer')}><Link to={`/e/customer/${l.customer_id}`}>#{l.customer_id}</Link></Descriptions.Item>}
          {l.disqualified_reason && <Descriptions.Item label={t('crm.pipeline.lead.disqualifyReason')}>{l.disqualified_reason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('crm.pipeline.lead.matches')} data-testid="lead-matches">
        {found.length === 0 ? <Typography.Text type="secondary">{t('crm.pipeline.lead.noMatches')}</Typography.Text> : (
          <Table<CustomerMatch> size="small" rowKey="id" pagination={false} dataSource={found} columns={[
            { title: t('crm.pipeline.lead.customer'), render: (_, m) => <Link to={`/e/customer/${m.id}`}>{m.code} {m.name}</Link> },
            { title: t('crm.pipeline.lead.phone'), dataIndex: 'phone' },
            { title: t('crm.pipeline.lead.email'), dataIndex: 'email' },
            { title: t('crm.pipeline.lead.matchedOn'), render: (_, m) => m.matched_on.map((f) => <Tag key={f} color="orange">{t(`crm.pipeline.lead.matchFields.${f}`)}</Tag>) },
            { title: '', render: (_, m) => open && (
              <Button size="small" onClick={() => setConverting(m.id)} data-testid={`convert-onto-${m.id}`}>
                {t('crm.pipeline.lead.useCustomer')}
              </Button>
            ) },
          ]} />
        )}
      </Card>
      <Modal open={converting !== null} title={t('crm.pipeline.lead.convert')} onCancel={() => setConverting(null)} onOk={convert}
        confirmLoading={busy} okButtonProps={{ 'data-testid': 'convert-confirm' } as never} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ onto: converting ?? 'new', opportunity_name: l.company_name ?? l.name }}>
          <Form.Item name="onto" label={t('crm.pipeline.lead.customer')}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="new">{t('crm.pipeline.lead.newCustomer')}: {l.company_name ?? l.name}</Radio>
                {found.map((m) => <Radio key={m.id} value={m.id}>{m.code} {m.name}</Radio>)}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="opportunity_name" label={t('crm.pipeline.lead.opportunityName')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="amount" label={t('crm.pipeline.lead.amount')} rules={[{ pattern: /^\d+(\.\d{1,2})?$/ }]}>
            <Input inputMode="decimal" data-testid="convert-amount" />
          </Form.Item>
          <Form.Item name="expected_close_date" label={t('crm.pipeline.lead.closeDate')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={disqualifying} title={t('crm.pipeline.lead.disqualify')} onCancel={() => setDisqualifying(false)}
        okButtonProps={{ disabled: !reason.trim(), danger: true }} confirmLoading={busy}
        onOk={() => step(() => pipelineApi.disqualify(l.id, reason.trim())).then(() => setDisqualifying(false))}>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)}
          placeholder={t('crm.pipeline.lead.disqualifyReason')} data-testid="disqualify-reason" />
      </Modal>
    </Space>
  );
}
