// 成员公司调拨 (/inventory/intercompany, stock:create): goods sent to another member company the
// user also belongs to. The destinations (GET /api/v1/intercompany-transfers/destinations) give
// the companies and their warehouses; POST /api/v1/intercompany-transfers takes the goods out of
// this company's warehouse at their moving average and puts them in transit in the other's
// books, where its warehouse confirms their arrival on the document's page. The server's refusals
// land on the field or line they name.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { ItemPicker } from '../../components/ItemCells';
import { LinkSelect } from '../../components/LinkSelect';
import {
  blankIntercompanyLine, destinationWarehouses, intercompanyBody, type Destination, type IntercompanyDraft,
  type IntercompanyLineDraft,
} from '../../lib/intercompany';
import { linesProblem, type FieldErrors } from '../../lib/lineErrors';
import { useAsync } from '../../lib/useAsync';
import { problemText } from '../finance/common';

const HEADER = ['to_company_id', 'from_warehouse_id', 'to_warehouse_id', 'date', 'note'];

export default function IntercompanyTransfer() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const destinations = useAsync(() => api.get<{ items: Destination[] }>('/api/v1/intercompany-transfers/destinations'), []);
  const [draft, setDraft] = useState<IntercompanyDraft>({
    to_company_id: null, from_warehouse_id: null, to_warehouse_id: null, date: dayjs().format('YYYY-MM-DD'), note: '',
    lines: [blankIntercompanyLine(), blankIntercompanyLine()],
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const companies = destinations.data?.items ?? [];
  const warehouses = destinationWarehouses(companies, draft.to_company_id);
  const chosen = companies.find((c) => c.company_id === draft.to_company_id);

  const set = <K extends keyof IntercompanyDraft>(key: K, value: IntercompanyDraft[K]) => setDraft((old) => ({ ...old, [key]: value }));
  const setLine = (row: number, change: Partial<IntercompanyLineDraft>) =>
    setDraft((old) => ({ ...old, lines: old.lines.map((l, i) => (i === row ? { ...l, ...change } : l)) }));
  const shown = (path: string) => (errors[path] ? { validateStatus: 'error' as const, help: errors[path].join('；') } : {});
  const cell = (path: string) => (errors[path] ? <Typography.Text type="danger" className="verp-cell-error">{errors[path].join('；')}</Typography.Text> : null);

  const send = async () => {
    const { body, rows } = intercompanyBody(draft);
    setBusy(true);
    setErrors({});
    setGeneral([]);
    try {
      const sent = await api.post<{ id: number; number: string; received: { number: string } }>('/api/v1/intercompany-transfers', body);
      message.success(t('supply.intercompany.sent', { number: sent.number, received: sent.received.number }));
      navigate(`/inventory/documents/${sent.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) {
        const problem = linesProblem(error.problem, rows, HEADER, { item: 'item_id' });
        setErrors(problem.fields);
        setGeneral(problem.rest);
      } else {
        setGeneral([problemText(error)]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.intercompany.title')}</Typography.Title>
      <Alert type="info" showIcon message={t('supply.intercompany.help')} />
      {destinations.error != null && <Alert type="error" showIcon message={problemText(destinations.error)} />}
      {destinations.data && companies.length === 0 && <Alert type="warning" showIcon message={t('supply.intercompany.none')} data-testid="ic-none" />}
      {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="ic-errors" />}
      <Card size="small">
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          <Form.Item label={t('supply.intercompany.toCompany')} required {...shown('to_company_id')} data-testid="ic-to-company">
            <Select id="ic-to-company" value={draft.to_company_id ?? undefined} placeholder={t('supply.intercompany.pickCompany')}
              options={companies.map((c) => ({ value: c.company_id, label: `${c.code} ${c.name}` }))}
              onChange={(v: number) => setDraft((old) => ({ ...old, to_company_id: v, to_warehouse_id: null }))} />
          </Form.Item>
          {chosen && !chosen.has_transit_warehouse && <Alert type="warning" showIcon message={t('supply.intercompany.noTransit')} />}
          <Form.Item label={t('supply.intercompany.fromWarehouse')} required {...shown('from_warehouse_id')} data-testid="ic-from">
            <LinkSelect id="ic-from" linkTo="warehouse" value={draft.from_warehouse_id}
              onChange={(v) => set('from_warehouse_id', typeof v === 'number' ? v : null)} />
          </Form.Item>
          <Form.Item label={t('supply.intercompany.toWarehouse')} required {...shown('to_warehouse_id')} data-testid="ic-to-warehouse">
            <Select id="ic-to-warehouse" value={draft.to_warehouse_id ?? undefined} disabled={warehouses.length === 0}
              options={warehouses.map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
              onChange={(v: number) => set('to_warehouse_id', v)} />
          </Form.Item>
          <Space wrap>
            <Form.Item label={t('supply.stock.date')} required {...shown('date')}>
              <DatePicker allowClear={false} value={dayjs(draft.date)} onChange={(v) => v && set('date', v.format('YYYY-MM-DD'))} />
            </Form.Item>
            <Form.Item label={t('supply.stock.note')} {...shown('note')}>
              <Input value={draft.note} onChange={(e) => set('note', e.target.value)} style={{ width: 360 }} />
            </Form.Item>
          </Space>
        </Form>
      </Card>
      <Card size="small" title={t('supply.intercompany.lines')}>
        <Table<IntercompanyLineDraft> rowKey={(_, i) => String(i)} size="small" pagination={false} dataSource={draft.lines}
          data-testid="ic-lines"
          columns={[
            { title: '#', key: 'row', width: 48, render: (_, __, i) => i + 1 },
            { title: t('supply.line.item'), key: 'item', render: (_, line, i) => (
              <>
                <ItemPicker id={`ic-item-${i}`} item={{ item_id: line.item_id, item_code: line.item_code, item_name: line.item_name }}
                  invalid={!!errors[`lines[${i}].item_id`]}
                  onPick={(item) => setLine(i, item ? { item_id: item.id, item_code: item.code, item_name: item.name }
                    : { item_id: null, item_code: '', item_name: '' })} />
                {cell(`lines[${i}].item_id`)}{cell(`lines[${i}]`)}
              </>) },
            { title: t('supply.intercompany.quantity'), key: 'quantity', width: 160, render: (_, line, i) => (
              <>
                <Input id={`ic-quantity-${i}`} value={line.quantity} inputMode="decimal" status={errors[`lines[${i}].quantity`] ? 'error' : undefined}
                  onChange={(e) => setLine(i, { quantity: e.target.value })} />
                {cell(`lines[${i}].quantity`)}
              </>) },
            { title: t('supply.stock.lot_number'), key: 'lot', width: 160, render: (_, line, i) => (
              <>
                <Input value={line.lot_number} onChange={(e) => setLine(i, { lot_number: e.target.value })} />
                {cell(`lines[${i}].lot_number`)}
              </>) },
            { key: 'remove', width: 48, render: (_, __, i) => (
              <Button type="text" icon={<DeleteOutlined />} aria-label={t('supply.intercompany.remove')}
                onClick={() => setDraft((old) => ({ ...old, lines: old.lines.filter((_, j) => j !== i) }))} />) },
          ]} />
        <Space style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => set('lines', [...draft.lines, blankIntercompanyLine()])}>{t('supply.intercompany.addLine')}</Button>
          <Button type="primary" loading={busy} onClick={send} data-testid="ic-send">{t('supply.intercompany.send')}</Button>
        </Space>
      </Card>
    </Space>
  );
}
