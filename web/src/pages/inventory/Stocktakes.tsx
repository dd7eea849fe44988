// 库存盘点: stocktakes newest first (GET /api/v1/stocktakes?state=), with their counting progress;
// a new one (warehouse, optional category, blind, include_zero, date, note) in a drawer, opened
// for counting once created; the server's errors at their field.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Stocktake, StocktakeHead } from '../../api/inventory';
import { ApiError, problemToForm } from '../../api/problem';
import { useSession } from '../../auth/session';
import { LinkSelect } from '../../components/LinkSelect';
import { formatDate } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { problemText } from '../finance/common';

const STATES = ['counting', 'counted', 'posted', 'cancelled'] as const;
export const STOCKTAKE_COLOR: Record<string, string> = { counting: 'processing', counted: 'warning', posted: 'success', cancelled: 'default' };

export function StocktakeStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={STOCKTAKE_COLOR[state]} data-testid="stocktake-state">{t(`supply.take.states.${state}`, { defaultValue: state })}</Tag>;
}

interface NewValues {
  warehouse_id?: number;
  category_id?: number | null;
  blind?: boolean;
  include_zero?: boolean;
  date: Dayjs;
  note?: string;
}

const FIELDS = ['warehouse_id', 'category_id', 'blind', 'include_zero', 'date', 'note'];

function NewStocktake({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<NewValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: NewValues) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Stocktake>('/api/v1/stocktakes', {
        warehouse_id: v.warehouse_id, ...(v.category_id ? { category_id: v.category_id } : {}), blind: !!v.blind,
        include_zero: !!v.include_zero, date: v.date.format('YYYY-MM-DD'), ...(v.note ? { note: v.note } : {}),
      });
      message.success(t('supply.take.created', { number: created.number }));
      navigate(`/inventory/stocktakes/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        const mapped = problemToForm(e.problem, FIELDS);
        form.setFields(mapped.fields.map((f) => ({ name: f.name as never, errors: f.errors })));
        if (mapped.general.length > 0) setError(mapped.general.join('；'));
      } else setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={open} onClose={onClose} title={t('supply.take.new')} width={440} destroyOnHidden
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="stocktake-create">{t('supply.take.create')}</Button>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ date: dayjs(), blind: false, include_zero: false }}>
        <Form.Item name="warehouse_id" label={t('supply.take.warehouse')} rules={[{ required: true }]}>
          <LinkSelect linkTo="warehouse" id="stocktake-warehouse" />
        </Form.Item>
        <Form.Item name="category_id" label={t('supply.take.category')}>
          <LinkSelect linkTo="item_category" id="stocktake-category" />
        </Form.Item>
        <Form.Item name="date" label={t('supply.take.date')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="blind" valuePropName="checked"><Checkbox>{t('supply.take.blind')}</Checkbox></Form.Item>
        <Form.Item name="include_zero" valuePropName="checked"><Checkbox>{t('supply.take.include_zero')}</Checkbox></Form.Item>
        <Form.Item name="note" label={t('supply.take.note')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Drawer>
  );
}

export default function Stocktakes() {
  const { t, i18n } = useTranslation();
  const { may, generation } = useSession();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const [creating, setCreating] = useState(false);
  const list = useAsync(() => api.get<{ items: StocktakeHead[] }>('/api/v1/stocktakes', { state: state || undefined }), [state, generation]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.take.title')}</Typography.Title>
        {may('stocktake', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="stocktake-new">{t('supply.take.new')}</Button>
        )}
      </Space>
      <Radio.Group value={state} optionType="button" onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {}, { replace: true })}
        options={[{ value: '', label: t('supply.take.all') }, ...STATES.map((s) => ({ value: s, label: t(`supply.take.states.${s}`) }))]} />
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<StocktakeHead> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} data-testid="stocktake-list"
        pagination={{ pageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: t('supply.take.none') }}
        columns={[
          { title: t('supply.take.number'), dataIndex: 'number', width: 170,
            render: (n: string, s) => <Link to={`/inventory/stocktakes/${s.id}`} data-testid={`stocktake-open-${s.id}`}>{n}</Link> },
          { title: t('supply.take.date'), dataIndex: 'date', width: 120, render: (d: string) => formatDate(d, i18n.language) },
          { title: t('supply.take.warehouse'), dataIndex: 'warehouse' },
          { title: t('supply.take.state'), dataIndex: 'state', width: 100, render: (s: string) => <StocktakeStateTag state={s} /> },
          { title: t('supply.take.blind'), dataIndex: 'blind', width: 90, render: (b: boolean) => (b ? '✓' : '') },
          { title: t('supply.take.progress'), key: 'progress', width: 200,
            render: (_, s) => <Progress size="small" percent={s.lines_total ? Math.floor((100 * s.lines_counted) / s.lines_total) : 0}
              format={() => `${s.lines_counted}/${s.lines_total}`} /> },
        ]} />
      <NewStocktake open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
