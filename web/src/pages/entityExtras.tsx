// What some entities add to the generic list and form, one entry per entity: the items print
// barcode labels of the rows selected in their list and from their own page; a customer opens its
// 360° view.
import type { ReactNode } from 'react';
import type { EntityRecord } from '../api/types';
import { PrintLabelsButton } from '../components/ItemLabels';
import { Customer360Link } from './crm/customers/Customer360Link';

export interface EntityExtras {
  /** Actions on the rows ticked in the list (their ids in the order shown). */
  selectionActions?: (ids: number[]) => ReactNode;
  /** Actions beside a saved record's title on its form. */
  recordActions?: (record: EntityRecord) => ReactNode;
}

export const ENTITY_EXTRAS: Record<string, EntityExtras> = {
  item: {
    selectionActions: (ids) => <PrintLabelsButton ids={ids} />,
    recordActions: (record) => <PrintLabelsButton ids={[record.id]} />,
  },
  customer: {
    selectionActions: (ids) => (ids.length === 1 ? <Customer360Link id={ids[0]} /> : null),
    recordActions: (record) => <Customer360Link id={record.id} />,
  },
};
