// 客户分群 (/crm/segments): the saved segments, each opening its editor.
import { Button, Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import { SEGMENTS } from '../../../api/crm/campaigns';
import type { EntityRecord, Page } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';

export default function SegmentList() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { may, generation } = useSession();
  const list = useAsync(() => api.get<Page<EntityRecord>>(SEGMENTS, { limit: '200', sort: 'name' }), [generation]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="segment-list">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('crm.campaigns.segments.title')}</Typography.Title>
        {may('segment', 'create') && (
          <Button type="primary" onClick={() => navigate('/crm/segments/new')} data-testid="segment-new">{t('crm.campaigns.common.new')}</Button>
        )}
      </Space>
      <Card size="small">
        <Table<EntityRecord> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false}
          columns={[
            { title: t('crm.campaigns.common.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/crm/segments/${r.id}`}>{v}</Link> },
            { title: t('crm.campaigns.segments.title'), dataIndex: 'notes' },
            { title: '', dataIndex: 'updated_at', render: (v: string) => (v ? formatDateTime(v, i18n.language) : '') },
          ]} />
      </Card>
    </Space>
  );
}
