// 库存单据: the warehouse's own documents, newest first (GET /api/v1/stock-documents, at most 500),
// by kind and date range; each opens with its moves. Entering one is /inventory/documents/new.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Radio, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { STOCK_KINDS, type StockDocumentHead } from '../../api/purchasing';
import { useSession } from '../../auth/session';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { money, problemText } from '../finance/common';

export default function StockDocuments() {
  const { t, i18n } = useTranslation();
  const { may, generation } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const list = useAsync(() => api.get<{ items: StockDocumentHead[] }>('/api/v1/stock-documents', { kind, from, to }), [kind, from, to, generation]);
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) (v ? next.set(k, v) : next.delete(k));
    setParams(next, { replace: true });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.stock.title')}</Typography.Title>
        {may('stock', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/inventory/documents/new${kind ? `?kind=${kind}` : ''}`)}
            data-testid="stock-new">{t('supply.stock.new')}</Button>
        )}
      </Space>
      <Space wrap>
        <Radio.Group value={kind} optionType="button" onChange={(e) => set({ kind: e.target.value })} data-testid="stock-filter-kind"
          options={[{ value: '', label: t('supply.stock.all') }, ...STOCK_KINDS.map((k) => ({ value: k, label: t(`supply.stock.kinds.${k}`) }))]} />
        <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('supply.stock.range')}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD') ?? '', to: range?.[1]?.format('YYYY-MM-DD') ?? '' })} />
      </Space>
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<StockDocumentHead> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="stock-list" locale={{ emptyText: t('supply.stock.none') }}
        columns={[
          { title: t('supply.stock.number'), dataIndex: 'number', width: 160,
            render: (n: string, d) => <Link to={`/inventory/documents/${d.id}`} data-testid={`stock-open-${d.id}`}>{n}</Link> },
          { title: t('supply.stock.kind'), dataIndex: 'kind', width: 100, render: (k: string) => t(`supply.stock.kinds.${k}`, { defaultValue: k }) },
          { title: t('supply.stock.date'), dataIndex: 'date', width: 120, render: (d: string) => formatDate(d, i18n.language) },
          { title: t('supply.stock.warehouse'), dataIndex: 'warehouse' },
          { title: t('supply.stock.reason'), dataIndex: 'reason', width: 120,
            render: (r: string | null) => (r ? t(`supply.stock.reasons.${r}`, { defaultValue: r }) : '') },
          { title: t('supply.stock.moves'), dataIndex: 'moves', width: 80, align: 'right' },
          { title: t('supply.stock.value'), dataIndex: 'value', width: 130, align: 'right',
            render: (v: string) => <span className={v.startsWith('-') ? 'verp-negative' : ''}>{money(v)}</span> },
          { title: t('supply.stock.voucher'), dataIndex: 'voucher_id', width: 90,
            render: (v: number | null) => (v ? (may('voucher', 'read') ? <Link to={`/finance/vouchers/${v}`}>#{v}</Link> : `#${v}`) : '') },
        ]} />
    </Space>
  );
}
