// "客户360°视图" beside a saved customer's title on its form (pages/entityExtras.tsx).
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

export function Customer360Link({ id }: { id: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return <Button onClick={() => navigate(`/crm/customers/${id}`)} data-testid="customer-360-link">{t('crm.customers.open360')}</Button>;
}
