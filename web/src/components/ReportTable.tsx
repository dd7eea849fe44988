// A report's table straight from its answer: the columns it names, headed in the UI's language,
// numbers right-aligned, dates and decimals in the locale; an optional totals row and row mark.
import { Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportColumn, ReportRow } from '../api/purchasing';
import { cellText, columnTitle, isNumericColumn } from '../lib/purchasingReports';

interface Props {
  columns: ReportColumn[];
  rows: ReportRow[];
  loading?: boolean;
  testId?: string;
  /** Values of the totals row by column key; the first column says what it is. */
  totals?: Record<string, string>;
  /** A class for rows to stand out (late lines). */
  rowClassName?: (row: ReportRow) => string;
}

export function ReportTable({ columns, rows, loading, testId, totals, rowClassName }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const described = useMemo(() => columns.map((c) => ({ ...c, numeric: isNumericColumn(c.key, rows) })), [columns, rows]);
  return (
    <Table<ReportRow> size="small" loading={loading} dataSource={rows} rowKey={(_, i) => String(i)} data-testid={testId}
      pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} rowClassName={rowClassName}
      locale={{ emptyText: t('supply.reports.none') }}
      columns={described.map((c) => ({
        key: c.key, dataIndex: c.key, title: columnTitle(c, locale), align: c.numeric ? 'right' : 'left',
        render: (v: ReportRow[string]) => cellText(v, locale),
      }))}
      summary={totals && rows.length > 0 ? () => (
        <Table.Summary.Row style={{ fontWeight: 600 }} data-testid={testId && `${testId}-totals`}>
          {described.map((c, i) => (
            <Table.Summary.Cell key={c.key} index={i} align={c.numeric ? 'right' : 'left'}>
              {i === 0 ? t('supply.reports.totals') : cellText(totals[c.key], locale)}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      ) : undefined} />
  );
}
