// 采购订单录入: a new order, or the lines and header of a draft or rejected one. The header's
// supplier, warehouse and payment term are link selects; the lines are a fast grid (item by
// code or name, or scanned: a barcode adds the item, a box's barcode the box, scanning it again
// counts one more), each line's amount, tax and total previewed in whole cents as the server
// computes them (lib/orderLines.ts), the order's totals below. Saved with POST
// /api/v1/purchase-orders, or PUT …/{id}/lines with the version and then the changed header
// (PATCH); the server's errors land on their field or cell ("lines[2].price").
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Input, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { ItemChoice } from '../../api/items';
import { loadOrder, type OrderRecord, type OrderSummary, type ScanAnswer } from '../../api/purchasing';
import { useSession } from '../../auth/session';
import { ItemPicker, scanIntoOrderLines, TaxRateSelect, UnitSelect } from '../../components/ItemCells';
import { CellError, LineGrid, TotalsRow, type LineColumn } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { ScanInput } from '../../components/ScanInput';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import {
  blankOrderLine, headerBody, isBlankOrderLine, itemFields, lineFigures, linesFromOrder, orderLinesBody, orderProblem, orderTotals,
  type OrderHeaderDraft, type OrderLineDraft,
} from '../../lib/orderLines';
import { useAsync } from '../../lib/useAsync';
import { centsToDecimal } from '../../lib/voucherGrid';
import { money, problemText } from '../finance/common';
import { useDecimalMessages } from './common';

export default function OrderEdit() {
  const { id } = useParams();
  const { generation } = useSession();
  const data = useAsync(() => (id ? loadOrder(id) : Promise.resolve(undefined)), [id, generation]);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (id && !data.data) return <Card loading />;
  return <OrderForm key={`${id ?? 'new'}:${data.data?.record.version ?? 0}`} record={data.data?.record} order={data.data?.order} />;
}

function headerOf(record?: OrderRecord): OrderHeaderDraft {
  return {
    supplier_id: record?.supplier_id ?? null,
    order_date: record?.order_date ?? dayjs().format('YYYY-MM-DD'),
    expected_date: record?.expected_date ?? '',
    warehouse_id: record?.warehouse_id ?? null,
    payment_term_id: record?.payment_term_id ?? null,
    terms: record?.terms ?? '',
    notes: record?.notes ?? '',
  };
}

const cellId = (row: number, col: string) => `po-${row}-${col}`;
function focusCell(row: number, col: string) {
  const element = document.getElementById(cellId(row, col)) as HTMLInputElement | null;
  element?.focus();
  element?.select?.();
}

function OrderForm({ record, order }: { record?: OrderRecord; order?: OrderSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const decimalMessages = useDecimalMessages();
  const { may } = useSession();
  const editable = record ? (record.status === 'draft' || record.status === 'rejected') && may('purchase_order', 'update') : may('purchase_order', 'create');
  const [header, setHeader] = useState<OrderHeaderDraft>(() => headerOf(record));
  const { errors, setErrors, general, busy: saving, submit, clear, clearRow, flash, flashRow } = useLinesForm(orderProblem);
  const { lines, current, replace, update, setLine } = useLines<OrderLineDraft>(() => {
    const saved = order ? linesFromOrder(order.lines) : [];
    return [...saved, ...Array.from({ length: Math.max(1, 3 - saved.length) }, () => blankOrderLine())];
  }, clearRow);
  const [focusAt, setFocusAt] = useState<{ row: number; col: string } | null>(null);
  const totals = useMemo(() => orderTotals(lines), [lines]);
  const version = useRef(record?.version);

  useEffect(() => {
    if (focusAt) {
      focusCell(focusAt.row, focusAt.col);
      setFocusAt(null);
    }
  }, [focusAt, lines]);

  const setField = <K extends keyof OrderHeaderDraft>(key: K, value: OrderHeaderDraft[K]) => {
    setHeader((old) => ({ ...old, [key]: value }));
    clear(key);
  };
  const pick = (row: number, item: ItemChoice | null) => {
    setLine(row, { ...itemFields(item), ...(item?.tax_rate ? { tax_rate: item.tax_rate } : {}) }, ['item', 'unit', 'tax_rate']);
    if (item) setFocusAt({ row, col: 'quantity' });
  };

  const onScan = (scan: ScanAnswer) => scanIntoOrderLines(scan, { current, replace, clearRow, flashRow }, (item, uom, base) => ({
    ...(base ?? blankOrderLine()), ...itemFields(item, uom), quantity: '1', tax_rate: item.tax_rate ?? base?.tax_rate ?? '0.13',
  }), isBlankOrderLine, t);

  // Enter walks quantity → price → the next line's item (a line is added at the end).
  const onEnter = (e: KeyboardEvent, row: number, col: 'quantity' | 'price') => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    if (col === 'quantity') setFocusAt({ row, col: 'price' });
    else {
      if (row === lines.length - 1) update((old) => [...old, blankOrderLine()]);
      setFocusAt({ row: row + 1, col: 'item' });
    }
  };

  const save = async () => {
    const { lines: sent, rows, invalid } = orderLinesBody(lines, decimalMessages);
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      return;
    }
    await submit(rows, async () => {
      let saved: OrderSummary;
      if (!record) {
        saved = await api.post<OrderSummary>('/api/v1/purchase-orders', { ...headerBody(header, false), lines: sent });
      } else {
        saved = await api.put<OrderSummary>(`/api/v1/purchase-orders/${record.id}/lines`, { version: version.current, lines: sent });
        version.current = saved.version;
        // The header after the lines, only when it changed; a refused header leaves the lines
        // saved, and the version kept here lets the next try go on from there.
        const now = headerBody(header, true);
        if (JSON.stringify(now) !== JSON.stringify(headerBody(headerOf(record), true))) {
          version.current = (await api.patch<OrderRecord>(`/api/v1/purchase-orders/${record.id}`, { ...now, version: version.current })).version;
        }
      }
      message.success(t('supply.order.saved', { code: saved.code }));
      navigate(`/purchasing/orders/${saved.id}`, { replace: !record });
    });
  };

  const columns: LineColumn<OrderLineDraft>[] = [
    { key: 'item', title: t('supply.line.item'), width: '26%', render: (l, row, invalid) => (
      <ItemPicker id={cellId(row, 'item')} item={l} invalid={invalid} disabled={!editable} onPick={(item) => pick(row, item)} />
    ) },
    { key: 'unit', title: t('supply.line.unit'), width: 110, render: (l, row, invalid) => (
      <UnitSelect id={cellId(row, 'unit')} units={l.units} value={l.uom_id} invalid={invalid} disabled={!editable}
        onChange={(uom) => setLine(row, { uom_id: uom }, ['unit'])} />
    ) },
    { key: 'quantity', title: t('supply.line.quantity'), width: 110, align: 'right', render: (l, row, invalid) => (
      <Input id={cellId(row, 'quantity')} className="verp-amount" inputMode="decimal" value={l.quantity} disabled={!editable}
        status={invalid ? 'error' : undefined} aria-label={`${t('supply.line.quantity')} ${row + 1}`}
        onKeyDown={(e) => onEnter(e, row, 'quantity')} onChange={(e) => setLine(row, { quantity: e.target.value })} />
    ) },
    { key: 'price', title: t('supply.line.price'), width: 130, align: 'right', render: (l, row, invalid) => (
      <Input id={cellId(row, 'price')} className="verp-amount" inputMode="decimal" value={l.price} disabled={!editable}
        status={invalid ? 'error' : undefined} aria-label={`${t('supply.line.price')} ${row + 1}`}
        onKeyDown={(e) => onEnter(e, row, 'price')} onChange={(e) => setLine(row, { price: e.target.value })} />
    ) },
    { key: 'tax_rate', title: t('supply.line.rate'), width: 96, render: (l, row, invalid) => (
      <TaxRateSelect id={cellId(row, 'tax_rate')} value={l.tax_rate} disabled={!editable} invalid={invalid}
        label={`${t('supply.line.rate')} ${row + 1}`} onChange={(v) => setLine(row, { tax_rate: v })} />
    ) },
    ...(['amount', 'tax', 'total'] as const).map((key): LineColumn<OrderLineDraft> => ({
      key, title: t(`supply.line.${key}`), width: 120, align: 'right', render: (l, row) => {
        const f = lineFigures(l.quantity, l.price, l.tax_rate);
        return <div className="verp-readonly-cell" data-testid={`po-${row}-${key}`}>{f ? money(centsToDecimal(f[key])) : ''}</div>;
      },
    })),
  ];

  const label = (text: string) => <div className="verp-dim-label">{text}</div>;
  const fieldError = (field: string) => <CellError messages={errors[field]} testId={`po-error-${field}`} />;
  const link = (field: 'supplier_id' | 'warehouse_id' | 'payment_term_id', entity: string, width: number) => (
    <div style={{ width }}>
      {label(t(`supply.order.${field}`))}
      <LinkSelect id={`po-${field}`} linkTo={entity} value={header[field]} disabled={!editable} style={{ width: '100%' }}
        status={errors[field] ? 'error' : undefined} aria-label={t(`supply.order.${field}`)}
        initialLabels={record?._links?.[field] ? [record._links[field]] : []}
        onChange={(v) => setField(field, typeof v === 'number' ? v : null)} />
      {fieldError(field)}
    </div>
  );
  const date = (field: 'order_date' | 'expected_date') => (
    <div style={{ width: 160 }}>
      {label(t(`supply.order.${field}`))}
      <DatePicker id={`po-${field}`} value={header[field] ? dayjs(header[field]) : null} allowClear={field === 'expected_date'}
        disabled={!editable} status={errors[field] ? 'error' : undefined} aria-label={t(`supply.order.${field}`)}
        onChange={(d) => setField(field, d ? d.format('YYYY-MM-DD') : '')} />
      {fieldError(field)}
    </div>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="order-edit-title">
          {record ? t('supply.order.editTitle', { code: record.code ?? `#${record.id}` }) : t('supply.order.newTitle')}
        </Typography.Title>
        <Link to={record ? `/purchasing/orders/${record.id}` : '/purchasing/orders'}>{t(record ? 'supply.order.back' : 'supply.order.toList')}</Link>
      </Space>
      {!editable && <Alert type="info" showIcon message={t('supply.order.notEditable')} />}
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="order-errors" />}
      <Card size="small">
        <Space wrap size="middle" align="start">
          {link('supplier_id', 'supplier', 280)}
          {date('order_date')}
          {date('expected_date')}
          {link('warehouse_id', 'warehouse', 220)}
          {link('payment_term_id', 'payment_term', 200)}
        </Space>
        <Space wrap size="middle" align="start" style={{ marginTop: 12, width: '100%' }}>
          {(['terms', 'notes'] as const).map((field) => (
            <div key={field} style={{ width: 420 }}>
              {label(t(`supply.order.${field}`))}
              <Input.TextArea id={`po-${field}`} rows={2} maxLength={1000} value={header[field]} disabled={!editable}
                status={errors[field] ? 'error' : undefined} aria-label={t(`supply.order.${field}`)}
                onChange={(e) => setField(field, e.target.value)} />
              {fieldError(field)}
            </div>
          ))}
        </Space>
      </Card>
      {editable && <ScanInput onScan={onScan} placeholder={t('supply.order.scan')} style={{ maxWidth: 520 }} />}
      <LineGrid testId="order-lines" lines={lines} columns={columns} rowKey={(l) => l.key} errors={errors} flash={flash} minWidth={1100}
        onRemove={editable ? (row) => update((old) => (old.length > 1 ? old.filter((_, i) => i !== row) : [blankOrderLine()])) : undefined}
        footer={<TotalsRow span={5} totals={totals} testIdPrefix="order" removable={editable} money={money} />} />
      {fieldError('lines')}
      <Space wrap>
        {editable && <Button icon={<PlusOutlined />} onClick={() => update((old) => [...old, blankOrderLine()])}>{t('supply.line.addLine')}</Button>}
        {editable && <Button type="primary" loading={saving} onClick={() => void save()} data-testid="order-save">{t('supply.order.save')}</Button>}
      </Space>
    </Space>
  );
}
