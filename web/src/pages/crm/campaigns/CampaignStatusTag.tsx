import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLOR: Record<string, string> = { draft: 'default', scheduled: 'blue', sending: 'processing', sent: 'green', cancelled: 'red' };

export function CampaignStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]} data-testid="campaign-status">{t(`crm.campaigns.campaigns.statuses.${status}`, { defaultValue: status })}</Tag>;
}
