// The line grid of the supply documents (purchase order, stock document, receiving): a plain
// table like the voucher grid, one row per line, each cell's server error under it
// ("lines[2].price" → row 2, column price), a whole line's error under its first cell, the row a
// scan just went to flashed, a remove button per row. The columns bring their own controls.
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../lib/lineErrors';

export interface LineColumn<L> {
  key: string;
  title: ReactNode;
  width?: number | string;
  align?: 'right' | 'center';
  /** `invalid`: the server or the browser has a message for this cell. */
  render: (line: L, row: number, invalid: boolean) => ReactNode;
}

interface Props<L> {
  lines: L[];
  columns: LineColumn<L>[];
  rowKey: (line: L) => string;
  errors: FieldErrors;
  /** Rows without a remove button when absent (read-only grids). */
  onRemove?: (row: number) => void;
  /** The row a scan last went to, and a counter that changes at every scan (to flash it again). */
  flash?: { row: number; tick: number; ok: boolean } | null;
  rowClass?: (line: L, row: number) => string;
  footer?: ReactNode;
  minWidth?: number;
  testId: string;
}

export function CellError({ messages, testId }: { messages?: string[]; testId?: string }) {
  if (!messages?.length) return null;
  return <div className="verp-cell-error" role="alert" data-testid={testId}>{messages.join('；')}</div>;
}

export function LineGrid<L>({ lines, columns, rowKey, errors, onRemove, flash, rowClass, footer, minWidth = 900, testId }: Props<L>) {
  const { t } = useTranslation();
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="verp-voucher-grid verp-line-grid" style={{ minWidth }} data-testid={testId}>
        <colgroup>
          <col style={{ width: 36 }} />
          {columns.map((c) => <col key={c.key} style={{ width: c.width }} />)}
          {onRemove && <col style={{ width: 40 }} />}
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            {columns.map((c) => <th key={c.key} style={{ textAlign: c.align }}>{c.title}</th>)}
            {onRemove && <th />}
          </tr>
        </thead>
        <tbody>
          {lines.map((line, row) => {
            const flashed = flash && flash.row === row ? `verp-flash-${flash.ok ? 'ok' : 'over'}-${flash.tick % 2}` : '';
            return (
              <tr key={rowKey(line)} data-testid={`${testId}-row-${row}`} className={`${flashed} ${rowClass?.(line, row) ?? ''}`}>
                <td style={{ textAlign: 'center', color: 'rgba(0,0,0,.45)', paddingTop: 8 }}>{row + 1}</td>
                {columns.map((c, i) => {
                  const messages = errors[`lines[${row}].${c.key}`];
                  return (
                    <td key={c.key} className={c.align === 'right' ? 'verp-amount' : undefined} style={{ textAlign: c.align }}>
                      {c.render(line, row, !!messages)}
                      <CellError messages={messages} testId={`${testId}-error-${row}-${c.key}`} />
                      {i === 0 && <CellError messages={errors[`lines[${row}]`]} />}
                    </td>
                  );
                })}
                {onRemove && (
                  <td style={{ textAlign: 'center' }}>
                    <Button type="text" size="small" icon={<DeleteOutlined />} tabIndex={-1} onClick={() => onRemove(row)}
                      aria-label={t('supply.removeLine', { n: row + 1 })} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
        {footer && <tfoot>{footer}</tfoot>}
      </table>
    </div>
  );
}

/**
 * The footer row of an order grid: "合计" (and that some line is left out while unfinished)
 * across `span` columns, then the amount, tax and total; a cell for the remove column when shown.
 */
export function TotalsRow({ span, totals, testIdPrefix, removable, money }: {
  span: number;
  totals: { amount: string; tax: string; total: string; incomplete: boolean };
  testIdPrefix: string;
  removable: boolean;
  money: (value: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <tr>
      <td />
      <td colSpan={span}>{t('supply.line.totals')}{totals.incomplete && <Typography.Text type="warning"> {t('supply.order.incomplete')}</Typography.Text>}</td>
      <td className="verp-amount" data-testid={`${testIdPrefix}-total-amount`}>{money(totals.amount)}</td>
      <td className="verp-amount" data-testid={`${testIdPrefix}-total-tax`}>{money(totals.tax)}</td>
      <td className="verp-amount" data-testid={`${testIdPrefix}-total`}>{money(totals.total)}</td>
      {removable && <td />}
    </tr>
  );
}
