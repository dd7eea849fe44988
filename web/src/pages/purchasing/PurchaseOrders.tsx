// 采购订单 list: the generic entity list of purchase_order (search, filters per column, saved
// views, export) with the columns a buyer reads first, each status in its colour, and orders
// opening on their own page (/purchasing/orders/{id}); "new" opens the order entry.
import { EntityListPage, type ListOptions } from '../EntityList';
import { OrderStatusTag } from './common';

const OPTIONS: ListOptions = {
  recordPath: (id) => `/purchasing/orders/${id}`,
  newPath: '/purchasing/orders/new',
  defaultColumns: ['code', 'supplier_id', 'order_date', 'expected_date', 'warehouse_id', 'status', 'total'],
  render: {
    status: (value) => <OrderStatusTag status={String(value)} />,
  },
};

export default function PurchaseOrders() {
  return <EntityListPage entity="purchase_order" options={OPTIONS} />;
}
