// 营销活动 (/crm/campaigns): the campaigns, newest first, each opening its page.
import { Button, Card, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import { type Campaign, CAMPAIGNS } from '../../../api/crm/campaigns';
import type { Page } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { formatDateTime } from '../../../lib/format';
import { useAsync } from '../../../lib/useAsync';
import { money } from '../../finance/common';
import { CampaignStatusTag } from './CampaignStatusTag';

export default function CampaignList() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { may, generation } = useSession();
  const list = useAsync(() => api.get<Page<Campaign>>(CAMPAIGNS, { limit: '200', sort: '-id' }), [generation]);
  const when = (v: string | null) => (v ? formatDateTime(v, i18n.language) : '');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="campaign-list">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('crm.campaigns.campaigns.title')}</Typography.Title>
        {may('campaign', 'create') && (
          <Button type="primary" onClick={() => navigate('/crm/campaigns/new')} data-testid="campaign-new">{t('crm.campaigns.common.new')}</Button>
        )}
      </Space>
      <Card size="small">
        <Table<Campaign> rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} pagination={false}
          columns={[
            { title: t('crm.campaigns.common.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/crm/campaigns/${r.id}`}>{v}</Link> },
            { title: t('crm.campaigns.campaigns.channel'), dataIndex: 'channel', render: (v: string) => t(`crm.campaigns.campaigns.channels.${v}`, { defaultValue: v }) },
            { title: t('crm.campaigns.common.status'), dataIndex: 'status', render: (v: string) => <CampaignStatusTag status={v} /> },
            { title: t('crm.campaigns.campaigns.scheduledAt'), dataIndex: 'scheduled_at', render: when },
            { title: t('crm.campaigns.campaigns.sentAt'), dataIndex: 'sent_at', render: when },
            { title: t('crm.campaigns.campaigns.cost'), dataIndex: 'cost', align: 'right', render: (v: string) => money(v) },
          ]} />
      </Card>
    </Space>
  );
}
