// My account: password change, my sessions (revoke), TOTP enrolment with QR and recovery codes,
// and how notifications reach me.
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError, problemToForm } from '../api/problem';
import type { SessionAnswer } from '../api/types';
import { useSession } from '../auth/session';
import { NotificationPreferences } from '../components/NotificationPreferences';
import { TotpEnrol } from '../components/TotpEnrol';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

interface SessionRow {
  id: number;
  address: string;
  user_agent: string;
  created_at: string;
  last_seen_at: string;
  current: boolean;
}

export default function Account() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { me, acceptSession } = useSession();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const sessions = useAsync(() => api.get<{ items: SessionRow[] }>('/api/v1/auth/sessions'), []);

  const change = async (v: { current_password: string; new_password: string }) => {
    setError(null);
    try {
      const answer = await api.post<SessionAnswer>('/api/v1/auth/password', {
        current_password: v.current_password,
        new_password: v.new_password,
      });
      form.resetFields();
      message.success(t('auth.changePassword'));
      await acceptSession(answer);
    } catch (e) {
      if (e instanceof ApiError) {
        const mapped = problemToForm(e.problem, ['current_password', 'new_password']);
        form.setFields(mapped.fields.map((f) => ({ name: f.name[0] as string, errors: f.errors })));
        if (mapped.general.length) setError(mapped.general.join('; '));
      } else setError(t('errors.network'));
    }
  };

  const revoke = async (id: number) => {
    try {
      await api.del(`/api/v1/auth/sessions/${id}`);
      message.success(t('account.revoked'));
      sessions.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('account.title')} · {me?.display_name} ({me?.user_name})</Typography.Title>
      <Card title={t('auth.changePassword')} size="small">
        {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={change} style={{ maxWidth: 400 }}>
          <Form.Item name="current_password" label={t('auth.currentPassword')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="new_password" label={t('auth.newPassword')} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['new_password']}
            rules={[{ required: true }, ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
            })]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('form.save')}</Button>
        </Form>
      </Card>
      <Card title={t('account.sessions')} size="small">
        <Table<SessionRow> rowKey="id" size="small" loading={sessions.loading} dataSource={sessions.data?.items ?? []}
          pagination={false} scroll={{ x: 'max-content' }} data-testid="sessions"
          columns={[
            { title: t('account.address'), dataIndex: 'address' },
            { title: t('account.userAgent'), dataIndex: 'user_agent', ellipsis: true },
            { title: t('account.createdAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v, i18n.language) },
            { title: t('account.lastSeen'), dataIndex: 'last_seen_at', render: (v: string) => formatDateTime(v, i18n.language) },
            { title: t('list.actions'), key: 'a', render: (_, s) => s.current ? <Tag color="green">{t('account.current')}</Tag>
              : <Button size="small" danger onClick={() => revoke(s.id)}>{t('account.revoke')}</Button> },
          ]} />
      </Card>
      <Card title={t('account.totp')} size="small">
        <TotpEnrol />
      </Card>
      <Card title={t('account.notifications')} size="small">
        <NotificationPreferences />
      </Card>
    </Space>
  );
}
