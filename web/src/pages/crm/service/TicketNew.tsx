// 新建工单 (/crm/tickets/new): subject, customer and what the ticket is about; POST /api/v1/tickets
// numbers it, sets its SLA deadlines and assigns it by the rules; the server's field errors show
// at their fields. Then the ticket's page opens.
import { Alert, App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { openTicket, type TicketOpening } from '../../../api/crm/service';
import { ApiError, problemToForm } from '../../../api/problem';
import { LinkSelect } from '../../../components/LinkSelect';
import { TICKET_KINDS, TICKET_PRIORITIES } from '../../../lib/crm/serviceSla';
import { problemText } from '../../finance/common';

const CHANNELS = ['phone', 'email', 'web_form', 'portal', 'survey'] as const;
const FIELDS = ['subject', 'customer_id', 'contact_id', 'kind', 'channel', 'priority', 'sales_order_id', 'item_id', 'serial_number', 'description'];

export default function TicketNew() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [general, setGeneral] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const save = async (values: TicketOpening) => {
    setSaving(true);
    setGeneral([]);
    try {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')) as unknown as TicketOpening;
      const ticket = await openTicket(body);
      message.success(t('crm.service.ticket.created', { code: ticket.code }));
      navigate(`/crm/tickets/${ticket.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const problems = problemToForm(e.problem, FIELDS);
        form.setFields(problems.fields);
        setGeneral(problems.general);
      } else {
        setGeneral([problemText(e)]);
      }
    } finally {
      setSaving(false);
    }
  };
  const option = (group: string) => (value: string) => ({ value, label: t(`crm.service.${group}.${value}`) });
  return (
    <Card title={t('crm.service.board.new')}>
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 720 }}
        initialValues={{ kind: 'support', channel: 'phone', priority: 'normal' }}>
        <Form.Item name="subject" label={t('crm.service.ticket.subject')} required><Input maxLength={200} /></Form.Item>
        <Form.Item name="customer_id" label={t('crm.service.ticket.customer')} required><LinkSelect linkTo="customer" /></Form.Item>
        <Form.Item name="contact_id" label={t('crm.service.ticket.contact')}><LinkSelect linkTo="contact" /></Form.Item>
        <Space wrap size="large">
          <Form.Item name="kind" label={t('crm.service.ticket.kind')}>
            <Select style={{ width: 160 }} options={TICKET_KINDS.map(option('kind'))} /></Form.Item>
          <Form.Item name="channel" label={t('crm.service.ticket.channel')}>
            <Select style={{ width: 160 }} options={CHANNELS.map(option('channel'))} /></Form.Item>
          <Form.Item name="priority" label={t('crm.service.ticket.priority')}>
            <Select style={{ width: 160 }} options={TICKET_PRIORITIES.map(option('priority'))} /></Form.Item>
        </Space>
        <Form.Item name="sales_order_id" label={t('crm.service.ticket.salesOrder')}><LinkSelect linkTo="sales_order" /></Form.Item>
        <Space wrap size="large">
          <Form.Item name="item_id" label={t('crm.service.ticket.item')}><LinkSelect linkTo="item" style={{ width: 280 }} /></Form.Item>
          <Form.Item name="serial_number" label={t('crm.service.ticket.serialNumber')}><Input maxLength={60} /></Form.Item>
        </Space>
        <Form.Item name="description" label={t('crm.service.ticket.description')}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving}>{t('crm.service.board.new')}</Button>
      </Form>
    </Card>
  );
}
