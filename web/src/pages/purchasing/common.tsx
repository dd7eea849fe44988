// What the purchasing and inventory pages share: the order's status tag (a colour per status),
// the messages of the grids' own checks, quantities shown as the server writes them.
import { Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../lib/decimal';
import type { DecimalProblem } from '../../lib/orderLines';

export const ORDER_STATUS_COLOR: Record<string, string> = {
  draft: 'default', pending: 'processing', approved: 'blue', rejected: 'volcano', partly_received: 'gold',
  received: 'green', invoiced: 'purple', closed: 'default', cancelled: 'red',
};

export function OrderStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_STATUS_COLOR[status]} data-testid="order-status">
      {t(`supply.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** The grids' own messages for a cell the browser can already tell is wrong. */
export function useDecimalMessages(): Record<DecimalProblem | 'item_required', string> {
  const { t } = useTranslation();
  return useMemo(() => ({
    invalid: t('supply.problems.invalid'), not_positive: t('supply.problems.not_positive'),
    negative: t('supply.problems.negative'), too_precise: t('supply.problems.too_precise'),
    item_required: t('supply.problems.item_required'),
  }), [t]);
}

/** A quantity as the server wrote it ("1200.5"), grouped for reading: 1,200.5. */
export function quantity(value: string | null | undefined): string {
  return value ? formatDecimal(value) : '';
}
