// 报价单 list: the generic entity list of quotation (search, filters, saved views, export), each
// quotation opening on its own page (/sales/quotations/{id}); a new one is entered on the order
// entry page and saved as a quotation.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EntityListPage, type ListOptions } from '../EntityList';
import { QUOTATION_STATUS_COLOR } from './QuotationDetail';

function QuotationStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={QUOTATION_STATUS_COLOR[status]}>{t(`sales.quotation.status.${status}`, { defaultValue: status })}</Tag>;
}

const OPTIONS: ListOptions = {
  recordPath: (id) => `/sales/quotations/${id}`,
  newPath: '/sales/orders/new',
  defaultColumns: ['code', 'customer_id', 'quote_date', 'valid_until', 'status', 'revision', 'total'],
  render: { status: (value) => <QuotationStatus status={String(value)} /> },
};

export default function SalesQuotations() {
  return <EntityListPage entity="quotation" options={OPTIONS} />;
}
