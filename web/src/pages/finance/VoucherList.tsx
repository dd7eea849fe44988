// Vouchers of a period, newest first: filters period, state and word; several drafts reviewed or
// several reviewed vouchers posted at once — one request per voucher, with a progress bar and
// each failure named.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Modal, Progress, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { VOUCHER_STATES, WORDS, type VoucherHead } from '../../api/finance';
import type { Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { money, problemText, StateTag } from './common';

interface Batch {
  verb: 'review' | 'post';
  total: number;
  done: number;
  failures: { label: string; message: string }[];
  finished: boolean;
}

export default function VoucherList() {
  const { t } = useTranslation();
  const { may, generation } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? '';
  const state = params.get('state') ?? '';
  const word = params.get('word') ?? '';
  const [items, setItems] = useState<VoucherHead[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [tick, setTick] = useState(0);

  const load = async (more: string | null) => {
    setLoading(true);
    try {
      const page = await api.get<Page<VoucherHead>>('/api/v1/vouchers', { period, state, word, limit: 50, cursor: more ?? undefined });
      setItems((old) => (more ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor ?? null);
      setError(null);
    } catch (e) {
      setError(e);
      if (!more) setItems([]);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setSelected([]);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [period, state, word, generation, tick]);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const chosen = useMemo(() => items.filter((v) => selected.includes(v.id)), [items, selected]);
  const drafts = chosen.filter((v) => v.state === 'draft');
  const reviewed = chosen.filter((v) => v.state === 'reviewed');

  const run = async (verb: 'review' | 'post', vouchers: VoucherHead[]) => {
    const progress: Batch = { verb, total: vouchers.length, done: 0, failures: [], finished: false };
    setBatch({ ...progress });
    // Oldest first, so that numbers are posted in order.
    for (const v of [...vouchers].sort((a, b) => a.id - b.id)) {
      try {
        await api.post(`/api/v1/vouchers/${v.id}/${verb}`, {});
      } catch (e) {
        progress.failures.push({ label: v.label, message: problemText(e) });
      }
      progress.done += 1;
      setBatch({ ...progress, failures: [...progress.failures] });
    }
    progress.finished = true;
    setBatch({ ...progress, failures: [...progress.failures] });
    if (!progress.failures.length) message.success(t('finance.list.allDone', { count: progress.total }));
    setTick((n) => n + 1);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.list.title')}</Typography.Title>
        {may('voucher', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/finance/vouchers/new')} data-testid="new-voucher">
            {t('finance.menu.newVoucher')}
          </Button>
        )}
      </Space>
      <Space wrap>
        <DatePicker picker="month" placeholder={t('finance.period')} aria-label={t('finance.period')} data-testid="filter-period"
          value={period ? dayjs(`${period}-01`) : null} onChange={(d) => setFilter('period', d ? d.format('YYYY-MM') : '')} />
        <Select allowClear placeholder={t('finance.list.state')} aria-label={t('finance.list.state')} style={{ width: 140 }}
          value={state || undefined} onChange={(v?: string) => setFilter('state', v ?? '')} data-testid="filter-state"
          options={VOUCHER_STATES.map((s) => ({ value: s, label: t(`finance.states.${s}`) }))} />
        <Select allowClear placeholder={t('finance.list.word')} aria-label={t('finance.list.word')} style={{ width: 160 }}
          value={word || undefined} onChange={(v?: string) => setFilter('word', v ?? '')}
          options={WORDS.map((w) => ({ value: w, label: `${t(`finance.words.${w}`)} · ${t(`finance.wordNames.${w}`)}` }))} />
        {may('voucher', 'review') && (
          <Button disabled={!drafts.length} onClick={() => void run('review', drafts)} data-testid="review-selected">
            {t('finance.list.reviewSelected', { count: drafts.length })}
          </Button>
        )}
        {may('voucher', 'post') && (
          <Button disabled={!reviewed.length} onClick={() => void run('post', reviewed)} data-testid="post-selected">
            {t('finance.list.postSelected', { count: reviewed.length })}
          </Button>
        )}
      </Space>
      {error != null && <Alert type="error" showIcon message={problemText(error)} />}
      <Table<VoucherHead>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (v) => ({ disabled: v.state !== 'draft' && v.state !== 'reviewed' }) }}
        columns={[
          { title: t('finance.list.label'), dataIndex: 'label', width: 110,
            render: (label: string, v) => <Link to={`/finance/vouchers/${v.id}`}>{label}</Link> },
          { title: t('finance.list.date'), dataIndex: 'date', width: 110 },
          { title: t('finance.list.summary'), dataIndex: 'summary', ellipsis: true },
          { title: t('finance.list.debitTotal'), dataIndex: 'debit_total', align: 'right', width: 140,
            render: (v: string) => <span className={v.startsWith('-') ? 'verp-negative' : ''}>{money(v)}</span> },
          { title: t('finance.list.state'), dataIndex: 'state', width: 90, render: (s: string) => <StateTag state={s} /> },
          { title: t('finance.list.preparer'), dataIndex: ['preparer', 'name'], width: 110 },
          { title: t('finance.list.reviewer'), dataIndex: ['reviewer', 'name'], width: 110 },
        ]}
      />
      {cursor && <Button onClick={() => void load(cursor)} loading={loading}>{t('finance.list.more')}</Button>}
      <Modal open={batch !== null} closable={!!batch?.finished} maskClosable={false} onCancel={() => setBatch(null)}
        title={batch ? t(batch.verb === 'review' ? 'finance.voucher.review' : 'finance.voucher.post') : ''}
        footer={batch?.finished ? <Button onClick={() => setBatch(null)}>{t('finance.list.close')}</Button> : null}>
        {batch && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="batch-progress">
            <Progress percent={Math.round((batch.done / Math.max(1, batch.total)) * 100)}
              status={batch.finished ? (batch.failures.length ? 'exception' : 'success') : 'active'} />
            <Typography.Text>
              {batch.finished
                ? batch.failures.length
                  ? t('finance.list.someFailed', { ok: batch.total - batch.failures.length, failed: batch.failures.length })
                  : t('finance.list.allDone', { count: batch.total })
                : t('finance.list.progress', { done: batch.done, total: batch.total })}
            </Typography.Text>
            {batch.failures.length > 0 && (
              <Alert type="error" message={t('finance.list.failures')} description={
                <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="batch-failures">
                  {batch.failures.map((f) => <li key={f.label}><b>{f.label}</b>：{f.message}</li>)}
                </ul>
              } />
            )}
          </Space>
        )}
      </Modal>
    </Space>
  );
}
