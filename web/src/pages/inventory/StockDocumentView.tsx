// 库存单据 as posted: its header (kind, number, date, warehouses, reason, note, value) with the
// link to its voucher when the company books stock perpetually, and its moves in the stock
// ledger (item, warehouse, lot, quantity signed as it moved, value). Posted documents never
// change; a wrong one is corrected by another. Goods in transit (a transfer, or goods sent by
// another member company) are confirmed here when they arrive (POST …/{id}/arrive).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { StockDocument, StockMove } from '../../api/purchasing';
import { useSession } from '../../auth/session';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { money, problemText, VoucherLink } from '../finance/common';
import { quantity } from '../purchasing/common';

const signed = (v: string, text: string) => <span className={v.startsWith('-') ? 'verp-negative' : ''}>{text}</span>;

export default function StockDocumentView() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { may, generation } = useSession();
  const navigate = useNavigate();
  const shown = useAsync(() => api.get<StockDocument>(`/api/v1/stock-documents/${id}`), [id, generation]);
  const [arrivedOn, setArrivedOn] = useState(dayjs().format('YYYY-MM-DD'));
  const [arriving, setArriving] = useState(false);
  const arrive = async () => {
    setArriving(true);
    try {
      await api.post(`/api/v1/stock-documents/${id}/arrive`, { date: arrivedOn });
      message.success(t('supply.stock.arrivedDone'));
      shown.reload();
    } catch (error) {
      message.error(problemText(error));
    } finally {
      setArriving(false);
    }
  };
  if (shown.error) return <Alert type="error" showIcon message={problemText(shown.error)} />;
  const d = shown.data;
  if (!d) return <Card loading />;
  const to = d.to_warehouse_id ? d.moves.find((m) => m.warehouse_id === d.to_warehouse_id)?.warehouse ?? `#${d.to_warehouse_id}` : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="stock-title">
          {t(`supply.stock.kinds.${d.kind}`, { defaultValue: d.kind })} {d.number}
        </Typography.Title>
        <Space>
          {d.state === 'in_transit' && may('stock', 'create') && (
            <Space data-testid="stock-arrive">
              <DatePicker allowClear={false} value={dayjs(arrivedOn)} onChange={(v) => v && setArrivedOn(v.format('YYYY-MM-DD'))} />
              <Button type="primary" loading={arriving} onClick={arrive}>{t('supply.stock.arrive')}</Button>
            </Space>
          )}
          <Link to="/inventory/documents">{t('supply.stock.toList')}</Link>
          {may('stock', 'create') && <Button icon={<PlusOutlined />} onClick={() => navigate(`/inventory/documents/new?kind=${d.kind}`)}>{t('supply.stock.new')}</Button>}
        </Space>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="stock-header" items={[
        { key: 'kind', label: t('supply.stock.kind'), children: t(`supply.stock.kinds.${d.kind}`, { defaultValue: d.kind }) },
        { key: 'date', label: t('supply.stock.date'), children: formatDate(d.date, i18n.language) },
        ...(d.state !== 'posted' ? [{ key: 'state', label: t('supply.stock.state'), children: (
          <Tag color={d.state === 'in_transit' ? 'orange' : 'green'} data-testid="stock-state">
            {t(`supply.stock.states.${d.state}`, { defaultValue: d.state })}
            {d.arrived_on ? ` ${formatDate(d.arrived_on, i18n.language)}` : ''}
          </Tag>) }] : []),
        { key: 'warehouse', label: t(to ? 'supply.stock.fromWarehouse' : 'supply.stock.warehouse'), children: d.warehouse },
        ...(to ? [{ key: 'to', label: t('supply.stock.toWarehouse'), children: to }] : []),
        { key: 'reason', label: t('supply.stock.reason'), children: d.reason ? t(`supply.stock.reasons.${d.reason}`, { defaultValue: d.reason }) : '' },
        { key: 'value', label: t('supply.stock.value'), children: <span data-testid="stock-value">{signed(d.value, money(d.value))}</span> },
        { key: 'voucher', label: t('supply.stock.voucher'), children: d.voucher_id
          ? <VoucherLink id={d.voucher_id} testId="stock-voucher" />
          : <Typography.Text type="secondary">{t('supply.stock.noVoucher')}</Typography.Text> },
        { key: 'note', label: t('supply.stock.note'), children: d.note ?? '' },
      ]} />
      <Card size="small" title={t('supply.stock.movesTitle')}>
        <Table<StockMove> rowKey="id" size="small" pagination={false} dataSource={d.moves} data-testid="stock-moves"
          columns={[
            { title: '#', dataIndex: 'line_no', width: 48 },
            { title: t('supply.line.item'), key: 'item', render: (_, m) => `${m.item_code} ${m.item_name}` },
            { title: t('supply.stock.warehouse'), dataIndex: 'warehouse', width: 160 },
            { title: t('supply.stock.lot_number'), dataIndex: 'lot_number', width: 140, render: (v: string | null) => v ?? '' },
            { title: t('supply.line.quantity'), dataIndex: 'quantity', width: 110, align: 'right', render: (v: string) => signed(v, quantity(v)) },
            { title: t('supply.line.unit'), dataIndex: 'unit', width: 70 },
            { title: t('supply.stock.value'), dataIndex: 'value', width: 130, align: 'right', render: (v: string) => signed(v, money(v)) },
          ]} />
      </Card>
    </Space>
  );
}
