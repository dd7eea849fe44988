// One stocktake (/inventory/stocktakes/{id}): its lines with the count typed per line (saved
// together by PUT …/counts, each refusal under its line through counts[i]), a scan input that
// keeps the focus — each scanned code is one more of the scanned unit on its line (a box its
// contents), saved at once; the count sheet as PDF; finish counting, recount, cancel, post (with
// what to do with uncounted lines) and the variance report once book quantities may be seen.
import { Alert, App, Button, Card, DatePicker, Descriptions, Input, Modal, Popconfirm, Radio, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { CountEntry, Stocktake, StocktakeLine } from '../../api/inventory';
import { ApiError } from '../../api/problem';
import type { ScanAnswer } from '../../api/purchasing';
import { useSession } from '../../auth/session';
import { ScanInput, type ScanOutcome } from '../../components/ScanInput';
import { formatDate, formatDateTime } from '../../lib/format';
import { lotOfLabel } from '../../lib/scan';
import { countErrors, countsBody, scanCount, type CountDrafts } from '../../lib/stocktake';
import { useAsync } from '../../lib/useAsync';
import { DownloadButton, problemText } from '../finance/common';
import { StocktakeStateTag } from './Stocktakes';
import { StocktakeVariance } from './StocktakeVariance';

type Verb = 'close' | 'reopen' | 'cancel';

function PostModal({ take, onClose, onPosted }: { take: Stocktake; onClose: () => void; onPosted: (t: Stocktake) => void }) {
  const { t } = useTranslation();
  const uncounted = take.lines_total - take.lines_counted;
  const [how, setHow] = useState<'as_zero' | 'as_book'>('as_book');
  const [date, setDate] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const post = async () => {
    setBusy(true);
    setError(null);
    try {
      onPosted(await api.post<Stocktake>(`/api/v1/stocktakes/${take.id}/post`, {
        ...(uncounted > 0 ? { uncounted: how } : {}), ...(date ? { date: date.format('YYYY-MM-DD') } : {}),
      }));
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('supply.take.postTitle')} onCancel={onClose} onOk={() => void post()} confirmLoading={busy} okText={t('supply.take.post')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon message={error} data-testid="post-error" />}
        {uncounted > 0 && (
          <>
            <Typography.Text strong>{t('supply.take.uncounted', { n: uncounted })}</Typography.Text>
            <Radio.Group value={how} onChange={(e) => setHow(e.target.value)} data-testid="post-uncounted"
              options={[{ value: 'as_book', label: t('supply.take.asBook') }, { value: 'as_zero', label: t('supply.take.asZero') }]} />
          </>
        )}
        <DatePicker value={date} onChange={setDate} placeholder={t('supply.take.postDate')} style={{ width: '100%' }} />
      </Space>
    </Modal>
  );
}

export default function StocktakeCount() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { may } = useSession();
  const id = Number(useParams().id);
  const take = useAsync(() => api.get<Stocktake>(`/api/v1/stocktakes/${id}`), [id]);
  const [drafts, setDrafts] = useState<CountDrafts>({});
  const [lineErrors, setLineErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [posting, setPosting] = useState(false);
  const [showVariance, setShowVariance] = useState(false);
  const data = take.data;
  const lines = data?.lines ?? [];
  const counting = data?.state === 'counting';
  const mayCount = counting && may('stocktake', 'update');
  const mayDecide = may('stocktake', 'post');

  const put = async (body: { counts: CountEntry[]; rows: number[] }) => {
    try {
      await api.put(`/api/v1/stocktakes/${id}/counts`, { counts: body.counts });
      setLineErrors((old) => Object.fromEntries(Object.entries(old).filter(([k]) => !body.rows.includes(Number(k)))));
      return null;
    } catch (e) {
      if (e instanceof ApiError) setLineErrors(countErrors(e.problem.errors ?? [], body.rows));
      return e;
    }
  };

  const save = async () => {
    const body = countsBody(lines, drafts);
    if (body.counts.length === 0) return;
    setBusy(true);
    setError(null);
    const failed = await put(body);
    setBusy(false);
    if (failed) {
      setError(problemText(failed));
      return;
    }
    setDrafts({});
    message.success(t('supply.take.saved', { n: body.counts.length }));
    take.reload();
  };

  const onScan = async (scan: ScanAnswer): Promise<ScanOutcome> => {
    const entry = scanCount(lines, drafts, { item_id: scan.item_id, factor: scan.factor, lot_number: scan.lot_id ? lotOfLabel(scan.code) : '' });
    const row = 'line_id' in entry ? entry.line_id : -1;
    const failed = await put({ counts: [entry], rows: [row] });
    if (failed) return { ok: false, message: problemText(failed) };
    if ('line_id' in entry) {
      setDrafts(({ [entry.line_id]: _, ...rest }) => rest);
      take.setData((old) => old && {
        ...old,
        lines: old.lines.map((l) => (l.id === entry.line_id ? { ...l, counted: entry.counted } : l)),
        lines_counted: old.lines_counted + (old.lines.find((l) => l.id === entry.line_id)?.counted == null ? 1 : 0),
      });
      const line = lines.find((l) => l.id === entry.line_id);
      return { ok: true, message: t('supply.take.scanned', { item: scan.item_name, line: line?.line_no, counted: entry.counted }) };
    }
    take.reload();
    return { ok: true, message: t('supply.take.found', { item: scan.item_name }) };
  };

  const decide = async (verb: Verb) => {
    setError(null);
    try {
      take.setData(await api.post<Stocktake>(`/api/v1/stocktakes/${id}/${verb}`));
      take.reload();
    } catch (e) {
      setError(problemText(e));
    }
  };

  if (take.error != null) return <Alert type="error" showIcon message={problemText(take.error)} />;
  if (!data) return <Card loading />;
  const unsaved = countsBody(lines, drafts).counts.length;
  const columns = [
    { title: t('supply.take.line'), dataIndex: 'line_no', width: 60 },
    { title: t('supply.take.location'), dataIndex: 'location', width: 100 },
    { title: t('supply.take.item'), key: 'item', render: (_: unknown, l: StocktakeLine) => `${l.item_code} ${l.item_name}` },
    { title: t('supply.take.spec'), dataIndex: 'specification', width: 120 },
    { title: t('supply.take.lot'), dataIndex: 'lot_number', width: 110 },
    { title: t('supply.take.unit'), dataIndex: 'unit', width: 60 },
    ...(data.book_visible ? [{ title: t('supply.take.book'), dataIndex: 'book', width: 90, align: 'right' as const }] : []),
    { title: t('supply.take.counted'), key: 'counted', width: 140,
      render: (_: unknown, l: StocktakeLine) => mayCount ? (
        <div>
          <Input size="small" inputMode="decimal" value={drafts[l.id] ?? l.counted ?? ''} status={lineErrors[l.id] ? 'error' : undefined}
            aria-label={`${t('supply.take.counted')} ${l.line_no}`} data-testid={`count-${l.line_no}`} style={{ textAlign: 'right' }}
            onChange={(e) => setDrafts((d) => ({ ...d, [l.id]: e.target.value }))} onPressEnter={() => void save()} />
          {lineErrors[l.id] && <div className="verp-cell-error" role="alert">{lineErrors[l.id]}</div>}
        </div>
      ) : (l.counted ?? '') },
    { title: t('supply.take.countedBy'), key: 'by', width: 170,
      render: (_: unknown, l: StocktakeLine) => (l.counted_at ? `${l.counted_by_name ?? ''} ${formatDateTime(l.counted_at, i18n.language)}` : '') },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('supply.take.title')} {data.number} <StocktakeStateTag state={data.state} />
        </Typography.Title>
        <Space wrap>
          <Link to="/inventory/stocktakes">{t('supply.take.toList')}</Link>
          <DownloadButton path={`/api/v1/stocktakes/${id}/sheet`} query={{}} format="pdf" testId="stocktake-sheet" />
          {mayDecide && counting && <Button onClick={() => void decide('close')} data-testid="stocktake-close">{t('supply.take.close')}</Button>}
          {mayDecide && data.state === 'counted' && <Button onClick={() => void decide('reopen')} data-testid="stocktake-reopen">{t('supply.take.reopen')}</Button>}
          {data.book_visible && data.state !== 'cancelled' && (
            <Button onClick={() => setShowVariance((v) => !v)} data-testid="stocktake-variance">{t('supply.take.variance')}</Button>
          )}
          {mayDecide && (counting || data.state === 'counted') && (
            <>
              <Button type="primary" onClick={() => setPosting(true)} data-testid="stocktake-post">{t('supply.take.post')}</Button>
              <Popconfirm title={t('supply.take.cancelConfirm')} onConfirm={() => void decide('cancel')}>
                <Button danger data-testid="stocktake-cancel">{t('supply.take.cancel')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
        { key: 'w', label: t('supply.take.warehouse'), children: data.warehouse },
        { key: 'd', label: t('supply.take.date'), children: formatDate(data.date, i18n.language) },
        { key: 'c', label: t('supply.take.category'), children: data.category ?? '' },
        { key: 'p', label: t('supply.take.progress'), children: `${data.lines_counted}/${data.lines_total}` },
        { key: 'n', label: t('supply.take.note'), children: data.note ?? '' },
        { key: 'a', label: t('supply.take.document'),
          children: data.stock_document_id ? <Link to={`/inventory/documents/${data.stock_document_id}`}>{data.stock_document_number}</Link> : '' },
      ]} />
      {!data.book_visible && <Alert type="info" showIcon message={t('supply.take.blindHidden')} />}
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} data-testid="stocktake-error" />}
      {mayCount && (
        <Space wrap style={{ width: '100%' }}>
          <ScanInput keepFocus autoFocus onScan={onScan} placeholder={t('supply.take.scan')} id="stocktake-scan" style={{ width: 420 }} />
          <Button type="primary" loading={busy} disabled={unsaved === 0} onClick={() => void save()} data-testid="stocktake-save">
            {t('supply.take.save')}
          </Button>
          {unsaved > 0 && <Typography.Text type="warning">{t('supply.take.unsaved', { n: unsaved })}</Typography.Text>}
        </Space>
      )}
      <Table<StocktakeLine> rowKey="id" size="small" dataSource={lines} columns={columns} loading={take.loading} scroll={{ x: 900 }}
        pagination={{ pageSize: 200, hideOnSinglePage: true }} data-testid="stocktake-lines" />
      {showVariance && data.book_visible && <StocktakeVariance id={id} version={data.version} />}
      {posting && (
        <PostModal take={data} onClose={() => setPosting(false)} onPosted={(posted) => {
          setPosting(false);
          message.success(posted.stock_document_number
            ? t('supply.take.posted', { number: posted.stock_document_number }) : t('supply.take.nothingPosted'));
          take.reload();
        }} />
      )}
    </Space>
  );
}
