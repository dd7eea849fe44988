// A small card on the quotation page: items often bought with the quotation's items, not on it yet.
import { Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { quotationRecommendations } from '../../../api/crm/customers';
import { useAsync } from '../../../lib/useAsync';

export function QuotationRecommendations({ quotationId, revision }: { quotationId: number; revision: number }) {
  const { t } = useTranslation();
  const found = useAsync(() => quotationRecommendations(quotationId), [quotationId, revision]);
  if (found.error || (!found.loading && !found.data?.items.length)) return null;
  return (
    <Card size="small" title={t('crm.customers.quotation.title')} loading={found.loading} data-testid="quotation-recommendations">
      <List size="small" dataSource={found.data?.items ?? []} locale={{ emptyText: t('crm.customers.quotation.empty') }}
        renderItem={(r) => (
          <List.Item extra={<Tag color="blue">{r.customers}</Tag>}>
            <List.Item.Meta title={`${r.code} ${r.name}`} description={r.reason} />
          </List.Item>)} />
    </Card>
  );
}
