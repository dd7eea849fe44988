// Users: create (roles, department; the temporary password is shown once), deactivate and
// reactivate, reset the password, change roles and department.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, problemToForm } from '../../api/problem';
import { useSession } from '../../auth/session';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { listDepartments, listRoles, listUsers, type UserRow } from './shared';

/** The one moment a temporary password is visible; the server never shows it again. */
function PasswordOnce({ value, onClose }: { value: { user: string; password: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={value !== null} title={t('users.passwordTitle', { user: value?.user ?? '' })} onOk={onClose} onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }} okText={t('users.passwordNoted')} data-testid="temporary-password-modal">
      <Typography.Paragraph>{t('users.passwordHelp')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: value?.password }} code style={{ fontSize: 18 }} data-testid="temporary-password">
        {value?.password}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function Users() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { may } = useSession();
  const users = useAsync(listUsers, []);
  const roles = useAsync(() => (may('role', 'read') ? listRoles() : Promise.resolve([])), []);
  const departments = useAsync(() => (may('department', 'read') ? listDepartments() : Promise.resolve([])), []);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [password, setPassword] = useState<{ user: string; password: string } | null>(null);
  const [form] = Form.useForm();
  const [rolesForm] = Form.useForm();
  const [general, setGeneral] = useState<string[]>([]);
  const roleOptions = (roles.data ?? []).map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }));
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e));

  const create = async () => {
    setGeneral([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const created = await api.post<UserRow & { temporary_password: string }>('/api/v1/users', {
        user_name: v.user_name, display_name: v.display_name, ...(v.email ? { email: v.email } : {}),
        roles: v.roles ?? [], ...(v.department_id ? { department_id: v.department_id } : {}),
      });
      setCreating(false);
      form.resetFields();
      setPassword({ user: created.user_name, password: created.temporary_password });
      users.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = problemToForm(e.problem, ['user_name', 'display_name', 'email', 'roles', 'department_id']);
      form.setFields(mapped.fields.map((f) => ({ name: f.name[0] as string, errors: f.errors })));
      setGeneral(mapped.general);
    }
  };

  const setActive = (u: UserRow, active: boolean) => modal.confirm({
    title: active ? t('users.reactivateConfirm', { user: u.user_name }) : t('users.deactivateConfirm', { user: u.user_name }),
    okText: active ? t('users.reactivate') : t('users.deactivate'), cancelText: t('form.cancel'), okButtonProps: { danger: !active },
    onOk: () => api.patch(`/api/v1/users/${u.id}`, { version: u.version, is_active: active }).then(users.reload, fail),
  });

  const resetPassword = (u: UserRow) => modal.confirm({
    title: t('users.resetConfirm', { user: u.user_name }), okText: t('users.resetPassword'), cancelText: t('form.cancel'),
    onOk: () => api.post<{ temporary_password: string }>(`/api/v1/users/${u.id}/reset-password`)
      .then((r) => { setPassword({ user: u.user_name, password: r.temporary_password }); users.reload(); }, fail),
  });

  const saveRoles = async () => {
    if (!editing) return;
    const v = await rolesForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api.put(`/api/v1/users/${editing.id}/roles`, { roles: v.roles ?? [] });
      if (v.department_id !== undefined) {
        await api.put(`/api/v1/users/${editing.id}/department`, { department_id: v.department_id ?? null });
      }
      message.success(t('form.saved'));
      setEditing(null);
      users.reload();
    } catch (e) {
      fail(e);
    }
  };

  if (users.error) return <Alert type="error" message={(users.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {may('user', 'create') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">{t('users.new')}</Button>
      )}
      <Table<UserRow> rowKey="id" size="small" loading={users.loading} dataSource={users.data ?? []} scroll={{ x: 'max-content' }}
        data-testid="users-table"
        columns={[
          { title: t('auth.userName'), dataIndex: 'user_name' },
          { title: t('users.displayName'), dataIndex: 'display_name' },
          { title: t('users.email'), dataIndex: 'email' },
          { title: t('admin.roles'), dataIndex: 'roles', render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('users.state'), key: 'state', render: (_: unknown, u) => (
            <Space size={4} wrap>
              {u.is_active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
              {u.totp_enabled && <Tag color="blue">TOTP</Tag>}
              {u.must_change_password && <Tag color="orange">{t('users.mustChange')}</Tag>}
            </Space>) },
          { title: t('users.lastSignIn'), dataIndex: 'last_sign_in_at', render: (v?: string) => (v ? formatDateTime(v, i18n.language) : '') },
          { title: t('list.actions'), key: 'actions', render: (_: unknown, u) => may('user', 'update') && (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => { setEditing(u); rolesForm.setFieldsValue({ roles: u.roles, department_id: undefined }); }}>
                {t('users.changeRoles')}</Button>
              <Button type="link" size="small" onClick={() => resetPassword(u)}>{t('users.resetPassword')}</Button>
              <Button type="link" size="small" danger={u.is_active} onClick={() => setActive(u, !u.is_active)}>
                {u.is_active ? t('users.deactivate') : t('users.reactivate')}</Button>
            </Space>) },
        ]} />
      <Modal open={creating} title={t('users.new')} onOk={create} onCancel={() => setCreating(false)} okText={t('form.save')}
        cancelText={t('form.cancel')} okButtonProps={{ 'data-testid': 'user-save' } as never} destroyOnHidden>
        <Form form={form} layout="vertical" data-testid="user-form">
          {general.length > 0 && <Alert type="error" showIcon role="alert" message={general.join('; ')} style={{ marginBottom: 12 }} />}
          <Form.Item name="user_name" label={t('auth.userName')} rules={[{ required: true, min: 2, max: 64 }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="display_name" label={t('users.displayName')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email' }]}><Input inputMode="email" /></Form.Item>
          <Form.Item name="roles" label={t('admin.roles')}><Select mode="multiple" options={roleOptions} optionFilterProp="label" /></Form.Item>
          <Form.Item name="department_id" label={t('departments.department')}><Select allowClear options={departmentOptions} optionFilterProp="label" showSearch /></Form.Item>
        </Form>
      </Modal>
      <Modal open={editing !== null} title={t('users.changeRolesOf', { user: editing?.user_name ?? '' })} onOk={saveRoles}
        onCancel={() => setEditing(null)} okText={t('form.save')} cancelText={t('form.cancel')}>
        <Form form={rolesForm} layout="vertical">
          <Form.Item name="roles" label={t('admin.roles')}><Select mode="multiple" options={roleOptions} optionFilterProp="label" /></Form.Item>
          <Form.Item name="department_id" label={t('departments.department')} extra={t('users.departmentUnchanged')}>
            <Select allowClear options={departmentOptions} optionFilterProp="label" showSearch />
          </Form.Item>
        </Form>
      </Modal>
      <PasswordOnce value={password} onClose={() => setPassword(null)} />
    </Space>
  );
}
