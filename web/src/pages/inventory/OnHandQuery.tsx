// 库存查询: stock on hand (GET /api/v1/stock) by warehouse, category, item search, as of a day,
// grouped by warehouse, item, location or lot; pages of 100 with the totals of every row; the
// same query as CSV, Excel or PDF.
import { Alert, Card, DatePicker, Input, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { StockRow, StockReport } from '../../api/inventory';
import { useSession } from '../../auth/session';
import { LinkSelect } from '../../components/LinkSelect';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { DownloadButton, money, problemText } from '../finance/common';

const GROUPS = ['warehouse', 'item', 'location', 'lot'] as const;
const PAGE = 100;

export function OnHandQuery() {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const [warehouse, setWarehouse] = useState<number | null>(null);
  const [category, setCategory] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const [asOf, setAsOf] = useState('');
  const [group, setGroup] = useState<(typeof GROUPS)[number]>('warehouse');
  const [page, setPage] = useState(1);
  const query = useMemo(() => ({
    warehouse_id: warehouse ? String(warehouse) : undefined, category_id: category ? String(category) : undefined,
    q: q || undefined, as_of: asOf || undefined, group,
  }), [warehouse, category, q, asOf, group]);
  const report = useAsync(() => api.get<StockReport>('/api/v1/stock', { ...query, limit: String(PAGE), offset: String((page - 1) * PAGE) }),
    [query, page, generation, i18n.language]);
  const filter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const totals = report.data?.totals;
  const columns = [
    { title: t('supply.dash.item'), key: 'item', render: (_: unknown, r: StockRow) => `${r.item_code} ${r.item_name}` },
    ...(group !== 'item' ? [{ title: t('supply.dash.warehouse'), dataIndex: 'warehouse', width: 140 }] : []),
    ...(group === 'location' ? [{ title: t('supply.dash.location'), dataIndex: 'location', width: 120 }] : []),
    ...(group === 'lot' ? [
      { title: t('supply.dash.lot'), dataIndex: 'lot_number', width: 120 },
      { title: t('supply.dash.expiresOn'), dataIndex: 'expires_on', width: 110, render: (d: string | null) => (d ? formatDate(d, i18n.language) : '') },
    ] : []),
    { title: t('supply.dash.onHand'), dataIndex: 'on_hand', width: 110, align: 'right' as const, render: (v: string, r: StockRow) => `${v} ${r.unit}` },
    { title: t('supply.dash.reserved'), dataIndex: 'reserved', width: 100, align: 'right' as const },
    { title: t('supply.dash.available'), dataIndex: 'available', width: 100, align: 'right' as const },
    { title: t('supply.dash.value'), dataIndex: 'value', width: 130, align: 'right' as const, render: (v: string) => money(v) },
  ];
  return (
    <Card size="small" title={t('supply.dash.query')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <LinkSelect linkTo="warehouse" value={warehouse} onChange={(v) => filter(setWarehouse)((v as number) ?? null)}
          aria-label={t('supply.dash.warehouse')} placeholder={t('supply.dash.warehouse')} style={{ width: 180 }} id="onhand-warehouse" />
        <LinkSelect linkTo="item_category" value={category} onChange={(v) => filter(setCategory)((v as number) ?? null)}
          aria-label={t('supply.dash.category')} placeholder={t('supply.dash.category')} style={{ width: 180 }} id="onhand-category" />
        <Input.Search allowClear placeholder={t('supply.dash.search')} style={{ width: 200 }} onSearch={filter(setQ)} data-testid="onhand-q" />
        <DatePicker placeholder={t('supply.dash.asOf')} aria-label={t('supply.dash.asOf')} value={asOf ? dayjs(asOf) : null}
          onChange={(d) => filter(setAsOf)(d ? d.format('YYYY-MM-DD') : '')} />
        <Select value={group} style={{ width: 120 }} aria-label={t('supply.dash.group')} onChange={filter(setGroup)}
          options={GROUPS.map((g) => ({ value: g, label: t(`supply.dash.groups.${g}`) }))} />
        {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
          <DownloadButton key={format} path="/api/v1/stock" query={query} format={format} testId={`onhand-${format}`} />
        ))}
      </Space>
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      <Table<StockRow> rowKey={(r) => `${r.item_id}-${r.warehouse_id ?? ''}-${r.location ?? ''}-${r.lot_number ?? ''}`} size="small"
        loading={report.loading} dataSource={report.data?.rows ?? []} columns={columns} data-testid="onhand-table" scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: PAGE, total: totals?.rows ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        summary={() => totals ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={columns.length - 4}><b>{t('supply.dash.totals')}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><b>{totals.on_hand}</b></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{totals.reserved ?? ''}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{totals.available ?? ''}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><b>{money(totals.value)}</b></Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null} />
    </Card>
  );
}
