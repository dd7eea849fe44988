// 服务工单 (/crm/tickets/:id): the ticket with its live SLA clocks, the steps its status allows as
// buttons (for holders of the step's grant; resolve asks for the resolution, reopen for a reason),
// reassigning and a new priority in dialogs, the status history and the return visit (回访) with
// its satisfaction score once the ticket is resolved.
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import {
  assignTicket, changePriority, completeReturnVisit, getTicket, returnVisitsOf, slaPolicy, ticketAssignees, ticketEvents,
  ticketStep,
  type ReturnVisit, type Ticket,
} from '../../../api/crm/service';
import { useSession } from '../../../auth/session';
import { priorityColour, stepsFor, TICKET_PRIORITIES, type TicketStep } from '../../../lib/crm/serviceSla';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';
import { SlaCountdown, useServerNow } from './SlaCountdown';

type Dialog = { kind: 'step'; step: TicketStep } | { kind: 'assign' } | { kind: 'priority' } | { kind: 'visit'; visit: ReturnVisit } | null;

export default function TicketDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { may } = useSession();
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [form] = Form.useForm();
  const data = useAsync(async () => {
    const [ticket, events, visits] = await Promise.all([
      getTicket(id), ticketEvents(id),
      may('return_visit', 'read') ? returnVisitsOf(id) : Promise.resolve({ items: [] as ReturnVisit[] }),
    ]);
    // The policy's reminder window makes the countdown amber, as on the board.
    const policy = ticket.sla_policy_id && may('sla_policy', 'read')
      ? await slaPolicy(ticket.sla_policy_id).catch(() => null) : null;
    return { ticket, events: events.items, visits: visits.items, remindBefore: policy?.remind_before_minutes ?? 0 };
  }, [id, tick]);
  const assignees = useAsync(() => (dialog?.kind === 'assign' ? ticketAssignees().then((r) => r.items) : Promise.resolve([])), [dialog]);
  const now = useServerNow(0);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (!data.data) return <Card loading />;
  const { ticket, events, visits, remindBefore } = data.data;
  const link = (field: string) => {
    const l = ticket._links?.[field];
    return l && !Array.isArray(l) ? [l.code, l.title].filter(Boolean).join(' ') : '';
  };
  const when = (v: string | null) => (v ? formatDateTime(v, i18n.language) : '—');
  const done = (answer: Ticket | ReturnVisit, label: string) => {
    void answer;
    message.success(t('crm.service.ticket.done', { step: label }));
    setDialog(null);
    form.resetFields();
    setTick((n) => n + 1);
  };
  const run = async (action: () => Promise<Ticket | ReturnVisit>, label: string) => {
    setBusy(true);
    setError('');
    try {
      done(await action(), label);
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const values = form.getFieldsValue();
    if (!dialog) return;
    if (dialog.kind === 'step') {
      const body: Record<string, string> = {};
      for (const key of ['note', 'resolution', 'root_cause', 'reason']) if (values[key]) body[key] = values[key];
      await run(() => ticketStep(ticket.id, dialog.step, body), t(`crm.service.step.${dialog.step}`));
    } else if (dialog.kind === 'assign') {
      await run(() => assignTicket(ticket.id, values.user_id, values.reason ?? ''), t('crm.service.ticket.reassign'));
    } else if (dialog.kind === 'priority') {
      await run(() => changePriority(ticket.id, values.priority, values.reason ?? ''), t('crm.service.ticket.changePriority'));
    } else {
      await run(() => completeReturnVisit(dialog.visit.id, values.satisfaction, values.notes ?? ''), t('crm.service.visit.complete'));
    }
  };
  const stepFields = (step: TicketStep) => {
    if (step === 'resolve') {
      return (<>
        <Form.Item name="resolution" label={t('crm.service.ticket.resolution')} required><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="root_cause" label={t('crm.service.ticket.rootCause')}><Input.TextArea rows={2} /></Form.Item>
      </>);
    }
    if (step === 'reopen') return <Form.Item name="reason" label={t('crm.service.ticket.reason')} required><Input.TextArea rows={2} /></Form.Item>;
    return <Form.Item name="note" label={t('crm.service.ticket.note')}><Input.TextArea rows={2} /></Form.Item>;
  };
  const dialogTitle = !dialog ? '' : dialog.kind === 'step' ? t(`crm.service.step.${dialog.step}`)
    : dialog.kind === 'assign' ? t('crm.service.ticket.reassignTitle')
      : dialog.kind === 'priority' ? t('crm.service.ticket.changePriority') : t('crm.service.visit.complete');
  const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={<Space wrap>
          <span>{ticket.code}</span>
          <Typography.Text>{ticket.subject}</Typography.Text>
          <Tag color={priorityColour(ticket.priority)}>{t(`crm.service.priority.${ticket.priority}`)}</Tag>
          <Tag data-status={ticket.status}>{t(`crm.service.status.${ticket.status}`)}</Tag>
          {ticket.escalated_at && <Tag color="volcano">{t('crm.service.ticket.escalated')}</Tag>}
        </Space>}
        extra={<Space wrap>
          {stepsFor(ticket.status).filter((s) => may('ticket', s)).map((s) => (
            <Button key={s} type={s === 'respond' || s === 'resolve' ? 'primary' : 'default'}
              onClick={() => setDialog({ kind: 'step', step: s })}>{t(`crm.service.step.${s}`)}</Button>
          ))}
          {ticket.status !== 'closed' && may('ticket', 'assign') && (
            <Button onClick={() => setDialog({ kind: 'assign' })}>{t('crm.service.ticket.reassign')}</Button>
          )}
          {ticket.status !== 'closed' && may('ticket', 'update') && (
            <Button onClick={() => { form.setFieldsValue({ priority: ticket.priority }); setDialog({ kind: 'priority' }); }}>
              {t('crm.service.ticket.changePriority')}</Button>
          )}
        </Space>}>
        {open && (
          <Space style={{ marginBottom: 12 }}>
            <SlaCountdown label={t('crm.service.board.respondIn')} dueAt={ticket.response_due_at} met={ticket.first_response_at !== null}
              remindBeforeMinutes={remindBefore} now={now} />
            <SlaCountdown label={t('crm.service.board.resolveIn')} dueAt={ticket.resolution_due_at} met={false}
              remindBeforeMinutes={remindBefore} now={now} />
          </Space>
        )}
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('crm.service.ticket.customer')}>{link('customer_id')}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.contact')}>{link('contact_id') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.kind')}>{t(`crm.service.kind.${ticket.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.channel')}>{t(`crm.service.channel.${ticket.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.salesOrder')}>{link('sales_order_id') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.item')}>{link('item_id') || '—'} {ticket.serial_number ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.responseDue')}>
            {when(ticket.response_due_at)} {ticket.response_breached && <Tag color="red">{t('crm.service.sla.breached')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.resolutionDue')}>
            {when(ticket.resolution_due_at)} {ticket.resolution_breached && <Tag color="red">{t('crm.service.sla.breached')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.firstResponse')}>{when(ticket.first_response_at)}</Descriptions.Item>
          <Descriptions.Item label={t('crm.service.ticket.description')} span={3}>{ticket.description ?? '—'}</Descriptions.Item>
          {ticket.resolution && (
            <Descriptions.Item label={t('crm.service.ticket.resolution')} span={3}>
              {ticket.resolution}{ticket.root_cause ? ` · ${t('crm.service.ticket.rootCause')}：${ticket.root_cause}` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title={t('crm.service.visit.title')}>
        {visits.length === 0 ? <Typography.Text type="secondary">{t('crm.service.visit.none')}</Typography.Text> : visits.map((v) => (
          <Space key={v.id} wrap style={{ display: 'flex', marginBottom: 4 }} data-visit={v.status}>
            <span>{t('crm.service.visit.dueOn')}：{formatDate(v.due_on, i18n.language)}</span>
            <Tag>{t(`crm.service.visit.status.${v.status}`)}</Tag>
            {v.satisfaction !== null && <span>{t('crm.service.visit.satisfaction')}：{v.satisfaction} / 5</span>}
            {v.notes && <Typography.Text type="secondary">{v.notes}</Typography.Text>}
            {v.status === 'planned' && may('return_visit', 'complete') && (
              <Button size="small" onClick={() => setDialog({ kind: 'visit', visit: v })}>{t('crm.service.visit.complete')}</Button>
            )}
          </Space>
        ))}
      </Card>
      <Card size="small" title={t('crm.service.ticket.events')}>
        <Timeline items={events.map((e) => ({
          children: (
            <span>
              {formatDateTime(e.at, i18n.language)} · {e.by_name ?? t('crm.service.ticket.system')} ·{' '}
              {e.from_status ? `${t(`crm.service.status.${e.from_status}`)} → ` : ''}{t(`crm.service.status.${e.to_status}`)}
              {e.note ? ` · ${e.note}` : ''}
            </span>
          ),
        }))} />
      </Card>
      <Modal open={dialog !== null} title={dialogTitle} onCancel={() => { setDialog(null); setError(''); }} onOk={submit}
        confirmLoading={busy} destroyOnClose>
        <Form form={form} layout="vertical">
          {dialog?.kind === 'step' && stepFields(dialog.step)}
          {dialog?.kind === 'assign' && (<>
            <Form.Item name="user_id" label={t('crm.service.ticket.assignee')} required>
              <Select showSearch optionFilterProp="label" loading={assignees.loading}
                options={(assignees.data ?? []).map((a) => ({
                  value: a.id, label: `${a.display_name} · ${t('crm.service.ticket.openTickets', { count: a.open_tickets })}`,
                }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('crm.service.ticket.reason')}><Input /></Form.Item>
          </>)}
          {dialog?.kind === 'priority' && (<>
            <Form.Item name="priority" label={t('crm.service.ticket.priority')} required>
              <Select options={TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`crm.service.priority.${p}`) }))} />
            </Form.Item>
            <Form.Item name="reason" label={t('crm.service.ticket.reason')}><Input /></Form.Item>
          </>)}
          {dialog?.kind === 'visit' && (<>
            <Form.Item name="satisfaction" label={t('crm.service.visit.satisfaction')} required extra={t('crm.service.visit.lowScore')}>
              <InputNumber min={1} max={5} precision={0} />
            </Form.Item>
            <Form.Item name="notes" label={t('crm.service.visit.notes')}><Input.TextArea rows={2} /></Form.Item>
          </>)}
        </Form>
        {error && <Alert type="error" showIcon message={error} />}
      </Modal>
    </Space>
  );
}
