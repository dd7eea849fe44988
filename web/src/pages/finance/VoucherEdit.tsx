// 记账凭证: entering and changing a voucher in a keyboard-first grid (lib/voucherGrid.ts has the
// rules: Enter, Shift+Enter, = fills the difference, Space swaps sides, // copies the summary,
// Ctrl+S saves), live totals with the amount in capitals, server errors at their cells, and the
// voucher's lifecycle by state: review, unreview, cashier sign, post, void, delete, reverse.
// The budgets a saved or posted voucher overruns show as a banner; a posting refused for a
// "block" budget shows the server's message there.
import { RecordAttachments } from '../../components/RecordAttachments';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, DatePicker, Descriptions, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import {
  loadCashFlowItems, SPLIT_WORDS, useChart, type BudgetOverrun, type CashFlowItem, type FinanceSettings, type Voucher, type VoucherRef,
} from '../../api/finance';
import { ApiError } from '../../api/problem';
import { useSession } from '../../auth/session';
import { AccountSelect } from '../../components/AccountSelect';
import { DimensionPicker } from '../../components/DimensionPicker';
import { amountInWords } from '../../lib/amountWords';
import { formatDecimal } from '../../lib/decimal';
import { useAsync } from '../../lib/useAsync';
import {
  blankLine, cellKey, centsToDecimal, emptyErrors, fillBalance, linesFromVoucher, nextCell, other, previousCell,
  suggestWord, summaryAbove, summaryInput, swapSide, toCents, totals, touchesCash, voucherBody, voucherProblem,
  type Cell, type CellErrors, type Column, type GridLine, type Side,
} from '../../lib/voucherGrid';
import { problemText, StateTag, VoucherLink } from './common';

/** What the last save or post said of budgets, for the voucher it was about. */
export interface BudgetNotice {
  id: number;
  overBudget: BudgetOverrun[];
  /** The server's message when posting was refused (409, a "block" budget). */
  refused?: string;
}

export default function VoucherEdit() {
  const { id } = useParams();
  const { generation } = useSession();
  const { i18n } = useTranslation();
  const location = useLocation();
  // Kept here, above the view that remounts at every saved version; a new voucher's notice
  // comes along with the navigation to its own address.
  const [notice, setNotice] = useState<BudgetNotice | null>(() => (location.state as { budgetNotice?: BudgetNotice } | null)?.budgetNotice ?? null);
  const data = useAsync(async () => {
    const [voucher, settings] = await Promise.all([
      id ? api.get<Voucher>(`/api/v1/vouchers/${id}`) : Promise.resolve(undefined),
      // Settings need fiscal_period:read; without it the company's words are guessed from the voucher.
      api.get<FinanceSettings>('/api/v1/finance/settings').catch(() => null),
    ]);
    return { voucher, settings };
  }, [id, generation, i18n.language]);
  if (data.error) return <Alert type="error" showIcon message={problemText(data.error)} />;
  if (!data.data) return <Card loading />;
  const { voucher, settings } = data.data;
  return <VoucherView key={`${id ?? 'new'}:${voucher?.version ?? 0}`} voucher={voucher} settings={settings} onChanged={data.reload}
    notice={voucher && notice?.id === voucher.id ? notice : null} onNotice={setNotice} />;
}

function domId(cell: Cell): string {
  return `vc-${cell.row}-${cell.col.replace(':', '-')}`;
}

function focusCell(cell: Cell) {
  const element = document.getElementById(domId(cell)) as HTMLInputElement | null;
  if (!element) return false;
  element.focus();
  if (typeof element.select === 'function' && element.tagName === 'INPUT' && element.type === 'text') element.select();
  return true;
}

function isComposing(e: KeyboardEvent) {
  return e.nativeEvent.isComposing || e.keyCode === 229;
}

interface ViewProps {
  voucher?: Voucher;
  settings: FinanceSettings | null;
  onChanged: () => void;
  notice: BudgetNotice | null;
  onNotice: (notice: BudgetNotice | null) => void;
}

function VoucherView({ voucher, settings, onChanged, notice, onNotice }: ViewProps) {
  const { t, i18n } = useTranslation();
  const { may, me } = useSession();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const chart = useChart();
  const lookup = useCallback((code: string) => chart.byCode.get(code), [chart.byCode]);

  const split = settings ? settings.voucher_words === 'split' : !!voucher && voucher.word !== 'general';
  const editable = !voucher || (voucher.state === 'draft' && may('voucher', 'update'));
  const [date, setDate] = useState<string>(voucher?.date ?? dayjs().format('YYYY-MM-DD'));
  const [word, setWord] = useState<string | undefined>(voucher?.word);
  const [attachments, setAttachments] = useState<number | null>(voucher?.attachments ?? 0);
  const [lines, setLines] = useState<GridLine[]>(() => {
    const saved = voucher ? linesFromVoucher(voucher.lines) : [];
    const rows = saved.length ? saved : [blankLine(), blankLine()];
    return editable ? [...rows, ...(rows.length < 4 ? [blankLine(), blankLine()].slice(0, 4 - rows.length) : [])] : rows;
  });
  const [errors, setErrors] = useState<CellErrors>(emptyErrors);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [pendingFocus, setPendingFocus] = useState<Cell | null>(null);
  const [cashFlowItems, setCashFlowItems] = useState<CashFlowItem[]>([]);
  const linesRef = useRef(lines);
  linesRef.current = lines;

  useEffect(() => {
    loadCashFlowItems(i18n.language).then(setCashFlowItems).catch(() => setCashFlowItems([]));
  }, [i18n.language]);
  useEffect(() => {
    if (pendingFocus && focusCell(pendingFocus)) setPendingFocus(null);
  }, [pendingFocus, lines]);
  useEffect(() => {
    if (!voucher && editable) setPendingFocus({ row: 0, col: 'summary' });
  }, [voucher, editable]);

  const sum = useMemo(() => totals(lines), [lines]);
  const effectiveWord = split ? word ?? suggestWord(lines, lookup) : 'general';

  const update = (row: number, patch: Partial<GridLine>) => {
    setLines((old) => old.map((l, i) => (i === row ? { ...l, ...patch } : l)));
    setErrors((old) => {
      const cells = { ...old.cells };
      for (const key of Object.keys(patch)) delete cells[cellKey(row, key as Column)];
      // A changed amount may have mended the balance the server complained of.
      const amounts = 'debit' in patch || 'credit' in patch;
      return { ...old, cells, lines: amounts ? [] : old.lines };
    });
  };

  const save = async () => {
    if (!editable || saving) return;
    const { body, rows, invalid } = voucherBody({ date, word: split ? effectiveWord : undefined, attachments }, lines, lookup,
      { invalidAmount: t('finance.voucher.invalidAmount') });
    if (Object.keys(invalid.cells).length) {
      setErrors(invalid);
      return;
    }
    setErrors(emptyErrors());
    setSaving(true);
    try {
      if (voucher) {
        const ref = await api.put<VoucherRef>(`/api/v1/vouchers/${voucher.id}`, { ...body, version: voucher.version });
        message.success(t('finance.voucher.saved', { label: ref.label }));
        onNotice({ id: ref.id, overBudget: ref.over_budget ?? [] });
        onChanged();
      } else {
        const ref = await api.post<VoucherRef>('/api/v1/vouchers', body);
        message.success(t('finance.voucher.saved', { label: ref.label }));
        const budgetNotice: BudgetNotice = { id: ref.id, overBudget: ref.over_budget ?? [] };
        onNotice(budgetNotice);
        navigate(`/finance/vouchers/${ref.id}`, { replace: true, state: { budgetNotice } });
      }
    } catch (e) {
      if (e instanceof ApiError) setErrors(voucherProblem(e.problem, rows, (n) => t('finance.voucher.line', { n })));
      else setErrors({ ...emptyErrors(), general: [t('errors.network')] });
    } finally {
      setSaving(false);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Enter / Shift+Enter, seen in the capture phase so that a select has taken its option first;
  // the move waits a tick for that choice to be in the lines.
  const onCellKeyCapture = (e: KeyboardEvent, cell: Cell) => {
    if (e.key !== 'Enter' || isComposing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    const back = e.shiftKey;
    if (cell.col === 'summary' || cell.col === 'debit' || cell.col === 'credit') e.preventDefault();
    setTimeout(() => {
      const current = linesRef.current;
      if (back) {
        setPendingFocus(previousCell(current, cell, lookup));
        return;
      }
      const move = nextCell(current, cell, lookup);
      if (move.addLine) setLines((old) => [...old, blankLine()]);
      setPendingFocus(move.cell);
    }, 0);
  };

  const onAmountKey = (e: KeyboardEvent, row: number, side: Side) => {
    if (isComposing(e)) return;
    if (e.key === '=') {
      e.preventDefault();
      const filled = fillBalance(lines, row, side);
      setLines(filled.lines);
      setErrors((old) => ({ ...old, lines: [] }));
      setPendingFocus({ row, col: filled.side });
    } else if (e.key === ' ') {
      e.preventDefault();
      setLines(swapSide(lines, row));
      setPendingFocus({ row, col: other(side) });
    }
  };

  const normaliseAmount = (row: number, side: Side) => {
    const text = lines[row][side];
    const cents = toCents(text);
    if (text.trim() && cents !== null) update(row, { [side]: cents === 0n ? '' : centsToDecimal(cents) });
  };

  const act = async (verb: string, body?: unknown) => {
    if (!voucher) return;
    setBusy(verb);
    try {
      const ref = await api.post<VoucherRef>(`/api/v1/vouchers/${voucher.id}/${verb}`, body ?? {});
      message.success(t('finance.done'));
      onNotice(verb === 'post' ? { id: voucher.id, overBudget: ref.over_budget ?? [] } : null);
      onChanged();
    } catch (e) {
      message.error(problemText(e));
      if (verb === 'post' && e instanceof ApiError && e.status === 409) onNotice({ id: voucher.id, overBudget: [], refused: problemText(e) });
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    if (!voucher) return;
    setBusy('delete');
    try {
      await api.del(`/api/v1/vouchers/${voucher.id}`);
      message.success(t('form.deleted'));
      navigate('/finance/vouchers', { replace: true });
    } catch (e) {
      message.error(problemText(e));
      setBusy(null);
    }
  };

  const reverse = () => {
    if (!voucher) return;
    let chosen: Dayjs | null = dayjs();
    modal.confirm({
      title: t('finance.voucher.reverseTitle', { label: voucher.label }),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('finance.voucher.reverseDate')}</Typography.Text>
          <DatePicker defaultValue={chosen} onChange={(d) => (chosen = d)} data-testid="reverse-date" style={{ width: '100%' }} />
        </Space>
      ),
      onOk: async () => {
        if (!chosen) return;
        try {
          const ref = await api.post<VoucherRef>(`/api/v1/vouchers/${voucher.id}/reverse`, { date: chosen.format('YYYY-MM-DD') });
          message.success(t('finance.voucher.reversedAs', { label: ref.label }));
          navigate(`/finance/vouchers/${ref.id}`);
        } catch (e) {
          message.error(problemText(e));
          throw e;
        }
      },
    });
  };

  const cellErrors = (row: number, col: Column) => errors.cells[cellKey(row, col)];
  const errorText = (row: number, col: Column) => {
    const list = cellErrors(row, col);
    return list ? <div className="verp-cell-error" role="alert">{list.join('；')}</div> : null;
  };
  const money = (v: string) => formatDecimal(v, { scale: 2 });
  const words = amountInWords(sum.debit);
  const cash = touchesCash(lines, lookup);
  const linesError = errors.lines.length > 0;
  const state = voucher?.state;

  const wordTitle = t(`finance.wordNames.${voucher?.word ?? effectiveWord}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="voucher-title">
          {voucher ? `${wordTitle} ${voucher.label}` : t('finance.voucher.titleNew')}
          {voucher && <StateTag state={voucher.state} style={{ marginLeft: 12, verticalAlign: 'middle' }} />}
        </Typography.Title>
        <Space wrap>
          <Link to="/finance/vouchers">{t('finance.voucher.backToList')}</Link>
          {voucher && may('voucher', 'create') && <Button onClick={() => navigate('/finance/vouchers/new')} icon={<PlusOutlined />}>{t('finance.voucher.newVoucher')}</Button>}
        </Space>
      </Space>

      {chart.error != null && <Alert type="warning" showIcon message={t('finance.chartFailed', { message: problemText(chart.error) })} />}
      {voucher && (voucher.reverses_id || voucher.reversed_by_id) && <ReversalLinks voucher={voucher} />}
      {notice && <BudgetBanner notice={notice} posted={state === 'posted'} />}
      {voucher && !editable && state === 'reviewed' && <Alert type="info" showIcon message={t('finance.voucher.readOnlyReviewed')} />}
      {voucher && !editable && state !== 'reviewed' && state !== 'draft' && (
        <Alert type="info" showIcon message={t('finance.voucher.readOnly', { state: t(`finance.states.${state}`) })} />
      )}

      <Card size="small">
        <Space wrap size="large" align="start">
          <div>
            <div className="verp-dim-label">{t('finance.voucher.date')}</div>
            <DatePicker id="voucher-date" value={date ? dayjs(date) : null} disabled={!editable} allowClear={false}
              status={errors.header.date ? 'error' : undefined} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
            {errors.header.date && <div className="verp-cell-error" role="alert">{errors.header.date.join('；')}</div>}
          </div>
          {split && (
            <div>
              <div className="verp-dim-label">{t('finance.voucher.word')}</div>
              <Select id="voucher-word" value={effectiveWord} disabled={!editable || !!voucher} style={{ width: 140 }}
                status={errors.header.word ? 'error' : undefined} onChange={setWord}
                options={SPLIT_WORDS.map((w) => ({ value: w, label: `${t(`finance.words.${w}`)} · ${t(`finance.wordNames.${w}`)}` }))} />
              {errors.header.word && <div className="verp-cell-error" role="alert">{errors.header.word.join('；')}</div>}
            </div>
          )}
          <div>
            <div className="verp-dim-label">{t('finance.voucher.attachments')}</div>
            <InputNumber id="voucher-attachments" min={0} max={9999} precision={0} value={attachments} disabled={!editable}
              status={errors.header.attachments ? 'error' : undefined} onChange={(v) => setAttachments(v ?? 0)}
              addonAfter={t('finance.voucher.attachmentsUnit')} style={{ width: 140 }} />
          </div>
          {voucher && (
            <div>
              <div className="verp-dim-label">{t('finance.period')}</div>
              <div style={{ paddingTop: 4 }}>{voucher.period}</div>
            </div>
          )}
        </Space>
      </Card>

      {errors.general.length > 0 && (
        <Alert type="error" showIcon message={t('finance.voucher.errorsTitle')} data-testid="voucher-errors"
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{errors.general.map((g) => <li key={g}>{g}</li>)}</ul>} />
      )}

      <div style={{ overflowX: 'auto' }}>
        <table className="verp-voucher-grid" style={{ minWidth: 980 }} data-testid="voucher-grid">
          <colgroup>
            <col style={{ width: 36 }} /><col style={{ width: '20%' }} /><col style={{ width: '24%' }} /><col style={{ width: '22%' }} />
            <col style={{ width: '14%' }} /><col style={{ width: '14%' }} />{editable && <col style={{ width: 40 }} />}
          </colgroup>
          <thead>
            <tr>
              <th>#</th><th>{t('finance.voucher.summary')}</th><th>{t('finance.voucher.account')}</th>
              <th>{t('finance.voucher.dimensions')}</th><th style={{ textAlign: 'right' }}>{t('finance.voucher.debit')}</th>
              <th style={{ textAlign: 'right' }}>{t('finance.voucher.credit')}</th>{editable && <th />}
            </tr>
          </thead>
          <tbody>
            {lines.map((line, row) => {
              const account = lookup(line.account);
              const negative = (side: Side) => ((toCents(line[side]) ?? 0n) < 0n ? 'verp-negative' : '');
              return (
                <tr key={line.key} data-testid={`voucher-line-${row}`}>
                  <td style={{ textAlign: 'center', color: 'rgba(0,0,0,.45)', paddingTop: 8 }}>{row + 1}</td>
                  <td onKeyDownCapture={(e) => onCellKeyCapture(e, { row, col: 'summary' })}>
                    {editable ? (
                      <Input id={domId({ row, col: 'summary' })} value={line.summary} maxLength={200}
                        aria-label={`${t('finance.voucher.summary')} ${row + 1}`}
                        placeholder={summaryAbove(lines, row)} status={cellErrors(row, 'summary') ? 'error' : undefined}
                        onChange={(e) => update(row, { summary: summaryInput(lines, row, e.target.value) })} />
                    ) : <div className="verp-readonly-cell">{line.summary}</div>}
                    {errorText(row, 'summary')}
                  </td>
                  <td onKeyDownCapture={(e) => onCellKeyCapture(e, { row, col: 'account' })}>
                    {editable ? (
                      <AccountSelect id={domId({ row, col: 'account' })} leafOnly value={line.account} style={{ width: '100%' }}
                        aria-label={`${t('finance.voucher.account')} ${row + 1}`}
                        status={cellErrors(row, 'account') ? 'error' : undefined}
                        onChange={(code) => {
                          const next = lookup(code);
                          const dims = Object.fromEntries(Object.entries(line.dims).filter(([d]) => next?.dimensions.includes(d as never)));
                          update(row, { account: code, dims, cash_flow_item: next?.is_cash ? line.cash_flow_item : null });
                        }} />
                    ) : <div className="verp-readonly-cell">{line.account} {account?.path ?? voucher?.lines[row]?.account_name}</div>}
                    {errorText(row, 'account')}
                  </td>
                  <td>
                    <Space direction="vertical" style={{ width: '100%' }} size={4}>
                      {account?.dimensions.map((d) => {
                        const col: Column = `dim:${d}`;
                        return (
                          <div key={d} onKeyDownCapture={(e) => onCellKeyCapture(e, { row, col })}>
                            <span className="verp-dim-label">{t(`finance.dims.${d}`)}</span>
                            {editable ? (
                              <DimensionPicker dimension={d} id={domId({ row, col })} value={line.dims[d] ?? null} label={line.dimLabels[d]}
                                status={cellErrors(row, col) ? 'error' : undefined}
                                onChange={(v) => update(row, { dims: { ...line.dims, [d]: v } })} />
                            ) : <div className="verp-readonly-cell">{line.dimLabels[d] ?? line.dims[d] ?? ''}</div>}
                            {errorText(row, col)}
                          </div>
                        );
                      })}
                      {(account?.is_cash || line.cash_flow_item) && (
                        <div onKeyDownCapture={(e) => onCellKeyCapture(e, { row, col: 'cash_flow_item' })}>
                          <span className="verp-dim-label">{t('finance.voucher.cashFlow')}</span>
                          {editable ? (
                            <Select id={domId({ row, col: 'cash_flow_item' })} allowClear showSearch optionFilterProp="label"
                              style={{ width: '100%' }} placeholder={t('finance.voucher.cashFlowOptional')}
                              status={cellErrors(row, 'cash_flow_item') ? 'error' : undefined}
                              value={line.cash_flow_item ?? undefined} onChange={(v?: string) => update(row, { cash_flow_item: v ?? null })}
                              options={cashFlowItems.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))} />
                          ) : <div className="verp-readonly-cell">{cashFlowItems.find((c) => c.code === line.cash_flow_item)?.name ?? line.cash_flow_item}</div>}
                          {errorText(row, 'cash_flow_item')}
                        </div>
                      )}
                    </Space>
                  </td>
                  {(['debit', 'credit'] as Side[]).map((side) => (
                    <td key={side} className="verp-amount" onKeyDownCapture={(e) => onCellKeyCapture(e, { row, col: side })}>
                      {editable ? (
                        <Input id={domId({ row, col: side })} className={`verp-amount ${negative(side)}`} inputMode="decimal"
                          aria-label={`${t(`finance.voucher.${side}`)} ${row + 1}`} value={line[side]}
                          status={cellErrors(row, side) ? 'error' : undefined}
                          onKeyDown={(e) => onAmountKey(e, row, side)} onBlur={() => normaliseAmount(row, side)}
                          onChange={(e) => update(row, { [side]: e.target.value })} />
                      ) : <div className={`verp-readonly-cell ${negative(side)}`}>{line[side] ? money(line[side]) : ''}</div>}
                      {errorText(row, side)}
                    </td>
                  ))}
                  {editable && (
                    <td style={{ textAlign: 'center' }}>
                      <Button type="text" size="small" icon={<DeleteOutlined />} tabIndex={-1}
                        aria-label={t('finance.voucher.removeLine', { n: row + 1 })} disabled={lines.length <= 2}
                        onClick={() => setLines((old) => old.filter((_, i) => i !== row))} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <td colSpan={3}>
                <Space wrap>
                  <span>{t('finance.voucher.total')}</span>
                  <span className="verp-dim-label">{t('finance.voucher.inWords')}</span>
                  <span data-testid="amount-in-words" className={sum.debit.startsWith('-') ? 'verp-negative' : ''}>{words ?? ''}</span>
                </Space>
              </td>
              <td className={`verp-amount ${sum.debit.startsWith('-') ? 'verp-negative' : ''} ${linesError ? 'verp-total-error' : ''}`}
                data-testid="debit-total">{money(sum.debit)}</td>
              <td className={`verp-amount ${sum.credit.startsWith('-') ? 'verp-negative' : ''} ${linesError ? 'verp-total-error' : ''}`}
                data-testid="credit-total">{money(sum.credit)}</td>
              {editable && <td />}
            </tr>
            {linesError && (
              <tr>
                <td />
                <td colSpan={editable ? 6 : 5} style={{ textAlign: 'right' }}>
                  <div className="verp-cell-error" role="alert" data-testid="lines-error">{errors.lines.join('；')}</div>
                </td>
              </tr>
            )}
          </tfoot>
        </table>
      </div>

      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          {sum.balanced
            ? <Tag color="success" data-testid="balance-state">{t('finance.voucher.balanced')}</Tag>
            : <Tag color="error" data-testid="balance-state">{t('finance.voucher.difference', { amount: money(sum.difference) })}</Tag>}
          {editable && <Button icon={<PlusOutlined />} onClick={() => setLines((old) => [...old, blankLine()])}>{t('finance.voucher.addLine')}</Button>}
        </Space>
        {editable && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('finance.voucher.keys')}</Typography.Text>}
      </Space>

      {voucher && (
        <Descriptions size="small" column={{ xs: 2, sm: 4 }} bordered>
          <Descriptions.Item label={t('finance.voucher.preparer')}><span data-testid="voucher-preparer">{voucher.preparer?.name ?? ''}</span></Descriptions.Item>
          <Descriptions.Item label={t('finance.voucher.reviewer')}><span data-testid="voucher-reviewer">{voucher.reviewer?.name ?? ''}</span></Descriptions.Item>
          <Descriptions.Item label={t('finance.voucher.cashier')}>{voucher.cashier?.name ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('finance.voucher.poster')}><span data-testid="voucher-poster">{voucher.poster?.name ?? ''}</span></Descriptions.Item>
        </Descriptions>
      )}

      <Space wrap>
        {editable && <Button type="primary" loading={saving} onClick={() => void save()} data-testid="voucher-save">{t('finance.voucher.save')}</Button>}
        {/* The server never lets the preparer review their own voucher. */}
        {state === 'draft' && may('voucher', 'review') && voucher?.preparer?.id !== me?.user_id && (
          <Button loading={busy === 'review'} onClick={() => void act('review')}>{t('finance.voucher.review')}</Button>
        )}
        {state === 'reviewed' && may('voucher', 'review') && (
          <Button loading={busy === 'unreview'} onClick={() => void act('unreview')}>{t('finance.voucher.unreview')}</Button>
        )}
        {(state === 'draft' || state === 'reviewed') && settings?.cashier_sign_off && cash && !voucher?.cashier && may('voucher', 'cashier') && (
          <Button loading={busy === 'cashier-sign'} onClick={() => void act('cashier-sign')}>{t('finance.voucher.cashierSign')}</Button>
        )}
        {state === 'reviewed' && may('voucher', 'post') && (
          <Button type="primary" loading={busy === 'post'} onClick={() => void act('post')}>{t('finance.voucher.post')}</Button>
        )}
        {state === 'draft' && may('voucher', 'update') && (
          <Popconfirm title={t('finance.voucher.confirmVoid', { label: voucher?.label })} onConfirm={() => act('void')}>
            <Button danger loading={busy === 'void'}>{t('finance.voucher.void')}</Button>
          </Popconfirm>
        )}
        {state === 'draft' && may('voucher', 'delete') && (
          <Popconfirm title={t('finance.voucher.confirmDelete', { label: voucher?.label })} onConfirm={() => remove()}>
            <Button danger loading={busy === 'delete'}>{t('finance.voucher.delete')}</Button>
          </Popconfirm>
        )}
        {state === 'posted' && !voucher?.reversed_by_id && may('voucher', 'reverse') && (
          <Button danger onClick={reverse}>{t('finance.voucher.reverse')}</Button>
        )}
      </Space>
      {voucher && (
        <Card size="small" title={t('finance.voucher.sourceDocuments')} data-testid="voucher-files">
          <RecordAttachments base={`/api/v1/vouchers/${voucher.id}/files`}
            canWrite={state !== 'void' && may('voucher', 'update')}
            canRemove={state === 'draft' && may('voucher', 'update')} />
        </Card>
      )}
    </Space>
  );
}

function ReversalLinks({ voucher }: { voucher: Voucher }) {
  const { t } = useTranslation();
  return (
    <Alert type="warning" showIcon data-testid="reversal-links" message={
      <Space wrap split="·">
        {voucher.reverses_id && <span>{t('finance.voucher.reverses')} <VoucherLink id={voucher.reverses_id} /></span>}
        {voucher.reversed_by_id && <span>{t('finance.voucher.reversedBy')} <VoucherLink id={voucher.reversed_by_id} /></span>}
      </Space>
    } />
  );
}

function BudgetBanner({ notice, posted }: { notice: BudgetNotice; posted: boolean }) {
  const { t } = useTranslation();
  const money = (v: string) => formatDecimal(v, { scale: 2 });
  if (notice.refused) {
    return <Alert type="error" showIcon data-testid="post-refused" message={t('finance.voucher.postRefused')} description={notice.refused} />;
  }
  if (!notice.overBudget.length) return null;
  const blocked = !posted && notice.overBudget.some((o) => o.control === 'block');
  return (
    <Alert type={blocked ? 'error' : 'warning'} showIcon data-testid="over-budget"
      message={t(posted ? 'finance.voucher.overBudgetPosted' : 'finance.voucher.overBudget')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {notice.overBudget.map((o) => (
            <li key={o.budget_id}>
              {t('finance.voucher.overBudgetLine', {
                account: o.account, budget: money(o.budget), used: money(o.used),
                excess: money(centsToDecimal((toCents(o.used) ?? 0n) - (toCents(o.budget) ?? 0n))),
              })}
              {' '}<Tag color={o.control === 'block' ? 'error' : 'warning'}>{t(`finance.budget.controls.${o.control}`, { defaultValue: o.control })}</Tag>
              {o.control === 'block' && !posted && <b>{t('finance.voucher.overBudgetBlock')}</b>}
            </li>
          ))}
        </ul>
      } />
  );
}
