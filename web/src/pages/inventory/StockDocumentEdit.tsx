// 新建库存单据: an other receipt or issue, an adjustment (its reason picked: count gain or loss,
// damaged, expired…, quantities signed), a transfer to another warehouse or scrap, entered in a
// line grid that also takes scanned codes (a lot label brings its lot), and posted at once with
// POST /api/v1/stock-documents. A receipt line's value at the unit cost typed is previewed in
// whole cents; the server's errors land on their field or cell.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { itemOfScan, type ItemChoice } from '../../api/items';
import { STOCK_KINDS, STOCK_REASONS, type ScanAnswer, type StockDocument, type StockKind } from '../../api/purchasing';
import { ItemPicker, unitLabel, UnitSelect } from '../../components/ItemCells';
import { CellError, LineGrid, type LineColumn } from '../../components/LineGrid';
import { LinkSelect } from '../../components/LinkSelect';
import { ScanInput, type ScanOutcome } from '../../components/ScanInput';
import { useLines, useLinesForm } from '../../components/useLinesForm';
import { itemFields } from '../../lib/orderLines';
import { lotOfLabel, mergeScan } from '../../lib/scan';
import {
  blankStockLine, bringsGoodsIn, isBlankStockLine, needsReason, stockDocumentBody, stockLineValue, stockProblem,
  type StockHeaderDraft, type StockLineDraft,
} from '../../lib/stockDocuments';
import { centsToDecimal } from '../../lib/voucherGrid';
import { money } from '../finance/common';
import { useDecimalMessages } from '../purchasing/common';

export default function StockDocumentEdit() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const decimalMessages = useDecimalMessages();
  const asked = params.get('kind') as StockKind | null;
  const [header, setHeader] = useState<StockHeaderDraft>({
    kind: asked && STOCK_KINDS.includes(asked) ? asked : 'receipt', date: dayjs().format('YYYY-MM-DD'), warehouse_id: null,
    to_warehouse_id: null, reason: '', note: '',
  });
  const { errors, setErrors, general, busy: posting, submit, clear, clearRow, flash, flashRow } = useLinesForm(stockProblem);
  const { lines, current, replace, update, setLine } = useLines<StockLineDraft>(() => [blankStockLine(), blankStockLine(), blankStockLine()], clearRow);
  const kind = header.kind;
  const incoming = bringsGoodsIn(kind);

  const setField = <K extends keyof StockHeaderDraft>(key: K, value: StockHeaderDraft[K]) => {
    setHeader((old) => ({ ...old, [key]: value }));
    clear(key);
  };
  const withItem = (base: StockLineDraft, item: ItemChoice, uom?: number | null): StockLineDraft =>
    ({ ...base, ...itemFields(item, uom), lot_tracked: item.lot_tracked });
  const pick = (row: number, item: ItemChoice | null) =>
    setLine(row, item ? withItem(current.current[row], item) : { ...itemFields(null), lot_tracked: false }, ['item', 'unit']);

  const onScan = async (scan: ScanAnswer): Promise<ScanOutcome> => {
    const item = await itemOfScan(scan);
    const uom = scan.uom_id ?? (item.uom_id || null);
    const lot = scan.lot_id !== null ? lotOfLabel(scan.code) : '';
    // Each lot is a line of its own: a lot label counts only on the line of that lot.
    const { lines: next, row } = mergeScan(current.current, { item_id: item.id, uom_id: uom },
      (base) => ({ ...withItem(base ?? blankStockLine(), item, uom), quantity: '1', lot_number: lot }), isBlankStockLine,
      (l) => l.lot_number === lot);
    replace(next);
    clearRow(row, ['quantity', 'item']);
    flashRow(row);
    const chosen = item.units.find((u) => u.uom_id === uom);
    const unit = chosen ? unitLabel(chosen, t) : scan.unit;
    return { ok: true, message: t('supply.scan.addedToLine', { unit: `1 ${unit}`, item: `${item.code} ${item.name}`, n: row + 1 }) };
  };

  const post = async () => {
    const { body, rows, invalid } = stockDocumentBody(header, lines, decimalMessages);
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      return;
    }
    await submit(rows, async () => {
      const made = await api.post<StockDocument>('/api/v1/stock-documents', body);
      message.success(t('supply.stock.posted', { number: made.number }));
      navigate(`/inventory/documents/${made.id}`, { replace: true });
    });
  };

  const text = (key: 'quantity' | 'lot_number' | 'unit_cost', numeric: boolean) => (l: StockLineDraft, row: number, invalid: boolean) => (
    <Input id={`sd-${row}-${key}`} value={l[key]} status={invalid ? 'error' : undefined} className={numeric ? 'verp-amount' : undefined}
      inputMode={numeric ? 'decimal' : undefined} aria-label={`${t(`supply.stock.${key}`)} ${row + 1}`}
      placeholder={key === 'lot_number' && l.lot_tracked ? t('supply.stock.lotRequired') : undefined}
      onChange={(e) => setLine(row, { [key]: e.target.value })} />
  );
  const day = (key: 'produced_on' | 'expires_on') => (l: StockLineDraft, row: number, invalid: boolean) => (
    <DatePicker id={`sd-${row}-${key}`} value={l[key] ? dayjs(l[key]) : null} status={invalid ? 'error' : undefined}
      aria-label={`${t(`supply.stock.${key}`)} ${row + 1}`} onChange={(d) => setLine(row, { [key]: d ? d.format('YYYY-MM-DD') : '' })} />
  );
  const columns: LineColumn<StockLineDraft>[] = [
    { key: 'item', title: t('supply.line.item'), width: '26%', render: (l, row, invalid) => (
      <ItemPicker id={`sd-${row}-item`} item={l} invalid={invalid} onPick={(item) => pick(row, item)} />
    ) },
    { key: 'unit', title: t('supply.line.unit'), width: 110, render: (l, row, invalid) => (
      <UnitSelect id={`sd-${row}-unit`} units={l.units} value={l.uom_id} invalid={invalid} onChange={(uom) => setLine(row, { uom_id: uom }, ['unit'])} />
    ) },
    { key: 'quantity', title: kind === 'adjustment' ? t('supply.stock.signedQuantity') : t('supply.line.quantity'), width: 110, align: 'right',
      render: text('quantity', true) },
    { key: 'lot_number', title: t('supply.stock.lot_number'), width: '14%', render: text('lot_number', false) },
    ...(incoming ? [
      { key: 'produced_on', title: t('supply.stock.produced_on'), width: 140, render: day('produced_on') },
      { key: 'expires_on', title: t('supply.stock.expires_on'), width: 140, render: day('expires_on') },
    ] : []),
    ...(kind === 'receipt' ? [
      { key: 'unit_cost', title: t('supply.stock.unit_cost'), width: 120, align: 'right' as const, render: text('unit_cost', true) },
      { key: 'value', title: t('supply.stock.lineValue'), width: 120, align: 'right' as const, render: (l: StockLineDraft, row: number) => {
        const value = stockLineValue(l);
        return <div className="verp-readonly-cell" data-testid={`sd-${row}-value`}>{value === null ? '' : money(centsToDecimal(value))}</div>;
      } },
    ] : []),
  ];

  const label = (key: string) => <div className="verp-dim-label">{t(`supply.stock.${key}`)}</div>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.stock.newTitle')}</Typography.Title>
        <Link to="/inventory/documents">{t('supply.stock.toList')}</Link>
      </Space>
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="stock-errors" />}
      <Card size="small">
        <Radio.Group value={kind} optionType="button" buttonStyle="solid" data-testid="stock-kind"
          onChange={(e) => setField('kind', e.target.value)} options={STOCK_KINDS.map((k) => ({ value: k, label: t(`supply.stock.kinds.${k}`) }))} />
        <CellError messages={errors.kind} />
        <Space wrap size="middle" align="start" style={{ marginTop: 12 }}>
          <div style={{ width: 160 }}>
            {label('date')}
            <DatePicker id="sd-date" allowClear={false} value={dayjs(header.date)} status={errors.date ? 'error' : undefined}
              onChange={(d) => d && setField('date', d.format('YYYY-MM-DD'))} aria-label={t('supply.stock.date')} />
            <CellError messages={errors.date} />
          </div>
          {(['warehouse_id', ...(kind === 'transfer' ? ['to_warehouse_id'] as const : [])] as const).map((field) => (
            <div key={field} style={{ width: 240 }}>
              {label(field === 'warehouse_id' ? (kind === 'transfer' ? 'fromWarehouse' : 'warehouse') : 'toWarehouse')}
              <LinkSelect id={`sd-${field}`} linkTo="warehouse" value={header[field]} style={{ width: '100%' }}
                status={errors[field] ? 'error' : undefined} aria-label={t(`supply.stock.${field === 'warehouse_id' ? 'warehouse' : 'toWarehouse'}`)}
                onChange={(v) => setField(field, typeof v === 'number' ? v : null)} />
              <CellError messages={errors[field]} testId={`sd-error-${field}`} />
            </div>
          ))}
          {needsReason(kind) && (
            <div style={{ width: 200 }}>
              {label('reason')}
              <Select id="sd-reason" value={header.reason || undefined} style={{ width: '100%' }} status={errors.reason ? 'error' : undefined}
                aria-label={t('supply.stock.reason')} onChange={(v: string) => setField('reason', v)}
                options={STOCK_REASONS.map((r) => ({ value: r, label: t(`supply.stock.reasons.${r}`) }))} />
              <CellError messages={errors.reason} testId="sd-error-reason" />
            </div>
          )}
          <div style={{ width: 320 }}>
            {label('note')}
            <Input id="sd-note" value={header.note} maxLength={500} onChange={(e) => setField('note', e.target.value)} aria-label={t('supply.stock.note')} />
          </div>
        </Space>
      </Card>
      <ScanInput onScan={onScan} style={{ maxWidth: 520 }} />
      {kind === 'adjustment' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supply.stock.adjustmentHelp')}</Typography.Text>}
      <LineGrid testId="stock-lines" lines={lines} columns={columns} rowKey={(l) => l.key} errors={errors} flash={flash} minWidth={1000}
        onRemove={(row) => update((old) => (old.length > 1 ? old.filter((_, i) => i !== row) : [blankStockLine()]))} />
      <CellError messages={errors.lines} />
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => update((old) => [...old, blankStockLine()])}>{t('supply.line.addLine')}</Button>
        <Button type="primary" loading={posting} onClick={() => void post()} data-testid="stock-post">{t('supply.stock.post')}</Button>
      </Space>
    </Space>
  );
}
