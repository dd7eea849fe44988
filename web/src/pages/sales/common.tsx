// What the sales pages share: the order's status tag (a colour per status), the steps bar, the
// delivery's state tag, and a header field with its label and server error.
import { Steps, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesOrder } from '../../api/sales';
import { CellError } from '../../components/LineGrid';
import { SALES_STATUS_COLOR, salesSteps } from '../../lib/salesStatus';

export function SalesStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={SALES_STATUS_COLOR[status]} data-testid="sales-status">
      {t(`sales.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

const DELIVERY_COLOR: Record<string, string> = { picking: 'processing', shipped: 'green', cancelled: 'red', posted: 'green' };

export function DeliveryStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={DELIVERY_COLOR[state]} data-testid="delivery-state">{t(`sales.delivery.states.${state}`, { defaultValue: state })}</Tag>;
}

export function SalesSteps({ order }: { order: Pick<SalesOrder, 'status' | 'held_from' | 'lines'> }) {
  const { t } = useTranslation();
  const steps = salesSteps(order);
  return (
    <Steps size="small" current={steps.current} status={steps.state} data-testid="sales-steps"
      items={steps.items.map((s) => ({ title: t(`sales.status.${s.key}`) }))} />
  );
}

/** A form field: its label above, the control, its server error below. */
export function Field({ label, width, error, testId, children }: {
  label: string; width: number; error?: string[]; testId?: string; children: ReactNode;
}) {
  return (
    <div style={{ width }}>
      <div className="verp-dim-label">{label}</div>
      {children}
      <CellError messages={error} testId={testId} />
    </div>
  );
}
