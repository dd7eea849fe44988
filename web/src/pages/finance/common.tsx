// What the ledger pages share: the state tag, problem text, amounts for tables, a period range.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Tag, Space } from 'antd';
import dayjs from 'dayjs';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, fetchFile, saveFile } from '../../api/client';
import type { VoucherHead, VoucherState } from '../../api/finance';
import { useSession } from '../../auth/session';
import { useAsync } from '../../lib/useAsync';
import { ApiError } from '../../api/problem';
import { formatDecimal } from '../../lib/decimal';

const STATE_COLOR: Record<string, string> = { draft: 'default', reviewed: 'processing', posted: 'success', void: 'error' };

export function StateTag({ state, style }: { state: VoucherState | string; style?: CSSProperties }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[state]} style={style} data-testid="voucher-state">{t(`finance.states.${state}`, { defaultValue: state })}</Tag>;
}

/**
 * A voucher by its label (记-2026-03-0001), linked to its page, for those who may read vouchers;
 * "#12" until the label is known, and for everyone else.
 */
export function VoucherLink({ id, testId }: { id: number; testId?: string }) {
  const { may } = useSession();
  const readable = may('voucher', 'read');
  const label = useAsync(() => (readable ? api.get<VoucherHead>(`/api/v1/vouchers/${id}`).then((v) => v.label) : Promise.resolve('')), [id, readable]);
  const text = label.data || `#${id}`;
  return readable ? <Link to={`/finance/vouchers/${id}`} data-testid={testId}>{text}</Link> : <span data-testid={testId}>{text}</span>;
}

/** An API error as one line: the detail, or the field messages, or the title (each said once). */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = (e.problem.errors ?? []).map((x) => x.message || x.code);
    const head = e.problem.detail || e.problem.title || e.message;
    // "from" and "to" naming the same unknown period give the same message twice.
    const parts = [...new Set([head, ...fields].filter(Boolean))];
    return parts.length > 1 ? `${parts[0]}：${parts.slice(1).join('；')}` : parts.join('');
  }
  return e instanceof Error ? e.message : String(e);
}

/** An amount for a report table; zero shows blank when `blankZero`. */
export function money(value: string | undefined, blankZero = false): string {
  if (!value) return '';
  if (blankZero && /^-?0*(\.0*)?$/.test(value)) return '';
  return formatDecimal(value, { scale: 2 });
}

export function currentPeriod(): string {
  return dayjs().format('YYYY-MM');
}

/** From/to period codes ("2026-01") picked as a month range. */
export function PeriodRange({ from, to, onChange }: { from: string; to: string; onChange: (from: string, to: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker.RangePicker picker="month" allowClear={false} aria-label={t('finance.range')} data-testid="period-range"
      value={[dayjs(`${from}-01`), dayjs(`${to}-01`)]}
      onChange={(range) => range?.[0] && range[1] && onChange(range[0].format('YYYY-MM'), range[1].format('YYYY-MM'))} />
  );
}

/**
 * A report as a file (`?format=xlsx` on the report's own URL): fetched with the session cookie in
 * the UI's language, then saved under the server's file name; a refusal shows as a message.
 */
export function DownloadButton({ path, query, format = 'xlsx', testId, disabled }: {
  path: string;
  query: Record<string, string | undefined>;
  format?: 'xlsx' | 'csv' | 'pdf';
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await fetchFile(path, { ...query, format });
      saveFile(blob, fileName);
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void download()} data-testid={testId}>
      {t(format === 'xlsx' ? 'finance.downloadXlsx' : format === 'pdf' ? 'finance.downloadPdf' : 'finance.downloadCsv')}
    </Button>
  );
}

/** A report's downloads: Excel to work with, PDF to print and file. */
export function ReportDownloads({ path, query, testId, disabled }: {
  path: string;
  query: Record<string, string | undefined>;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <Space size="small">
      <DownloadButton path={path} query={query} testId={`${testId}-xlsx`} disabled={disabled} />
      <DownloadButton path={path} query={query} format="pdf" testId={`${testId}-pdf`} disabled={disabled} />
    </Space>
  );
}
