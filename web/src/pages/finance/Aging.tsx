// 账龄分析: a receivable or payable account's open items per partner by age at a date, in the
// buckets typed (30,60,90,180 → 0-30, 31-60, …, over 180 days), advances apart, totals; the ten
// partners owing most as stacked bars above the table; XLSX from the server.
import { Alert, Card, DatePicker, Empty, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Aging as AgingReport } from '../../api/finance';
import { useSession } from '../../auth/session';
import { agingSeries, parseBuckets } from '../../lib/openItems';
import { useAsync } from '../../lib/useAsync';
import { ReportDownloads, money, problemText } from './common';
import { PartnerAccountSelect } from './partner';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));
const DEFAULT_BUCKETS = '30,60,90,180';

type Row = AgingReport['partners'][number];

export default function Aging() {
  const { t, i18n } = useTranslation();
  const { generation } = useSession();
  const [params, setParams] = useSearchParams();
  const account = params.get('account') ?? '';
  const asOf = params.get('as_of') || dayjs().format('YYYY-MM-DD');
  const buckets = params.get('buckets') || DEFAULT_BUCKETS;
  const [typed, setTyped] = useState(buckets);
  const [bucketError, setBucketError] = useState<string | null>(null);
  const set = (patch: Record<string, string>) => setParams({ account, as_of: asOf, buckets, ...patch }, { replace: true });

  const applyBuckets = () => {
    const parsed = parseBuckets(typed);
    if (!parsed.ok) {
      setBucketError(t(`finance.aging.bucketProblems.${parsed.problem}`));
      return;
    }
    setBucketError(null);
    setTyped(parsed.query);
    if (parsed.query !== buckets) set({ buckets: parsed.query });
  };

  const query = useMemo(() => ({ account, as_of: asOf, buckets }), [account, asOf, buckets]);
  const report = useAsync(async () => (account ? api.get<AgingReport>('/api/v1/finance/aging', query) : null),
    [query, generation, i18n.language]);
  const data = report.data;
  const chart = useMemo(() => agingSeries(data?.partners ?? [], data?.bucket_labels ?? [], 10), [data]);

  const amount = (v: string) => <span className={v?.startsWith('-') ? 'verp-negative' : ''}>{money(v, true)}</span>;
  const columns = [
    { title: t('finance.aging.partner'), dataIndex: 'partner_name', fixed: 'left' as const, width: 200,
      render: (name: string, r: Row) => (
        <Link to={`/finance/open-items?account=${encodeURIComponent(account)}&partner_id=${r.partner_id}`}>{name || `#${r.partner_id}`}</Link>
      ) },
    ...(data?.bucket_labels ?? []).map((label, b) => ({
      title: label, key: `b${b}`, align: 'right' as const, width: 120, render: (_: unknown, r: Row) => amount(r.buckets[b]),
    })),
    { title: t('finance.aging.outstanding'), dataIndex: 'outstanding', align: 'right' as const, width: 130, render: (v: string) => <b>{amount(v)}</b> },
    { title: t('finance.aging.advance'), dataIndex: 'advance', align: 'right' as const, width: 120, render: amount },
    { title: t('finance.aging.net'), dataIndex: 'net', align: 'right' as const, width: 130, render: amount },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('finance.aging.title')}{data ? ` · ${data.account} ${data.account_name}` : ''}
      </Typography.Title>
      <Space wrap align="start">
        <PartnerAccountSelect id="aging-account" value={account} onChange={(code) => set({ account: code })} />
        <DatePicker allowClear={false} value={dayjs(asOf)} aria-label={t('finance.aging.asOf')} data-testid="aging-as-of"
          onChange={(d) => d && set({ as_of: d.format('YYYY-MM-DD') })} />
        <div>
          <Space.Compact>
            <Input id="aging-buckets" style={{ width: 200 }} value={typed} status={bucketError ? 'error' : undefined}
              addonBefore={t('finance.aging.buckets')} aria-label={t('finance.aging.buckets')}
              onChange={(e) => {
                setTyped(e.target.value);
                setBucketError(null);
              }} onPressEnter={applyBuckets} onBlur={applyBuckets} />
          </Space.Compact>
          {bucketError && <div className="verp-cell-error" role="alert" data-testid="bucket-error">{bucketError}</div>}
        </div>
        <ReportDownloads path="/api/v1/finance/aging" query={query} testId="aging" disabled={!account} />
      </Space>
      {!account && <Empty description={t('finance.oi.pick')} />}
      {report.error != null && <Alert type="error" showIcon message={problemText(report.error)} />}
      {data && chart.partners.length > 0 && (
        <Card size="small" title={t('finance.aging.chart')}>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <FinanceChart type="bar" stacked labels={chart.partners} series={chart.series} height={320}
              title={t('finance.aging.chart')} testId="aging-chart" />
          </Suspense>
        </Card>
      )}
      {account && (
        <Table<Row>
          rowKey="partner_id" size="small" bordered loading={report.loading} dataSource={data?.partners ?? []} pagination={false}
          scroll={{ x: 700 + 120 * (data?.bucket_labels.length ?? 5) }} columns={columns} data-testid="aging-table"
          locale={{ emptyText: t('finance.aging.none') }}
          summary={() => data && data.partners.length > 0 ? (
            <Table.Summary.Row className="verp-statement-total" data-testid="aging-totals">
              <Table.Summary.Cell index={0}><b>{t('finance.aging.total')}</b></Table.Summary.Cell>
              {data.totals.buckets.map((v, b) => <Table.Summary.Cell key={b} index={b + 1} align="right"><b>{amount(v)}</b></Table.Summary.Cell>)}
              <Table.Summary.Cell index={data.totals.buckets.length + 1} align="right"><b>{amount(data.totals.outstanding)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={data.totals.buckets.length + 2} align="right"><b>{amount(data.totals.advance)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={data.totals.buckets.length + 3} align="right"><b>{amount(data.totals.net)}</b></Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null}
        />
      )}
    </Space>
  );
}
