// What the ledger pages share: the state tag, problem text, amounts for tables, a period range.
import { DatePicker, Tag } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoucherState } from '../../api/finance';
import { ApiError } from '../../api/problem';
import { formatDecimal } from '../../lib/decimal';

const STATE_COLOR: Record<string, string> = { draft: 'default', reviewed: 'processing', posted: 'success', void: 'error' };

export function StateTag({ state, style }: { state: VoucherState | string; style?: CSSProperties }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]} style={style} data-testid="voucher-state">{t(`finance.states.${state}`, { defaultValue: state })}</Tag>;
}

/** An API error as one line: the detail, or the field messages, or the title. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = (e.problem.errors ?? []).map((x) => x.message || x.code);
    return [e.problem.detail || e.problem.title || e.message, ...fields].filter(Boolean).join('：');
  }
  return e instanceof Error ? e.message : String(e);
}

/** An amount for a report table; zero shows blank when `blankZero`. */
export function money(value: string | undefined, blankZero = false): string {
  if (!value) return '';
  if (blankZero && /^-?0*(\.0*)?$/.test(value)) return '';
  return formatDecimal(value, { scale: 2 });
}

export function currentPeriod(): string {
  return dayjs().format('YYYY-MM');
}

/** From/to period codes ("2026-01") picked as a month range. */
export function PeriodRange({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker.RangePicker picker="month" allowClear={false} aria-label={t('finance.range')} data-testid="period-range"
      value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
      onChange={(range) => range?.[0] && range[1] && onChange(range[0].format('YYYY-MM'), range[1].format('YYYY-MM'))} />
  );
}
