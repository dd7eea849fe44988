// The order's drawers: receiving goods (the receipt form, lib/scan.ts), returning goods to the
// supplier (采购退货: from the receiving warehouse, or the rejected ones from quarantine) and
// entering the supplier's invoice matched three ways (三单匹配): per line what was ordered,
// received net of returns, already invoiced and is invoiced now, at what price against the order
// price, the amount and tax of each as the server computes them. The server's refusals
// ("lines[1].quantity" beyond what was received, "lines[0].price" off the order price) land on
// their row.
import { Alert, Button, DatePicker, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Problem } from '../../api/problem';
import type { OrderSummary } from '../../api/purchasing';
import { CellError } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import { rateLabel } from '../../lib/invoices';
import { linesProblem } from '../../lib/lineErrors';
import { lineFigures } from '../../lib/orderLines';
import {
  beyondReceived, matchInvoiceBody, matchRows, matchTotals, priceDiffers, returnBody, returnRows, type MatchRow, type ReturnRow,
} from '../../lib/purchaseMatch';
import { centsToDecimal } from '../../lib/voucherGrid';
import { money } from '../finance/common';
import { quantity } from './common';
import { ReceiptForm } from './ReceiptForm';

interface DrawerProps {
  order: OrderSummary;
  onClose: () => void;
  onDone: (order: OrderSummary) => void;
}

export function ReceiveDrawer({ order, onClose, onDone }: DrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer open width={1280} onClose={onClose} destroyOnHidden data-testid="receive-drawer"
      title={t('supply.receive.drawerTitle', { code: order.code, supplier: order.supplier })}>
      <ReceiptForm order={order} onPosted={onDone} />
    </Drawer>
  );
}

/** The drawers' errors: a line named by its order line number lands on its row. */
function useDrawerForm(headerFields: string[]) {
  return useLinesForm((problem: Problem, rows: number[]) => linesProblem(problem, rows, headerFields, { line_no: 'item' }));
}

const label = (text: string) => <div className="verp-dim-label">{text}</div>;

export function ReturnDrawer({ order, onClose, onDone }: DrawerProps) {
  const { t } = useTranslation();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [warehouse, setWarehouse] = useState<number | null>(order.warehouse_id);
  const [reason, setReason] = useState('');
  const { errors, general, busy, submit, clearRow } = useDrawerForm(['date', 'warehouse_id', 'reason']);
  const { lines: rows, setLine: setRow } = useLines<ReturnRow>(() => returnRows(order.lines), clearRow);
  const post = async () => {
    const { body, rows: sent } = returnBody({ date, warehouse_id: warehouse, reason }, rows);
    await submit(sent, async () => onDone(await api.post<OrderSummary>(`/api/v1/purchase-orders/${order.id}/returns`, body)));
  };
  return (
    <Drawer open width={900} onClose={onClose} destroyOnHidden data-testid="return-drawer"
      title={t('supply.ret.drawerTitle', { code: order.code, supplier: order.supplier })}
      extra={<Button type="primary" danger loading={busy} onClick={() => void post()} data-testid="return-post">{t('supply.ret.post')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="return-errors" />}
        <Space wrap align="start">
          <div style={{ width: 160 }}>
            {label(t('supply.ret.date'))}
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('supply.ret.date')} />
            <CellError messages={errors.date} />
          </div>
          <div style={{ width: 240 }}>
            {label(t('supply.ret.warehouse'))}
            <LinkSelect id="return-warehouse" linkTo="warehouse" value={warehouse} style={{ width: '100%' }}
              initialLabels={[{ id: order.warehouse_id, title: order.warehouse }]} status={errors.warehouse_id ? 'error' : undefined}
              onChange={(v) => setWarehouse(typeof v === 'number' ? v : null)} aria-label={t('supply.ret.warehouse')} />
            <CellError messages={errors.warehouse_id} />
          </div>
          <div style={{ width: 320 }}>
            {label(t('supply.ret.reason'))}
            <Input id="return-reason" value={reason} maxLength={200} status={errors.reason ? 'error' : undefined}
              onChange={(e) => setReason(e.target.value)} aria-label={t('supply.ret.reason')} />
            <CellError messages={errors.reason} />
          </div>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supply.ret.help')}</Typography.Text>
        <Table<ReturnRow & { i: number }> rowKey="line_no" size="small" bordered pagination={false} data-testid="return-lines"
          dataSource={rows.map((r, i) => ({ ...r, i }))}
          columns={[
            { title: t('supply.line.item'), key: 'item', render: (_, r) => <>{r.item}<CellError messages={errors[`lines[${r.i}].item`]} /></> },
            { title: t('supply.line.unit'), dataIndex: 'unit', width: 60 },
            { title: t('supply.ret.received'), dataIndex: 'received', width: 90, align: 'right', render: quantity },
            { title: t('supply.ret.rejected'), dataIndex: 'rejected', width: 90, align: 'right', render: quantity },
            { title: t('supply.ret.quantity'), key: 'quantity', width: 120, render: (_, r) => (
              <>
                <Input id={`ret-${r.i}-quantity`} className="verp-amount" inputMode="decimal" value={r.quantity}
                  status={errors[`lines[${r.i}].quantity`] ? 'error' : undefined} aria-label={`${t('supply.ret.quantity')} ${r.i + 1}`}
                  onChange={(e) => setRow(r.i, { quantity: e.target.value })} />
                <CellError messages={errors[`lines[${r.i}].quantity`]} />
              </>
            ) },
            { title: t('supply.receive.lot_number'), key: 'lot', width: 150, render: (_, r) => (
              <>
                <Input value={r.lot_number} onChange={(e) => setRow(r.i, { lot_number: e.target.value })} aria-label={t('supply.receive.lot_number')} />
                <CellError messages={errors[`lines[${r.i}].lot_number`]} />
              </>
            ) },
          ]} />
        <CellError messages={errors.lines} />
      </Space>
    </Drawer>
  );
}

export function InvoiceDrawer({ order, onClose, onDone }: DrawerProps) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [due, setDue] = useState('');
  const { errors, general, busy, submit, clear, clearRow } = useDrawerForm(['number', 'date', 'due_date']);
  const { lines: rows, setLine: setRow } = useLines<MatchRow>(() => matchRows(order.lines), clearRow);
  const totals = useMemo(() => matchTotals(rows), [rows]);
  const post = async () => {
    const { body, rows: sent } = matchInvoiceBody({ number, date, due_date: due }, rows);
    await submit(sent, async () => onDone(await api.post<OrderSummary>(`/api/v1/purchase-orders/${order.id}/invoices`, body)));
  };
  const cell = (r: MatchRow & { i: number }, key: 'quantity' | 'price', warn: boolean, warning: string) => (
    <>
      <Input id={`inv-${r.i}-${key}`} className="verp-amount" inputMode="decimal" value={r[key]}
        status={errors[`lines[${r.i}].${key}`] ? 'error' : warn ? 'warning' : undefined}
        aria-label={`${t(`supply.inv.${key}`)} ${r.i + 1}`} onChange={(e) => setRow(r.i, { [key]: e.target.value })} />
      {warn && !errors[`lines[${r.i}].${key}`] && <div className="verp-dim-label" style={{ color: '#d48806' }}>{warning}</div>}
      <CellError messages={errors[`lines[${r.i}].${key}`]} testId={`inv-error-${r.i}-${key}`} />
    </>
  );
  const figures = (r: MatchRow) => (r.quantity.trim() ? lineFigures(r.quantity, r.price || r.order_price, r.tax_rate) : null);
  return (
    <Drawer open width={1280} onClose={onClose} destroyOnHidden data-testid="match-drawer"
      title={t('supply.inv.drawerTitle', { code: order.code, supplier: order.supplier })}
      extra={<Button type="primary" loading={busy} onClick={() => void post()} data-testid="match-post">{t('supply.inv.post')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="match-errors" />}
        <Space wrap align="start">
          <div style={{ width: 200 }}>
            {label(t('supply.inv.number'))}
            <Input id="match-number" value={number} maxLength={40} status={errors.number ? 'error' : undefined}
              onChange={(e) => {
                setNumber(e.target.value);
                clear('number');
              }} aria-label={t('supply.inv.number')} />
            <CellError messages={errors.number} testId="match-error-number" />
          </div>
          <div style={{ width: 160 }}>
            {label(t('supply.inv.date'))}
            <DatePicker id="match-date" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('supply.inv.date')} />
            <CellError messages={errors.date} />
          </div>
          <div style={{ width: 160 }}>
            {label(t('supply.inv.dueDate'))}
            <DatePicker id="match-due" value={due ? dayjs(due) : null} onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : '')} aria-label={t('supply.inv.dueDate')} />
            <CellError messages={errors.due_date} />
          </div>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supply.inv.help')}</Typography.Text>
        <Table<MatchRow & { i: number }> rowKey="line_no" size="small" bordered pagination={false} data-testid="match-lines" scroll={{ x: 1200 }}
          dataSource={rows.map((r, i) => ({ ...r, i }))}
          columns={[
            { title: t('supply.line.item'), key: 'item', render: (_, r) => <>{r.item}<CellError messages={errors[`lines[${r.i}].item`]} /></> },
            { title: t('supply.line.unit'), dataIndex: 'unit', width: 56 },
            { title: t('supply.inv.ordered'), dataIndex: 'ordered', width: 80, align: 'right', render: quantity },
            { title: t('supply.inv.received'), dataIndex: 'received', width: 80, align: 'right', render: quantity },
            { title: t('supply.inv.invoiced'), dataIndex: 'invoiced', width: 80, align: 'right', render: quantity },
            { title: t('supply.inv.quantity'), key: 'quantity', width: 130, render: (_, r) => cell(r, 'quantity', beyondReceived(r), t('supply.inv.beyond', { open: quantity(r.open) })) },
            { title: t('supply.inv.orderPrice'), dataIndex: 'order_price', width: 100, align: 'right', render: quantity },
            { title: t('supply.inv.price'), key: 'price', width: 130, render: (_, r) => cell(r, 'price', priceDiffers(r), t('supply.inv.priceDiffers')) },
            { title: t('supply.line.rate'), dataIndex: 'tax_rate', width: 64, render: (v: string) => rateLabel(v) },
            { title: t('supply.line.amount'), key: 'amount', width: 110, align: 'right', render: (_, r) => {
              const f = figures(r);
              return <span data-testid={`match-${r.i}-amount`}>{f ? money(centsToDecimal(f.amount)) : ''}</span>;
            } },
            { title: t('supply.line.tax'), key: 'tax', width: 100, align: 'right', render: (_, r) => {
              const f = figures(r);
              return <span data-testid={`match-${r.i}-tax`}>{f ? money(centsToDecimal(f.tax)) : ''}</span>;
            } },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={9}><b>{t('supply.line.totals')}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right"><b data-testid="match-total-amount">{money(totals.amount)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={10} align="right"><b data-testid="match-total-tax">{money(totals.tax)}</b></Table.Summary.Cell>
            </Table.Summary.Row>
          )} />
        <CellError messages={errors.lines} />
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Tag color="blue">{t('supply.inv.match')}</Tag>
          <Typography.Text strong data-testid="match-total">{t('supply.line.total')}：{money(totals.total)}</Typography.Text>
        </Space>
      </Space>
    </Drawer>
  );
}
