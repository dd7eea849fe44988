// 销售订单录入: a new order, or the lines of a draft or rejected one. Customer and warehouse are
// link selects; the lines a fast grid (item by code or name, or a barcode scanned: again counts
// one more). While typing, a line whose price the user left empty takes it from the price lists
// (GET /sales/price for the customer, item, quantity and unit), each line shows what is
// available to promise in the warehouse (GET /sales/availability, red when the line asks for
// more), and the credit panel (GET /sales/credit) counts this order's total into the customer's
// exposure (需信用审批 when over the limit or overdue). Amounts are previewed in whole cents as the
// server computes them (lib/salesOrders.ts). Saved with POST /api/v1/sales-orders, or PUT
// …/{id}/lines with the version; the server's errors land on their field or cell.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Input, Row, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { ItemChoice } from '../../api/items';
import type { ScanAnswer } from '../../api/purchasing';
import { loadSalesOrder, type Availability, type Credit, type SalesOrder, type SalesPrice } from '../../api/sales';
import { useSession } from '../../auth/session';
import { ItemPicker, scanIntoOrderLines, TaxRateSelect, UnitSelect } from '../../components/ItemCells';
import { LineGrid, TotalsRow, type LineColumn } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { ScanInput } from '../../components/ScanInput';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import { itemFields, plain } from '../../lib/orderLines';
import {
  beyondAvailable, blankSalesLine, creditView, isBlankSalesLine, percentOf, quotationBody, salesHeaderBody, salesLineFigures, salesLinesBody,
  salesLinesFromOrder, salesOrderProblem, salesTotals, wantsPrice, type SalesHeaderDraft, type SalesLineDraft,
} from '../../lib/salesOrders';
import { useAsync } from '../../lib/useAsync';
import { centsToDecimal } from '../../lib/voucherGrid';
import { money, problemText } from '../finance/common';
import { quantity as shownQuantity, useDecimalMessages } from '../purchasing/common';
import { Field } from './common';

export default function SalesOrderEdit() {
  const { id } = useParams();
  const { generation } = useSession();
  const data = useAsync(() => (id ? loadSalesOrder(id) : Promise.resolve(undefined)), [id, generation]);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (id && !data.data) return <Card loading />;
  return <SalesOrderForm key={`${id ?? 'new'}:${data.data?.version ?? 0}`} order={data.data} />;
}

function headerOf(order?: SalesOrder): SalesHeaderDraft {
  return {
    customer_id: order?.customer_id ?? null,
    order_date: order?.order_date ?? dayjs().format('YYYY-MM-DD'),
    delivery_date: order?.delivery_date ?? '',
    warehouse_id: order?.warehouse_id ?? null,
    customer_po: order?.customer_po ?? '',
    notes: order?.notes ?? '',
  };
}

const cellId = (row: number, col: string) => `so-${row}-${col}`;

/** Asks the price lists for every line that wants a price, a moment after the typing stopped. */
function usePricing(customer: number | null, lines: SalesLineDraft[], setPrice: (key: string, asked: string, price: SalesPrice) => void) {
  const asked = useRef(new Map<string, string>());
  useEffect(() => {
    if (customer === null) return;
    const timer = setTimeout(() => {
      for (const line of lines) {
        if (!wantsPrice(line)) continue;
        const question = `${customer}:${line.item_id}:${line.quantity}:${line.uom_id ?? ''}`;
        if (asked.current.get(line.key) === question) continue;
        asked.current.set(line.key, question);
        api.get<SalesPrice>('/api/v1/sales/price', {
          customer_id: customer, item_id: line.item_id!, quantity: line.quantity, ...(line.uom_id !== null ? { uom_id: line.uom_id } : {}),
        }).then((price) => setPrice(line.key, question, price), () => asked.current.delete(line.key));
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [customer, lines, setPrice]);
}

/** Available to promise per item in the warehouse, asked once per item. */
function useAvailability(warehouse: number | null, lines: SalesLineDraft[]) {
  const [atp, setAtp] = useState<Record<string, Availability>>({});
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (warehouse === null) return;
    for (const item of new Set(lines.map((l) => l.item_id).filter((i): i is number => i !== null))) {
      const key = `${warehouse}:${item}`;
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      api.get<Availability>('/api/v1/sales/availability', { item_id: item, warehouse_id: warehouse })
        .then((a) => setAtp((old) => ({ ...old, [key]: a })), () => asked.current.delete(key));
    }
  }, [warehouse, lines]);
  return (item: number | null) => (warehouse === null || item === null ? undefined : atp[`${warehouse}:${item}`]);
}

function SalesOrderForm({ order }: { order?: SalesOrder }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const decimalMessages = useDecimalMessages();
  const { may } = useSession();
  const editable = order ? (order.status === 'draft' || order.status === 'rejected') && may('sales_order', 'update') : may('sales_order', 'create');
  const [header, setHeader] = useState<SalesHeaderDraft>(() => headerOf(order));
  const { errors, setErrors, general, busy: saving, submit, clear, clearRow, flash, flashRow } = useLinesForm(salesOrderProblem);
  const { lines, current, replace, update, setLine } = useLines<SalesLineDraft>(() => {
    const saved = order ? salesLinesFromOrder(order.lines) : [];
    return [...saved, ...Array.from({ length: Math.max(1, 3 - saved.length) }, () => blankSalesLine())];
  }, clearRow);
  const totals = useMemo(() => salesTotals(lines), [lines]);
  const version = useRef(order?.version);
  const [focusAt, setFocusAt] = useState<{ row: number; col: string } | null>(null);

  useEffect(() => {
    if (!focusAt) return;
    const element = document.getElementById(cellId(focusAt.row, focusAt.col)) as HTMLInputElement | null;
    element?.focus();
    element?.select?.();
    setFocusAt(null);
  }, [focusAt, lines]);

  usePricing(header.customer_id, lines, useMemo(() => (key: string, asked: string, price: SalesPrice) => {
    update((old) => old.map((l) => {
      const now = `${header.customer_id}:${l.item_id}:${l.quantity}:${l.uom_id ?? ''}`;
      // Only when the line still asks the same and the user has not typed a price meanwhile.
      if (l.key !== key || now !== asked || !wantsPrice(l)) return l;
      return { ...l, price: plain(price.price), discount: percentOf(price.discount), price_auto: true };
    }));
  }, [update, header.customer_id]));
  const availability = useAvailability(header.warehouse_id, lines);
  const credit = useAsync(() => (header.customer_id !== null
    ? api.get<Credit>('/api/v1/sales/credit', { customer_id: header.customer_id }) : Promise.resolve(null)), [header.customer_id]);
  const creditFigures = credit.data ? creditView(credit.data, totals.total) : null;

  const setField = <K extends keyof SalesHeaderDraft>(key: K, value: SalesHeaderDraft[K]) => {
    setHeader((old) => ({ ...old, [key]: value }));
    clear(key);
  };
  const pick = (row: number, item: ItemChoice | null) => {
    setLine(row, { ...itemFields(item), ...(item?.tax_rate ? { tax_rate: item.tax_rate } : {}), ...(current.current[row].price_auto ? { price: '' } : {}) },
      ['item', 'unit', 'tax_rate', 'price']);
    if (item) setFocusAt({ row, col: 'quantity' });
  };

  const onScan = (scan: ScanAnswer) => scanIntoOrderLines(scan, { current, replace, clearRow, flashRow }, (item, uom, base) => ({
    ...(base ?? blankSalesLine()), ...itemFields(item, uom), quantity: '1', price: '', price_auto: false, tax_rate: item.tax_rate ?? base?.tax_rate ?? '0.13',
  }), isBlankSalesLine, t);

  // Enter walks quantity → price → discount → the next line's item (a line is added at the end).
  const NEXT: Record<string, string> = { quantity: 'price', price: 'discount' };
  const onEnter = (e: React.KeyboardEvent, row: number, col: string) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    if (NEXT[col]) setFocusAt({ row, col: NEXT[col] });
    else {
      if (row === lines.length - 1) update((old) => [...old, blankSalesLine()]);
      setFocusAt({ row: row + 1, col: 'item' });
    }
  };

  const save = async () => {
    const { lines: sent, rows, invalid } = salesLinesBody(lines, { ...decimalMessages, too_large: t('sales.order.discountTooLarge') });
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      return;
    }
    await submit(rows, async () => {
      let saved: SalesOrder;
      if (!order) {
        saved = await api.post<SalesOrder>('/api/v1/sales-orders', { ...salesHeaderBody(header), lines: sent });
      } else {
        saved = await api.put<SalesOrder>(`/api/v1/sales-orders/${order.id}/lines`, { version: version.current, lines: sent });
        version.current = saved.version;
        // The header after the lines, only when it changed; a refused header leaves the lines
        // saved, and the version kept here lets the next try go on from there.
        const now = salesHeaderBody(header, true);
        if (JSON.stringify(now) !== JSON.stringify(salesHeaderBody(headerOf(order), true))) {
          version.current = (await api.patch<{ version: number }>(`/api/v1/sales-orders/${order.id}`, { ...now, version: version.current })).version;
        }
      }
      message.success(t('sales.order.saved', { code: saved.code }));
      navigate(`/sales/orders/${saved.id}`, { replace: !order });
    });
  };

  // The same entry as a quotation (报价单) for the customer, valid until the date chosen.
  const [validUntil, setValidUntil] = useState(dayjs().add(30, 'day').format('YYYY-MM-DD'));
  const saveQuotation = async () => {
    const { lines: sent, rows, invalid } = salesLinesBody(lines, { ...decimalMessages, too_large: t('sales.order.discountTooLarge') });
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      return;
    }
    await submit(rows, async () => {
      const saved = await api.post<{ id: number; code: string }>('/api/v1/quotations', quotationBody(header, validUntil, sent));
      message.success(t('sales.quotation.saved', { code: saved.code }));
      navigate(`/sales/quotations/${saved.id}`);
    });
  };

  const decimalInput = (l: SalesLineDraft, row: number, col: 'quantity' | 'price' | 'discount', invalid: boolean, label: string) => (
    <Input id={cellId(row, col)} className="verp-amount" inputMode="decimal" value={l[col]} disabled={!editable}
      status={invalid ? 'error' : undefined} aria-label={`${label} ${row + 1}`} onKeyDown={(e) => onEnter(e, row, col)}
      suffix={col === 'discount' ? '%' : col === 'price' && l.price_auto ? <Tooltip title={t('sales.order.priceFromList')}><Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('sales.order.listTag')}</Tag></Tooltip> : undefined}
      onChange={(e) => setLine(row, col === 'price' ? { price: e.target.value, price_auto: false } : { [col]: e.target.value } as Partial<SalesLineDraft>)} />
  );

  const columns: LineColumn<SalesLineDraft>[] = [
    { key: 'item', title: t('supply.line.item'), width: '22%', render: (l, row, invalid) => (
      <ItemPicker id={cellId(row, 'item')} item={l} invalid={invalid} disabled={!editable} onPick={(item) => pick(row, item)} />
    ) },
    { key: 'unit', title: t('supply.line.unit'), width: 100, render: (l, row, invalid) => (
      <UnitSelect id={cellId(row, 'unit')} units={l.units} value={l.uom_id} invalid={invalid} disabled={!editable}
        onChange={(uom) => setLine(row, { uom_id: uom, ...(l.price_auto ? { price: '' } : {}) }, ['unit'])} />
    ) },
    { key: 'quantity', title: t('supply.line.quantity'), width: 100, align: 'right', render: (l, row, invalid) => decimalInput(l, row, 'quantity', invalid, t('supply.line.quantity')) },
    { key: 'atp', title: <Tooltip title={t('sales.order.atpHelp')}>{t('sales.order.atp')}</Tooltip>, width: 90, align: 'right', render: (l, row) => {
      const a = availability(l.item_id);
      const over = beyondAvailable(l, a?.available);
      return (
        <div className="verp-readonly-cell" data-testid={`so-${row}-atp`} style={{ color: over ? '#cf1322' : undefined, fontWeight: over ? 600 : undefined }}
          title={a ? t('sales.order.atpDetail', { on_hand: shownQuantity(a.on_hand), reserved: shownQuantity(a.reserved), incoming: shownQuantity(a.incoming) }) : undefined}>
          {a ? shownQuantity(a.available) : ''}
        </div>
      );
    } },
    { key: 'price', title: t('sales.order.price'), width: 150, align: 'right', render: (l, row, invalid) => decimalInput(l, row, 'price', invalid, t('sales.order.price')) },
    { key: 'discount', title: t('sales.order.discount'), width: 90, align: 'right', render: (l, row, invalid) => decimalInput(l, row, 'discount', invalid, t('sales.order.discount')) },
    { key: 'tax_rate', title: t('supply.line.rate'), width: 90, render: (l, row, invalid) => (
      <TaxRateSelect id={cellId(row, 'tax_rate')} value={l.tax_rate} disabled={!editable} invalid={invalid}
        label={`${t('supply.line.rate')} ${row + 1}`} onChange={(v) => setLine(row, { tax_rate: v })} />
    ) },
    ...(['amount', 'tax', 'total'] as const).map((key): LineColumn<SalesLineDraft> => ({
      key, title: t(`supply.line.${key}`), width: 110, align: 'right', render: (l, row) => {
        const f = salesLineFigures(l.quantity, l.price, l.discount, l.tax_rate);
        return <div className="verp-readonly-cell" data-testid={`so-${row}-${key}`}>{f ? money(centsToDecimal(f[key])) : ''}</div>;
      },
    })),
  ];

  const link = (field: 'customer_id' | 'warehouse_id', entity: string, width: number, initial?: string) => (
    <Field label={t(`sales.order.${field}`)} width={width} error={errors[field]} testId={`so-error-${field}`}>
      <LinkSelect id={`so-${field}`} linkTo={entity} value={header[field]} disabled={!editable}
        style={{ width: '100%' }} status={errors[field] ? 'error' : undefined} aria-label={t(`sales.order.${field}`)}
        initialLabels={initial && header[field] ? [{ id: header[field]!, title: initial }] : []}
        onChange={(v) => setField(field, typeof v === 'number' ? v : null)} />
    </Field>
  );
  const date = (field: 'order_date' | 'delivery_date') => (
    <Field label={t(`sales.order.${field}`)} width={150} error={errors[field]}>
      <DatePicker id={`so-${field}`} value={header[field] ? dayjs(header[field]) : null} allowClear={field === 'delivery_date'}
        disabled={!editable} status={errors[field] ? 'error' : undefined} aria-label={t(`sales.order.${field}`)}
        onChange={(d) => setField(field, d ? d.format('YYYY-MM-DD') : '')} />
    </Field>
  );
  const text = (field: 'customer_po' | 'notes', width: number) => (
    <Field label={t(`sales.order.${field}`)} width={width} error={errors[field]}>
      <Input id={`so-${field}`} value={header[field]} maxLength={field === 'notes' ? 1000 : 60} disabled={!editable}
        status={errors[field] ? 'error' : undefined} aria-label={t(`sales.order.${field}`)} onChange={(e) => setField(field, e.target.value)} />
    </Field>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="sales-edit-title">
          {order ? t('sales.order.editTitle', { code: order.code || `#${order.id}` }) : t('sales.order.newTitle')}
        </Typography.Title>
        <Link to={order ? `/sales/orders/${order.id}` : '/sales/orders'}>{t(order ? 'sales.order.back' : 'sales.order.toList')}</Link>
      </Space>
      {!editable && <Alert type="info" showIcon message={t('sales.order.notEditable')} />}
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="sales-errors" />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" style={{ height: '100%' }}>
            <Space wrap size="middle" align="start">
              {link('customer_id', 'customer', 280, order?.customer)}
              {link('warehouse_id', 'warehouse', 200, order?.warehouse)}
              {date('order_date')}
              {date('delivery_date')}
              {!order && (
                <Field label={t('sales.quotation.valid_until')} width={150} error={errors.valid_until}>
                  <DatePicker id="so-valid_until" value={dayjs(validUntil)} allowClear={false}
                    status={errors.valid_until ? 'error' : undefined} aria-label={t('sales.quotation.valid_until')}
                    onChange={(d) => d && setValidUntil(d.format('YYYY-MM-DD'))} />
                </Field>
              )}
              {text('customer_po', 180)}
              {text('notes', 400)}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <CreditPanel loading={credit.loading && header.customer_id !== null} error={credit.error} figures={creditFigures} />
        </Col>
      </Row>
      {editable && <ScanInput onScan={onScan} placeholder={t('sales.order.scan')} style={{ maxWidth: 520 }} />}
      <LineGrid testId="sales-lines" lines={lines} columns={columns} rowKey={(l) => l.key} errors={errors} flash={flash} minWidth={1240}
        onRemove={editable ? (row) => update((old) => (old.length > 1 ? old.filter((_, i) => i !== row) : [blankSalesLine()])) : undefined}
        footer={<TotalsRow span={7} totals={totals} testIdPrefix="sales" removable={editable} money={money} />} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('sales.order.priceHelp')}</Typography.Text>
      <Space wrap>
        {editable && <Button icon={<PlusOutlined />} onClick={() => update((old) => [...old, blankSalesLine()])}>{t('supply.line.addLine')}</Button>}
        {editable && <Button type="primary" loading={saving} onClick={() => void save()} data-testid="sales-save">{t('sales.order.save')}</Button>}
        {!order && may('quotation', 'create') && (
          <Button loading={saving} onClick={() => void saveQuotation()} data-testid="sales-save-quotation">{t('sales.quotation.saveAs')}</Button>
        )}
      </Space>
    </Space>
  );
}

function CreditPanel({ loading, error, figures }: { loading: boolean; error: unknown; figures: ReturnType<typeof creditView> | null }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('sales.credit.title')} loading={loading} data-testid="credit-panel" style={{ height: '100%' }}
      extra={figures?.blocked ? <Tag color="red" data-testid="credit-warning">{t('sales.credit.needsApproval')}</Tag> : figures ? <Tag color="green">{t('sales.credit.ok')}</Tag> : null}>
      {error != null && <Alert type="warning" showIcon message={problemText(error)} />}
      {!figures && error == null && <Typography.Text type="secondary">{t('sales.credit.pickCustomer')}</Typography.Text>}
      {figures && (
        <Descriptions size="small" column={1} items={[
          { key: 'limit', label: t('sales.credit.limit'), children: figures.limit === '0.00' ? t('sales.credit.noLimit') : money(figures.limit) },
          { key: 'exposure', label: t('sales.credit.exposure'), children: <span data-testid="credit-exposure">{money(figures.exposure)}</span> },
          { key: 'available', label: t('sales.credit.available'), children: (
            <span data-testid="credit-available" style={{ color: figures.overLimit ? '#cf1322' : undefined }}>{figures.available ? money(figures.available) : '—'}</span>
          ) },
          { key: 'overdue', label: t('sales.credit.overdue'), children: (
            <span style={{ color: figures.overdueInvoices ? '#cf1322' : undefined }}>
              {money(figures.overdue)}{figures.overdueInvoices ? ` (${t('sales.credit.invoices', { n: figures.overdueInvoices })})` : ''}
            </span>
          ) },
        ]} />
      )}
    </Card>
  );
}
