// 销售退货: goods back from the customer on an order (POST …/{id}/returns): the date, the
// warehouse they go to (the order's, or a quarantine one), the reason, whether to draft the
// refund, and per shipped line how much comes back. The credit note is made by the server for
// what was invoiced; its refusals land on the row they name ("lines[0].quantity").
import { Alert, Button, Checkbox, DatePicker, Drawer, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Problem } from '../../api/problem';
import type { SalesOrder } from '../../api/sales';
import { CellError } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import { linesProblem } from '../../lib/lineErrors';
import { salesReturnBody, salesReturnRows, type SalesReturnRow } from '../../lib/salesOrders';
import { quantity } from '../purchasing/common';
import { Field } from './common';

export function ReturnDrawer({ order, onClose, onDone }: { order: SalesOrder; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [warehouse, setWarehouse] = useState<number | null>(order.warehouse_id);
  const [reason, setReason] = useState('');
  const [refund, setRefund] = useState(false);
  const { errors, general, busy, submit, clearRow } = useLinesForm((problem: Problem, rows: number[]) =>
    linesProblem(problem, rows, ['date', 'warehouse_id', 'reason'], { line_no: 'item' }));
  const { lines: rows, setLine: setRow } = useLines<SalesReturnRow>(() => salesReturnRows(order.lines), clearRow);
  const post = async () => {
    const { body, rows: sent } = salesReturnBody({ date, warehouse_id: warehouse, reason, refund }, rows);
    await submit(sent, async () => {
      await api.post(`/api/v1/sales-orders/${order.id}/returns`, body);
      onDone();
    });
  };
  return (
    <Drawer open width={900} onClose={onClose} destroyOnHidden data-testid="sales-return-drawer"
      title={t('sales.ret.drawerTitle', { code: order.code, customer: order.customer })}
      extra={<Button type="primary" danger loading={busy} onClick={() => void post()} data-testid="sales-return-post">{t('sales.ret.post')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="sales-return-errors" />}
        <Space wrap align="start">
          <Field label={t('sales.ret.date')} width={160} error={errors.date}>
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} aria-label={t('sales.ret.date')} />
          </Field>
          <Field label={t('sales.ret.warehouse')} width={220} error={errors.warehouse_id}>
            <LinkSelect id="sales-return-warehouse" linkTo="warehouse" value={warehouse} style={{ width: '100%' }}
              initialLabels={[{ id: order.warehouse_id, title: order.warehouse }]} status={errors.warehouse_id ? 'error' : undefined}
              onChange={(v) => setWarehouse(typeof v === 'number' ? v : null)} aria-label={t('sales.ret.warehouse')} />
          </Field>
          <Field label={t('sales.ret.reason')} width={300} error={errors.reason}>
            <Input id="sales-return-reason" value={reason} maxLength={200} status={errors.reason ? 'error' : undefined}
              onChange={(e) => setReason(e.target.value)} aria-label={t('sales.ret.reason')} />
          </Field>
          <div style={{ paddingTop: 22 }}>
            <Checkbox checked={refund} onChange={(e) => setRefund(e.target.checked)} data-testid="sales-return-refund">{t('sales.ret.refund')}</Checkbox>
          </div>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.ret.help')}</Typography.Text>
        <Table<SalesReturnRow & { i: number }> rowKey="line_no" size="small" bordered pagination={false} data-testid="sales-return-lines"
          dataSource={rows.map((r, i) => ({ ...r, i }))} locale={{ emptyText: t('sales.ret.nothing') }}
          columns={[
            { title: t('supply.line.item'), key: 'item', render: (_, r) => <>{r.item}<CellError messages={errors[`lines[${r.i}].item`]} /></> },
            { title: t('supply.line.unit'), dataIndex: 'unit', width: 60 },
            { title: t('sales.order.columns.shipped'), dataIndex: 'shipped', width: 90, align: 'right', render: quantity },
            { title: t('sales.ret.returned'), dataIndex: 'returned', width: 90, align: 'right', render: quantity },
            { title: t('sales.ret.quantity'), key: 'quantity', width: 140, render: (_, r) => (
              <>
                <Input id={`sret-${r.i}-quantity`} className="verp-amount" inputMode="decimal" value={r.quantity} placeholder={quantity(r.returnable)}
                  status={errors[`lines[${r.i}].quantity`] ? 'error' : undefined} aria-label={`${t('sales.ret.quantity')} ${r.i + 1}`}
                  onChange={(e) => setRow(r.i, { quantity: e.target.value })} />
                <CellError messages={errors[`lines[${r.i}].quantity`]} />
              </>
            ) },
          ]} />
        <CellError messages={errors.lines} />
      </Space>
    </Drawer>
  );
}
