// My notification channels: for each kind of notification, whether it also comes by e-mail, SMS
// or WeChat, and the language those messages speak (/api/v1/notification-preferences). The
// notification centre always gets everything, so only the other channels are switches here.
import { Alert, App, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import { useAsync } from '../lib/useAsync';

type ChannelName = 'email' | 'sms' | 'wechat';
const CHANNELS: ChannelName[] = ['email', 'sms', 'wechat'];

interface Preferences {
  locale: string;
  email: string | null;
  phone: string | null;
  types: { kind: string; label: string; channels: Record<ChannelName, boolean> }[];
}

export function NotificationPreferences() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = useAsync(() => api.get<Preferences>('/api/v1/notification-preferences'), []);

  const save = async (body: object) => {
    try {
      await api.put('/api/v1/notification-preferences', body);
      message.success(t('form.saved'));
      prefs.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (prefs.error) return <Alert type="error" showIcon message={(prefs.error as Error).message} />;
  const data = prefs.data;
  const reachable = (channel: ChannelName) => (channel === 'email' ? !!data?.email : !!data?.phone);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="notify-locale">{t('account.notifyLocale')}</label>
        <Select id="notify-locale" style={{ width: 160 }} value={data?.locale} loading={prefs.loading}
          onChange={(locale) => save({ locale })}
          options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]} />
      </Space>
      {data && !data.email && <Typography.Text type="secondary">{t('account.noEmail')}</Typography.Text>}
      {data && !data.phone && <Typography.Text type="secondary">{t('account.noPhone')}</Typography.Text>}
      <Table size="small" rowKey="kind" pagination={false} loading={prefs.loading} dataSource={data?.types ?? []}
        scroll={{ x: true }}
        columns={[
          { title: t('account.notifyKind'), dataIndex: 'label' },
          ...CHANNELS.map((channel) => ({
            title: t(`account.channels.${channel}`),
            key: channel,
            render: (_: unknown, row: Preferences['types'][number]) => (
              <Switch size="small" checked={row.channels[channel]} disabled={!reachable(channel)}
                aria-label={`${row.label} ${t(`account.channels.${channel}`)}`}
                onChange={(on) => save({ types: { [row.kind]: { [channel]: on } } })} />
            ),
          })),
        ]} />
    </Space>
  );
}
