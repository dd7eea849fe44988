// 销售订单 list: the generic entity list of sales_order (search, filters per column, saved views,
// export) with the columns a salesperson reads first, each status in its colour, and orders
// opening on their own page (/sales/orders/{id}); "new" opens the order entry.
import { EntityListPage, type ListOptions } from '../EntityList';
import { SalesStatusTag } from './common';

const OPTIONS: ListOptions = {
  recordPath: (id) => `/sales/orders/${id}`,
  newPath: '/sales/orders/new',
  defaultColumns: ['code', 'customer_id', 'order_date', 'delivery_date', 'warehouse_id', 'status', 'total'],
  render: {
    status: (value) => <SalesStatusTag status={String(value)} />,
  },
};

export default function SalesOrders() {
  return <EntityListPage entity="sales_order" options={OPTIONS} />;
}
