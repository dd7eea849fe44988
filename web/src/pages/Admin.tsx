// Administration, read-only for now: users, roles with their permission matrix, the audit log.
import { Alert, Card, Space, Table, Tag, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { Grant } from '../api/types';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

interface UserRow { id: number; user_name: string; display_name: string; email: string; is_active: boolean; totp_enabled: boolean; roles: unknown[] }
interface RoleRow { id: number; code: string; name: string; requires_mfa: boolean; grants: Grant[] }

const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import', '*'];

function Users() {
  const { t } = useTranslation();
  const users = useAsync(() => api.get<{ items: UserRow[] }>('/api/v1/users'), []);
  if (users.error) return <Alert type="error" message={(users.error as Error).message} />;
  return (
    <Table<UserRow> rowKey="id" size="small" loading={users.loading} dataSource={users.data?.items ?? []} scroll={{ x: 'max-content' }}
      columns={[
        { title: 'ID', dataIndex: 'id' },
        { title: t('auth.userName'), dataIndex: 'user_name' },
        { title: 'Name', dataIndex: 'display_name' },
        { title: 'E-mail', dataIndex: 'email' },
        { title: 'TOTP', dataIndex: 'totp_enabled', render: (v: boolean) => (v ? <Tag color="green">TOTP</Tag> : null) },
        { title: t('admin.roles'), dataIndex: 'roles', render: (r: unknown[]) => r.map((x) => <Tag key={JSON.stringify(x)}>{typeof x === 'string' ? x : String((x as { code?: string }).code ?? JSON.stringify(x))}</Tag>) },
      ]} />
  );
}

function Roles() {
  const { t } = useTranslation();
  const roles = useAsync(() => api.get<{ items: RoleRow[] }>('/api/v1/roles'), []);
  if (roles.error) return <Alert type="error" message={(roles.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(roles.data?.items ?? []).map((role) => {
        const resources = [...new Set(role.grants.map((g) => g.resource))].sort();
        return (
          <Card key={role.id} size="small" title={`${role.name} (${role.code})`} extra={role.requires_mfa && <Tag>MFA</Tag>}>
            <Typography.Text type="secondary">{t('admin.matrix')}</Typography.Text>
            <Table size="small" pagination={false} rowKey="resource" scroll={{ x: 'max-content' }}
              dataSource={resources.map((resource) => ({ resource }))}
              columns={[
                { title: t('admin.resource'), dataIndex: 'resource' },
                ...ACTIONS.map((action) => ({
                  title: action, key: action, align: 'center' as const,
                  render: (_: unknown, r: { resource: string }) => {
                    const g = role.grants.find((x) => x.resource === r.resource && x.action === action);
                    return g ? <Tag color="blue">{g.scope}</Tag> : '';
                  },
                })),
              ]} />
          </Card>
        );
      })}
    </Space>
  );
}

function Audit() {
  const { i18n } = useTranslation();
  const log = useAsync(() => api.get<{ items: Record<string, unknown>[] }>('/api/v1/audit-log', { limit: 100 }), []);
  if (log.error) return <Alert type="error" message={(log.error as Error).message} />;
  const items = log.data?.items ?? [];
  const keys = Object.keys(items[0] ?? {}).filter((k) => typeof items[0][k] !== 'object').slice(0, 8);
  return (
    <Table rowKey={(r) => String(r.id ?? JSON.stringify(r))} size="small" loading={log.loading} dataSource={items} scroll={{ x: 'max-content' }}
      columns={keys.map((k) => ({ title: k, dataIndex: k, render: (v: unknown) => (k.endsWith('_at') && typeof v === 'string' ? formatDateTime(v, i18n.language) : String(v ?? '')) }))} />
  );
}

export default function Admin() {
  const { tab = 'users' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('layout.modules.admin')}</Typography.Title>
      <Tabs activeKey={tab} onChange={(k) => navigate(`/admin/${k}`)} destroyOnHidden items={[
        { key: 'users', label: t('admin.users'), children: <Users /> },
        { key: 'roles', label: t('admin.roles'), children: <Roles /> },
        { key: 'audit', label: t('admin.audit'), children: <Audit /> },
      ]} />
    </Space>
  );
}
