// Approvals inbox (/api/v1/approvals, issue 5 §6): pending / decided by me / submitted by me,
// the flow's steps and timeline, approve / reject (comment required) / withdraw. While the
// server has no approvals API (404) the page says so instead of failing.
import { Alert, App, Button, Drawer, Empty, Form, Input, List, Result, Space, Steps, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

type Box = 'pending' | 'decided' | 'submitted';

interface ApprovalItem {
  id: number;
  document_type: string;
  document_id: number;
  title: string;
  submitted_by: number;
  submitted_by_name: string;
  submitted_at: string;
  state: string;
  step_name?: string;
  rule_name?: string;
}
interface Approver {
  user_id: number;
  name: string;
  state: string;
  on_behalf_of_name?: string;
  comment?: string;
  acted_at?: string;
}
interface Flow extends ApprovalItem {
  steps: { seq: number; name: string; mode: string; state: string; approvers: Approver[] }[];
  actions: { action: string; actor_name: string; on_behalf_of_name?: string; comment?: string; at: string }[];
}

const STATE_COLOR: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' };

export default function Approvals() {
  const { t, i18n } = useTranslation();
  const [box, setBox] = useState<Box>('pending');
  const [open, setOpen] = useState<number | null>(null);
  const list = useAsync(async () => {
    try {
      return await api.get<{ items: ApprovalItem[] }>('/api/v1/approvals', { box });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501)) return null;
      throw e;
    }
  }, [box]);
  const stateLabel = (s: string) => t(`approvals.states.${s}`, { defaultValue: s });

  let body;
  if (list.data === null) {
    body = <Result status="info" title={t('approvals.unavailable')} data-testid="approvals-unavailable" />;
  } else if (list.error) {
    body = <Alert type="error" showIcon message={(list.error as Error).message} />;
  } else {
    body = (
      <List
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('approvals.none')} /> }}
        renderItem={(a) => (
          <List.Item actions={[<Button key="open" type="link" onClick={() => setOpen(a.id)}>{t('list.view')}</Button>]}>
            <List.Item.Meta
              title={<Space wrap><a onClick={() => setOpen(a.id)} href={`#approval-${a.id}`}>{a.title}</a><Tag color={STATE_COLOR[a.state]}>{stateLabel(a.state)}</Tag></Space>}
              description={<Space wrap split="·">
                <span>{a.submitted_by_name}</span>
                <span>{formatDateTime(a.submitted_at, i18n.language)}</span>
                {a.step_name && <span>{t('approvals.step')}: {a.step_name}</span>}
              </Space>}
            />
          </List.Item>
        )}
      />
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('approvals.title')}</Typography.Title>
      <Tabs activeKey={box} onChange={(k) => setBox(k as Box)}
        items={(['pending', 'decided', 'submitted'] as Box[]).map((k) => ({ key: k, label: t(`approvals.${k}`) }))} />
      {body}
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={Math.min(560, window.innerWidth)} destroyOnHidden
        title={t('approvals.title')}>
        {open !== null && <FlowView id={open} box={box} onDone={() => { setOpen(null); list.reload(); }} />}
      </Drawer>
    </Space>
  );
}

function FlowView({ id, box, onDone }: { id: number; box: Box; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const flow = useAsync(() => api.get<Flow>(`/api/v1/approvals/${id}`), [id]);
  if (flow.error) return <Alert type="error" message={(flow.error as Error).message} />;
  if (!flow.data) return <Empty description={t('app.loading')} />;
  const f = flow.data;
  const act = async (action: 'approve' | 'reject' | 'withdraw') => {
    const comment: string = (form.getFieldValue('comment') ?? '').trim();
    if (action === 'reject' && !comment) {
      form.setFields([{ name: 'comment', errors: [t('approvals.commentRequired')] }]);
      return;
    }
    setBusy(true);
    try {
      await api.post(`/api/v1/approvals/${id}/${action}`, action === 'withdraw' ? {} : comment ? { comment } : {});
      message.success(t('approvals.done'));
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const current = Math.max(0, f.steps.findIndex((s) => s.state === 'active'));
  const who = (name: string, onBehalfOf?: string) => (onBehalfOf ? `${name}（${t('approvals.onBehalfOf', { name: onBehalfOf })}）` : name);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <div>
        <Typography.Title level={4}>{f.title}</Typography.Title>
        <Typography.Text type="secondary">{f.document_type} #{f.document_id} · {f.submitted_by_name} · {formatDateTime(f.submitted_at, i18n.language)}</Typography.Text>
      </div>
      <div>
        <Typography.Text strong>{t('approvals.steps')}</Typography.Text>
        <Steps direction="vertical" size="small" current={current}
          status={f.state === 'rejected' ? 'error' : f.state === 'approved' ? 'finish' : 'process'}
          items={f.steps.map((s) => ({
            title: `${s.name}（${t(`approvals.modes.${s.mode}`, { defaultValue: s.mode })}）`,
            status: s.state === 'skipped' ? 'wait' : undefined,
            description: s.state === 'skipped' ? t('approvals.states.skipped')
              : s.approvers.map((a) => `${who(a.name, a.on_behalf_of_name)}: ${t(`approvals.states.${a.state}`, { defaultValue: a.state })}${a.comment ? ` — ${a.comment}` : ''}`).join('; '),
          }))} />
      </div>
      <div>
        <Typography.Text strong>{t('approvals.timeline')}</Typography.Text>
        <Timeline items={f.actions.map((a) => ({
          color: a.action === 'reject' ? 'red' : a.action === 'approve' || a.action === 'auto_approve' ? 'green' : 'blue',
          children: `${formatDateTime(a.at, i18n.language)} ${who(a.actor_name, a.on_behalf_of_name)} ${t(`approvals.actions.${a.action}`, { defaultValue: a.action })}${a.comment ? `：${a.comment}` : ''}`,
        }))} />
      </div>
      {box === 'pending' && f.state === 'pending' && (
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t('approvals.comment')}><Input.TextArea rows={3} /></Form.Item>
          <Space>
            <Button type="primary" loading={busy} onClick={() => act('approve')}>{t('approvals.approve')}</Button>
            <Button danger loading={busy} onClick={() => act('reject')}>{t('approvals.reject')}</Button>
          </Space>
        </Form>
      )}
      {box === 'submitted' && f.state === 'pending' && (
        <Button loading={busy} onClick={() => act('withdraw')}>{t('approvals.withdraw')}</Button>
      )}
    </Space>
  );
}
