// The notification centre (modules/notify): unread / all, mark read, mark all read.
import { App, Badge, Button, Empty, List, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { Notification } from '../api/types';
import { NOTIFICATIONS_CHANGED } from '../layout/NotificationBell';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/useAsync';

export default function Notifications() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [box, setBox] = useState<'unread' | 'all'>('unread');
  const page = useAsync(
    () => api.get<{ items: Notification[]; unread_count: number }>('/api/v1/notifications', { unread: box === 'unread' ? 'true' : undefined, limit: 100 }),
    [box],
  );
  const changed = () => {
    page.reload();
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
  };
  const read = async (n: Notification) => {
    await api.post(`/api/v1/notifications/${n.id}/read`).catch((e) => message.error(String(e.message)));
    changed();
  };
  const readAll = async () => {
    await api.post('/api/v1/notifications/read-all').catch((e) => message.error(String(e.message)));
    changed();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('notifications.title')}</Typography.Title>
        <Button onClick={readAll} disabled={!page.data?.unread_count}>{t('notifications.markAllRead')}</Button>
      </Space>
      <Tabs activeKey={box} onChange={(k) => setBox(k as 'unread' | 'all')} items={[
        { key: 'unread', label: <Badge count={page.data?.unread_count ?? 0} size="small" offset={[8, 0]}>{t('notifications.unread')}</Badge> },
        { key: 'all', label: t('notifications.all') },
      ]} />
      <List
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('notifications.none')} /> }}
        renderItem={(n) => (
          <List.Item actions={[
            n.entity && n.record_id ? <Button key="open" type="link" onClick={() => navigate(`/e/${n.entity}/${n.record_id}`)}>{t('notifications.open')}</Button> : null,
            !n.read_at ? <Button key="read" size="small" onClick={() => read(n)}>{t('notifications.markRead')}</Button> : null,
          ].filter(Boolean)}>
            <List.Item.Meta
              title={<Space>{!n.read_at && <Badge status="processing" />}<span style={{ fontWeight: n.read_at ? 400 : 600 }}>{n.title}</span></Space>}
              description={<>{n.body && <div>{n.body}</div>}<Typography.Text type="secondary">{formatDateTime(n.created_at, i18n.language)}</Typography.Text></>}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
