// "My delegations": while I am away, someone else approves in my place (approval_delegation:
// delegate, period, optional document type, reason). Everyone manages their own (the `own`
// scope every role template grants); the list keeps to the signed-in user's even for an
// administrator, who could see everyone's.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError, problemToForm } from '../api/problem';
import { useSession } from '../auth/session';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

interface Delegation {
  id: number;
  version: number;
  owner_id: number;
  delegate_id: number;
  starts_at: string;
  ends_at: string;
  document_type: string | null;
  reason: string | null;
}
interface UserOption { id: number; user_name: string; display_name: string; is_active: boolean }

const PATH = '/api/v1/approval-delegations';

function iso(d: Dayjs): string {
  return d.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function delegationState(d: { starts_at: string; ends_at: string }, now = Date.now()): 'upcoming' | 'active' | 'ended' {
  if (Date.parse(d.ends_at) <= now) return 'ended';
  return Date.parse(d.starts_at) > now ? 'upcoming' : 'active';
}

export default function Delegations() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, may } = useSession();
  const [form] = Form.useForm();
  const [general, setGeneral] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const list = useAsync(() => api.get<{ items: Delegation[] }>(PATH, { limit: 200 }), []);
  const users = useAsync(() => (may('user', 'read')
    ? api.get<{ items: UserOption[] }>('/api/v1/users').then((r) => r.items) : Promise.resolve(null)), []);
  const userName = useMemo(() => {
    const byId = new Map((users.data ?? []).map((u) => [u.id, `${u.display_name} (${u.user_name})`]));
    return (id: number) => byId.get(id) ?? `#${id}`;
  }, [users.data]);
  const mine = (list.data?.items ?? []).filter((d) => d.owner_id === me?.user_id);

  const create = async () => {
    setGeneral([]);
    let v: { delegate_id: number; period: [Dayjs, Dayjs]; document_type?: string; reason?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api.post(PATH, {
        delegate_id: v.delegate_id,
        starts_at: iso(v.period[0]),
        ends_at: iso(v.period[1]),
        ...(v.document_type ? { document_type: v.document_type } : {}),
        ...(v.reason ? { reason: v.reason } : {}),
      });
      message.success(t('delegations.created'));
      form.resetFields();
      list.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = problemToForm(e.problem, ['delegate_id', 'document_type', 'reason', 'starts_at', 'ends_at']);
      // The period is one control for two fields.
      form.setFields(mapped.fields.map((f) => ({
        name: f.name[0] === 'starts_at' || f.name[0] === 'ends_at' ? 'period' : (f.name[0] as string), errors: f.errors,
      })));
      setGeneral(mapped.general);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (d: Delegation) => {
    try {
      await api.del(`${PATH}/${d.id}`);
      message.success(t('delegations.removed'));
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const pickUsers = users.data && users.data.length > 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('delegations.title')}</Typography.Title>
      <Card size="small" title={t('delegations.new')}>
        <Form form={form} layout="vertical" onFinish={create} data-testid="delegation-form" style={{ maxWidth: 640 }}>
          {general.length > 0 && <Alert type="error" showIcon role="alert" message={general.join('; ')} style={{ marginBottom: 12 }} />}
          <Form.Item name="delegate_id" label={t('delegations.delegate')} rules={[{ required: true, message: t('form.required', { label: t('delegations.delegate') }) }]}
            extra={pickUsers ? undefined : t('delegations.delegateIdHelp')}>
            {pickUsers
              ? <Select showSearch optionFilterProp="label" options={users.data!.filter((u) => u.is_active && u.id !== me?.user_id)
                  .map((u) => ({ value: u.id, label: `${u.display_name} (${u.user_name})` }))} />
              : <InputNumber min={1} precision={0} style={{ width: '100%' }} />}
          </Form.Item>
          <Form.Item name="period" label={t('delegations.period')} rules={[{ required: true, message: t('form.required', { label: t('delegations.period') }) }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="document_type" label={t('delegations.documentType')} extra={t('delegations.allTypes')}
            rules={[{ pattern: /^[a-z_]+$/, message: 'a-z _' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="reason" label={t('delegations.reason')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="delegation-save">{t('form.save')}</Button>
        </Form>
      </Card>
      {list.error ? <Alert type="error" message={(list.error as Error).message} /> : (
        <Table<Delegation> rowKey="id" size="small" loading={list.loading} dataSource={mine} pagination={false} scroll={{ x: 'max-content' }}
          data-testid="delegations"
          columns={[
            { title: t('delegations.delegate'), dataIndex: 'delegate_id', render: (id: number) => userName(id) },
            { title: t('delegations.period'), key: 'period', render: (_: unknown, d) => `${formatDateTime(d.starts_at, i18n.language)} – ${formatDateTime(d.ends_at, i18n.language)}` },
            { title: t('delegations.documentType'), dataIndex: 'document_type', render: (v: string | null) => v || t('delegations.allTypes') },
            { title: t('delegations.reason'), dataIndex: 'reason' },
            { title: t('delegations.state'), key: 'state', render: (_: unknown, d) => {
              const s = delegationState(d);
              return <Tag color={s === 'active' ? 'green' : s === 'upcoming' ? 'blue' : undefined}>{t(`delegations.${s}`)}</Tag>;
            } },
            { title: t('list.actions'), key: 'remove', render: (_: unknown, d) => (
              <Popconfirm title={t('delegations.confirmRemove')} onConfirm={() => remove(d)} okText={t('form.delete')} cancelText={t('form.cancel')}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('form.delete')} />
              </Popconfirm>
            ) },
          ]} />
      )}
    </Space>
  );
}
