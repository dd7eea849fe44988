// 客户360°视图 (/crm/customers/:id): the customer's header card (grade, lifecycle stage, tags,
// credit) and tabs — an overview with the KPIs and revenue by month, contacts and addresses, the
// sales documents (each kind with its totals, newest first, more on demand, linking to their
// pages) with what is still owed, the timeline, recommended items and the grade history.
// Sections the user may not read are not in the answer and so not shown.
import { Alert, Button, Card, Col, Descriptions, Empty, InputNumber, List, Row, Space, Statistic, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  customer360, customerRecommendations, gradeHistory, moreOfSection, moreTimeline, SECTIONS,
  type Customer360 as View, type DocumentRow, type SectionName, type TimelineEntry,
} from '../../../api/crm/customers';
import { formatDate, formatDateTime } from '../../../lib/format';
import { documentLink, GRADE_COLOR, monthlySeries, RISK_COLOR, rfmText, STAGE_COLOR, timelineLink } from '../../../lib/crm/customers';
import { useAsync } from '../../../lib/useAsync';
import { money, problemText } from '../../finance/common';

const FinanceChart = lazy(() => import('../../../components/FinanceChart'));

function Header({ view }: { view: View }) {
  const { t } = useTranslation();
  const p = view.profile;
  const stage = p.lifecycle_stage ?? p.scores?.lifecycle_stage ?? null;
  return (
    <Card size="small" data-testid="customer-header">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">{p.name}</Typography.Title>
          {p.code && <Typography.Text type="secondary">{p.code}</Typography.Text>}
          {p.grade && (
            <Tag color={GRADE_COLOR[p.grade]} data-testid="customer-grade">
              {t('crm.customers.view.grade')} {p.grade}{p.grade_locked ? ` · ${t('crm.customers.view.locked')}` : ''}
            </Tag>)}
          {stage && <Tag color={STAGE_COLOR[stage]} data-testid="customer-stage">{t(`crm.customers.stage.${stage}`, { defaultValue: stage })}</Tag>}
          {(p.tags ?? []).map((tag) => <Tag key={tag}>{tag}</Tag>)}
        </Space>
        <Link to={`/e/customer/${p.id}`}>{t('crm.customers.view.toForm')}</Link>
      </Space>
      {p.credit && (
        <Descriptions size="small" style={{ marginTop: 8 }} column={{ xs: 1, sm: 2, lg: 4 }} items={[
          { key: 'limit', label: t('crm.customers.view.creditLimit'),
            children: p.credit.credit_limit === '0.00' ? t('crm.customers.view.noLimit') : money(p.credit.credit_limit) },
          { key: 'receivables', label: t('crm.customers.view.receivables'), children: money(p.credit.receivables) },
          { key: 'available', label: t('crm.customers.view.available'), children: p.credit.available ? money(p.credit.available) : '—' },
          { key: 'blocked', label: t('crm.customers.view.credit'),
            children: p.credit.blocked ? <Tag color="red">{t('crm.customers.view.blocked')}</Tag> : <Tag color="green">OK</Tag> },
        ]} />)}
    </Card>
  );
}

function Overview({ view, year, setYear }: { view: View; year: number; setYear: (y: number) => void }) {
  const { t, i18n } = useTranslation();
  const s = view.profile.scores;
  const months = useMemo(() => monthlySeries(view.revenue?.months), [view.revenue]);
  const orders = view.sections.orders?.totals.count;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {!s && <Alert type="info" showIcon message={t('crm.customers.view.notScored')} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={4}><Card size="small" data-testid="kpi-revenue"><Statistic title={t('crm.customers.view.kpi.revenue12m')} value={s ? money(s.revenue_12m) : '—'} /></Card></Col>
        <Col xs={12} lg={5}><Card size="small" data-testid="kpi-receivables"><Statistic title={t('crm.customers.view.kpi.openReceivables')} value={view.receivables ? money(view.receivables.net) : '—'} /></Card></Col>
        <Col xs={12} lg={4}><Card size="small" data-testid="kpi-orders"><Statistic title={t('crm.customers.view.kpi.orders')} value={orders ?? '—'} /></Card></Col>
        <Col xs={12} lg={5}><Card size="small" data-testid="kpi-clv"><Statistic title={t('crm.customers.view.kpi.clv')} value={s ? money(s.clv) : '—'} /></Card></Col>
        <Col xs={24} lg={6}>
          <Card size="small" data-testid="kpi-rfm">
            <Statistic title={t('crm.customers.view.kpi.rfm')} value={s ? rfmText(s.rfm) : '—'} />
            {s && (
              <Space wrap>
                <Tag color={RISK_COLOR[s.churn_risk]}>{t('crm.customers.view.churnRisk')}: {t(`crm.customers.risk.${s.churn_risk}`, { defaultValue: s.churn_risk })}</Tag>
                {s.last_order_on && <span>{t('crm.customers.view.lastOrder')}: {formatDate(s.last_order_on, i18n.language)}</span>}
              </Space>)}
          </Card>
        </Col>
      </Row>
      {view.revenue && (
        <Card size="small" title={t('crm.customers.view.revenueChart', { year })} data-testid="revenue-chart"
          extra={<InputNumber size="small" min={2000} max={9999} value={year} aria-label={t('crm.customers.view.year')} onChange={(v) => v && setYear(v)} />}>
          <Suspense fallback={<div style={{ height: 260 }} />}>
            <FinanceChart type="bar" labels={months.labels} values={months.values} locale={i18n.language}
              title={t('crm.customers.view.revenueChart', { year })} testId="chart-revenue" />
          </Suspense>
        </Card>)}
    </Space>
  );
}

function Contacts({ view }: { view: View }) {
  const { t } = useTranslation();
  const p = view.profile;
  return (
    <Row gutter={[16, 16]}>
      {p.contacts && (
        <Col xs={24} lg={12}>
          <Card size="small" title={t('crm.customers.view.contacts')}>
            <List data-testid="customer-contacts" dataSource={p.contacts} locale={{ emptyText: t('crm.customers.view.noContacts') }}
              renderItem={(c) => (
                <List.Item>
                  <List.Item.Meta title={<Space>{c.name}{c.primary && <Tag color="blue">{t('crm.customers.view.primary')}</Tag>}</Space>}
                    description={[c.title, c.phone, c.email].filter(Boolean).join(' · ')} />
                </List.Item>)} />
          </Card>
        </Col>)}
      {p.addresses && (
        <Col xs={24} lg={12}>
          <Card size="small">
            <List data-testid="customer-addresses" dataSource={p.addresses} locale={{ emptyText: t('crm.customers.view.noAddresses') }}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta title={<Space>{a.address}{a.default && <Tag>{t('crm.customers.view.default')}</Tag>}</Space>}
                    description={[a.region, a.postcode, a.recipient, a.phone].filter(Boolean).join(' · ')} />
                </List.Item>)} />
          </Card>
        </Col>)}
    </Row>
  );
}

/** One kind of document: its totals and rows, more loaded on demand. */
function SectionCard({ customerId, name, view }: { customerId: number; name: SectionName; view: View }) {
  const { t, i18n } = useTranslation();
  const section = view.sections[name]!;
  const [rows, setRows] = useState<DocumentRow[]>(section.rows);
  const [next, setNext] = useState<number | null>(section.next_before);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setRows(section.rows); setNext(section.next_before); }, [section]);
  const loadMore = async () => {
    if (next === null) return;
    try {
      const page = await moreOfSection(customerId, name, next);
      setRows((r) => [...r, ...page.rows]);
      setNext(page.next_before);
    } catch (e) { setError(problemText(e)); }
  };
  const totals = Object.entries(section.totals).map(([key, value]) => (
    <span key={key}>{t(`crm.customers.view.totals.${key}`, { defaultValue: key })}: <b>{typeof value === 'string' ? money(value) : value}</b></span>));
  return (
    <Card size="small" title={t(`crm.customers.view.sections.${name}`)} data-testid={`section-${name}`}
      extra={<Space wrap size="large">{totals}</Space>}>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<DocumentRow> size="small" rowKey="id" pagination={false} dataSource={rows}
        columns={[
          { title: t('crm.customers.view.columns.number'), dataIndex: 'number',
            render: (v: string, row) => { const to = documentLink(name, row, customerId); return to ? <Link to={to}>{v}</Link> : v; } },
          { title: t('crm.customers.view.columns.date'), dataIndex: 'date', render: (v: string | null) => (v ? formatDate(v, i18n.language) : '') },
          { title: t('crm.customers.view.columns.status'), dataIndex: 'status', render: (v: string) => <Tag>{v}</Tag> },
          { title: t('crm.customers.view.columns.total'), key: 'total', align: 'right',
            render: (_, row) => (row.total ?? row.amount ? money(String(row.total ?? row.amount)) : '') },
        ]} />
      {next !== null && <Button size="small" style={{ marginTop: 8 }} onClick={() => void loadMore()} data-testid={`section-${name}-more`}>{t('crm.customers.view.more')}</Button>}
    </Card>
  );
}

function Documents({ customerId, view }: { customerId: number; view: View }) {
  const { t, i18n } = useTranslation();
  const shown = SECTIONS.filter((s) => view.sections[s]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {shown.map((s) => <SectionCard key={s} customerId={customerId} name={s} view={view} />)}
      {view.receivables && (
        <Card size="small" title={t('crm.customers.view.sections.receivables')} data-testid="section-receivables"
          extra={<b>{money(view.receivables.net)}</b>}>
          <Table size="small" rowKey="line_id" pagination={false} dataSource={view.receivables.items}
            columns={[
              { title: t('crm.customers.view.columns.voucher'), dataIndex: 'voucher' },
              { title: t('crm.customers.view.columns.date'), dataIndex: 'date', render: (v: string) => formatDate(v, i18n.language) },
              { title: t('crm.customers.view.columns.summary'), dataIndex: 'summary' },
              { title: t('crm.customers.view.columns.open'), dataIndex: 'open', align: 'right',
                render: (v: string, row: { side: string }) => (row.side === 'credit' ? `-${money(v)}` : money(v)) },
            ]} />
        </Card>)}
    </Space>
  );
}

function CustomerTimeline({ customerId, view }: { customerId: number; view: View }) {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<TimelineEntry[]>(view.timeline.entries);
  const [next, setNext] = useState<string | null>(view.timeline.next_before);
  useEffect(() => { setEntries(view.timeline.entries); setNext(view.timeline.next_before); }, [view]);
  if (!entries.length) return <Empty description={t('crm.customers.view.noTimeline')} />;
  return (
    <>
      <Timeline data-testid="customer-timeline" items={entries.map((e) => {
        const to = timelineLink(e.entity, e.record_id);
        return {
          key: `${e.kind}-${e.record_id}-${e.at}`,
          children: (
            <Space direction="vertical" size={0}>
              <Typography.Text type="secondary">{formatDateTime(e.at, i18n.language)}</Typography.Text>
              {to ? <Link to={to}>{e.title}</Link> : <span>{e.title}</span>}
            </Space>),
        };
      })} />
      {next && (
        <Button size="small" data-testid="timeline-more" onClick={() => void moreTimeline(customerId, next).then((page) => {
          setEntries((all) => [...all, ...page.entries]);
          setNext(page.next_before);
        })}>{t('crm.customers.view.more')}</Button>)}
    </>
  );
}

function Recommendations({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const found = useAsync(() => customerRecommendations(customerId, 10), [customerId]);
  if (found.error) return <Alert type="error" showIcon message={problemText(found.error)} />;
  return (
    <List loading={found.loading} data-testid="customer-recommendations" dataSource={found.data?.items ?? []}
      locale={{ emptyText: t('crm.customers.view.noRecommendations') }}
      renderItem={(r) => (
        <List.Item extra={<Tag color="blue">{r.customers}</Tag>}>
          <List.Item.Meta title={`${r.code} ${r.name}`} description={r.reason} />
        </List.Item>)} />
  );
}

function GradeHistory({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const history = useAsync(() => gradeHistory(customerId), [customerId]);
  const stage = (s: string | null) => (s ? t(`crm.customers.stage.${s}`, { defaultValue: s }) : '');
  return (
    <Table size="small" rowKey={(_, i) => String(i)} loading={history.loading} data-testid="grade-history"
      dataSource={history.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('crm.customers.view.history.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, i18n.language) },
        { title: t('crm.customers.view.history.grade'), key: 'grade', render: (_, c) => (c.from_grade === c.to_grade ? c.to_grade : `${c.from_grade ?? ''} → ${c.to_grade ?? ''}`) },
        { title: t('crm.customers.view.history.stage'), key: 'stage', render: (_, c) => (c.to_stage && c.from_stage !== c.to_stage ? `${stage(c.from_stage)} → ${stage(c.to_stage)}` : '') },
        { title: t('crm.customers.view.history.reason'), dataIndex: 'reason', render: (v: string) => t(`crm.customers.view.history.${v}`, { defaultValue: v }) },
        { title: t('crm.customers.view.history.by'), dataIndex: 'by' },
      ]} />
  );
}

export default function Customer360Page() {
  const { t } = useTranslation();
  const { id } = useParams();
  const customerId = Number(id);
  const [year, setYear] = useState(new Date().getFullYear());
  const view = useAsync(() => customer360(customerId, year), [customerId, year]);
  if (view.error) return <Alert type="error" showIcon message={problemText(view.error)} data-testid="customer-360-error" />;
  if (!view.data) return <Card loading />;
  const v = view.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="customer-360">
      <Header view={v} />
      <Tabs items={[
        { key: 'overview', label: t('crm.customers.view.overview'), children: <Overview view={v} year={year} setYear={setYear} /> },
        { key: 'contacts', label: t('crm.customers.view.contacts'), children: <Contacts view={v} /> },
        { key: 'documents', label: t('crm.customers.view.documents'), children: <Documents customerId={customerId} view={v} /> },
        { key: 'timeline', label: t('crm.customers.view.timeline'), children: <CustomerTimeline customerId={customerId} view={v} /> },
        { key: 'recommendations', label: t('crm.customers.view.recommendations'), children: <Recommendations customerId={customerId} /> },
        { key: 'grades', label: t('crm.customers.view.gradeHistory'), children: <GradeHistory customerId={customerId} /> },
      ]} />
    </Space>
  );
}
