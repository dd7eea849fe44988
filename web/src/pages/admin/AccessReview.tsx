// The periodic access review: who may do what, MFA, last sign-in, unused accounts; exported as
// XLSX or CSV for sign-off (the export is audited by the server).
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

interface ReviewRow {
  user_id: number; user_name: string; display_name: string; is_active: boolean; totp_enabled: boolean;
  last_sign_in_at: string; unused: boolean; roles: string[]; permissions: string[];
}

export default function AccessReview() {
  const { t, i18n } = useTranslation();
  const rows = useAsync(() => api.get<{ items: ReviewRow[] }>('/api/v1/access-review').then((r) => r.items), []);
  if (rows.error) return <Alert type="error" message={(rows.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href="/api/v1/access-review?format=xlsx" data-testid="review-xlsx">{t('review.exportXlsx')}</Button>
        <Button icon={<DownloadOutlined />} href="/api/v1/access-review?format=csv">{t('review.exportCsv')}</Button>
      </Space>
      <Table<ReviewRow> rowKey="user_id" size="small" loading={rows.loading} dataSource={rows.data ?? []} scroll={{ x: 'max-content' }}
        data-testid="access-review"
        columns={[
          { title: t('auth.userName'), dataIndex: 'user_name' },
          { title: t('users.displayName'), dataIndex: 'display_name' },
          { title: t('users.state'), key: 'state', render: (_: unknown, r) => (
            <Space size={4} wrap>
              {r.is_active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
              {r.totp_enabled ? <Tag color="blue">TOTP</Tag> : <Tag color="orange">{t('review.noMfa')}</Tag>}
              {r.unused && <Tag color="red">{t('review.unused')}</Tag>}
            </Space>) },
          { title: t('users.lastSignIn'), dataIndex: 'last_sign_in_at', render: (v: string) => (v ? formatDateTime(v, i18n.language) : '') },
          { title: t('admin.roles'), dataIndex: 'roles', render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('review.permissions'), dataIndex: 'permissions', render: (p: string[]) => (
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: t('review.more') }} style={{ maxWidth: 480, margin: 0 }}>
              {p.join(', ')}</Typography.Paragraph>) },
        ]} />
    </Space>
  );
}
