// A goods receipt against one order (采购入库), as the receiving screen and the order's drawer
// show it: the order's lines with what is still expected, and per line what arrives now, how
// much of it the quality check rejects and why, the lot and its dates. With `scanning` a scan
// input keeps the focus and each scan (item, box or lot label) adds one of its unit to the line
// of that item still expecting goods (lib/scan.ts), beeping and flashing the row. Posted with
// POST /api/v1/purchase-orders/{id}/receipts; the server's errors land on their row and cell.
import { Alert, Button, DatePicker, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Problem } from '../../api/problem';
import type { OrderSummary, ScanAnswer } from '../../api/purchasing';
import { CellError, LineGrid, type LineColumn } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { ScanInput, type ScanOutcome } from '../../components/ScanInput';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import { linesProblem } from '../../lib/lineErrors';
import { applyScan, expectedQuantity, lotOfLabel, openQuantity, receiptBody, type ReceivingLine } from '../../lib/scan';
import { quantity } from './common';

export function receivingLines(order: OrderSummary): ReceivingLine[] {
  return order.lines.map((l) => ({
    line_no: l.line_no, item_id: l.item_id, item_code: l.item_code, item_name: l.item_name, unit: l.unit, uom_id: l.uom_id,
    factor: l.factor, ordered: l.quantity, received: l.received, returned: l.returned,
    quantity: '', rejected: '', reject_reason: '', lot_number: '', produced_on: '', expires_on: '',
  }));
}

/** The receipt's errors: a line named by its order line number or a scanned code lands on its row. */
const receiptProblem = (problem: Problem, rows: number[]) =>
  linesProblem(problem, rows, ['date', 'quarantine_warehouse_id', 'note'], { line_no: 'item' });

const sign = (text: string) => (text.startsWith('-') ? -1 : /^0(\.0*)?$/.test(text) ? 0 : 1);

interface Props {
  order: OrderSummary;
  scanning?: boolean;
  onPosted: (order: OrderSummary) => void;
}

export function ReceiptForm({ order, scanning, onPosted }: Props) {
  const { t } = useTranslation();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [quarantine, setQuarantine] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const { errors, general, busy: posting, submit, clearRow, flash, flashRow } = useLinesForm(receiptProblem);
  const { lines, current, replace, setLine } = useLines<ReceivingLine>(() => receivingLines(order), clearRow);
  const arriving = useMemo(() => lines.some((l) => l.quantity.trim() && sign(l.quantity) !== 0), [lines]);


  const onScan = (scan: ScanAnswer): ScanOutcome => {
    const applied = applyScan(current.current, scan);
    if ('problem' in applied) return { ok: false, message: t(`supply.scan.${applied.problem}`, { item: `${scan.item_code} ${scan.item_name}` }) };
    const { row, add, over } = applied;
    let next = applied.lines;
    // A lot label names the lot the goods came in.
    const lot = scan.lot_id !== null ? lotOfLabel(scan.code) : '';
    if (lot && !next[row].lot_number) next = next.map((l, i) => (i === row ? { ...l, lot_number: lot } : l));
    replace(next);
    clearRow(row, ['quantity']);
    flashRow(row, !over);
    const line = next[row];
    const text = t('supply.scan.addedToLine', { unit: `${add} ${line.unit}`, item: `${line.item_code} ${line.item_name}`, n: row + 1 });
    return { ok: true, message: over ? t('supply.scan.over', { text }) : text };
  };

  const post = async () => {
    const { body, rows } = receiptBody({ date, quarantine_warehouse_id: quarantine, note }, lines);
    await submit(rows, async () => onPosted(await api.post<OrderSummary>(`/api/v1/purchase-orders/${order.id}/receipts`, body)));
  };

  const input = (key: 'quantity' | 'rejected' | 'reject_reason' | 'lot_number', width?: number) =>
    (l: ReceivingLine, row: number, invalid: boolean) => (
      <Input id={`gr-${row}-${key}`} value={l[key]} style={{ width }} status={invalid ? 'error' : undefined}
        className={key === 'quantity' || key === 'rejected' ? 'verp-amount' : undefined}
        inputMode={key === 'quantity' || key === 'rejected' ? 'decimal' : undefined}
        aria-label={`${t(`supply.receive.${key}`)} ${row + 1}`} onChange={(e) => setLine(row, { [key]: e.target.value })} />
    );
  const day = (key: 'produced_on' | 'expires_on') => (l: ReceivingLine, row: number, invalid: boolean) => (
    <DatePicker id={`gr-${row}-${key}`} value={l[key] ? dayjs(l[key]) : null} status={invalid ? 'error' : undefined}
      aria-label={`${t(`supply.receive.${key}`)} ${row + 1}`} onChange={(d) => setLine(row, { [key]: d ? d.format('YYYY-MM-DD') : '' })} />
  );
  const columns: LineColumn<ReceivingLine>[] = [
    { key: 'item', title: t('supply.line.item'), width: '20%', render: (l) => <div className="verp-readonly-cell">{l.item_code} {l.item_name}</div> },
    { key: 'unit', title: t('supply.line.unit'), width: 60, render: (l) => <div className="verp-readonly-cell">{l.unit}</div> },
    { key: 'ordered', title: t('supply.order.columns.quantity'), width: 80, align: 'right', render: (l) => <div className="verp-readonly-cell">{quantity(l.ordered)}</div> },
    { key: 'expected', title: t('supply.receive.expected'), width: 80, align: 'right', render: (l, row) => (
      <div className="verp-readonly-cell" data-testid={`gr-${row}-open`}>{quantity(expectedQuantity(l))}</div>
    ) },
    { key: 'quantity', title: t('supply.receive.quantity'), width: 100, align: 'right', render: input('quantity') },
    { key: 'rejected', title: t('supply.receive.rejected'), width: 90, align: 'right', render: input('rejected') },
    { key: 'reject_reason', title: t('supply.receive.reject_reason'), width: '13%', render: input('reject_reason') },
    { key: 'lot_number', title: t('supply.receive.lot_number'), width: '11%', render: input('lot_number') },
    { key: 'produced_on', title: t('supply.receive.produced_on'), width: 140, render: day('produced_on') },
    { key: 'expires_on', title: t('supply.receive.expires_on'), width: 140, render: day('expires_on') },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="receipt-form">
      {scanning && <ScanInput id="receiving-scan" onScan={onScan} keepFocus autoFocus style={{ maxWidth: 560 }} />}
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="receipt-errors" />}
      <Space wrap align="start" size="middle">
        <div style={{ width: 160 }}>
          <div className="verp-dim-label">{t('supply.receive.date')}</div>
          <DatePicker id="gr-date" allowClear={false} value={dayjs(date)} status={errors.date ? 'error' : undefined}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('supply.receive.date')} />
          <CellError messages={errors.date} />
        </div>
        <div style={{ width: 240 }}>
          <div className="verp-dim-label">{t('supply.receive.quarantine')}</div>
          <LinkSelect id="gr-quarantine" linkTo="warehouse" value={quarantine} style={{ width: '100%' }}
            status={errors.quarantine_warehouse_id ? 'error' : undefined} aria-label={t('supply.receive.quarantine')}
            onChange={(v) => setQuarantine(typeof v === 'number' ? v : null)} />
          <CellError messages={errors.quarantine_warehouse_id} />
        </div>
        <div style={{ width: 300 }}>
          <div className="verp-dim-label">{t('supply.receive.note')}</div>
          <Input id="gr-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} aria-label={t('supply.receive.note')} />
        </div>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supply.receive.quarantineHelp')}</Typography.Text>
      <LineGrid testId="receipt-lines" lines={lines} columns={columns} rowKey={(l) => String(l.line_no)} errors={errors} flash={flash}
        minWidth={1200} rowClass={(l) => {
          const open = sign(openQuantity(l));
          return open < 0 ? 'verp-over-row' : open === 0 && l.quantity.trim() ? 'verp-received-row' : '';
        }} />
      <CellError messages={errors.lines} />
      <Button type="primary" loading={posting} disabled={!arriving} onClick={() => void post()} data-testid="receipt-post">
        {t('supply.receive.post')}
      </Button>
    </Space>
  );
}
