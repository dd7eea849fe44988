// 预算: a year's budgets per account (and department or project) with their control (none, warn,
// block) and twelve months; created and changed in a drawer, the annual amount split evenly (the
// preview shows the months the server will keep) or typed month by month. Below, the execution
// report to a month: budget to date, used, variance and share used, overruns highlighted, bars of
// budget against used per account, XLSX from the server.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, DatePicker, Drawer, Empty, Input, Radio, Select, Space, Table, Tag, Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import {
  BUDGET_CONTROLS, type Budget, type BudgetControl, type BudgetExecution, type BudgetExecutionRow,
} from '../../api/finance';
import { ApiError } from '../../api/problem';
import { useSession } from '../../auth/session';
import { AccountSelect } from '../../components/AccountSelect';
import { DimensionPicker } from '../../components/DimensionPicker';
import { evenSplit, executionBars, monthlyAmounts, sumAmounts } from '../../lib/budgets';
import { useAsync } from '../../lib/useAsync';
import { toCents } from '../../lib/voucherGrid';
import { ReportDownloads, money, problemText } from './common';

const FinanceChart = lazy(() => import('../../components/FinanceChart'));
const MONTHS = Array.from({ length: 12 }, (_, m) => m + 1);
const CONTROL_COLOR: Record<string, string> = { none: 'default', warn: 'warning', block: 'error' };

export default function Budgets() {
  const { t, i18n } = useTranslation();
  const { generation, may } = useSession();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const to = Math.min(12, Math.max(1, Number(params.get('to')) || (year === thisYear ? dayjs().month() + 1 : 12)));
  const set = (patch: Record<string, string>) => setParams({ year: String(year), to: String(to), ...patch }, { replace: true });

  const list = useAsync(() => api.get<{ items: Budget[] }>('/api/v1/budgets', { year }), [year, generation]);
  const execution = useAsync(() => api.get<BudgetExecution>('/api/v1/finance/budget-execution', { year, to }),
    [year, to, generation, i18n.language, list.data]);
  const dimensionOf = useMemo(() => new Map((execution.data?.rows ?? []).map((r) => [r.budget_id, r.dimension])), [execution.data]);
  const bars = useMemo(() => executionBars(execution.data?.rows ?? []), [execution.data]);
  const [editing, setEditing] = useState<Budget | 'new' | null>(null);

  const control = (c: string) => <Tag color={CONTROL_COLOR[c]}>{t(`finance.budget.controls.${c}`, { defaultValue: c })}</Tag>;
  const dimensionText = (b: Budget) => dimensionOf.get(b.id) || [
    b.department_id ? `${t('finance.dims.department')} #${b.department_id}` : '',
    b.project_id ? `${t('finance.dims.project')} #${b.project_id}` : '',
  ].filter(Boolean).join(' / ');
  const amount = (v: string) => <span className={v?.startsWith('-') ? 'verp-negative' : ''}>{money(v)}</span>;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.budget.title')}</Typography.Title>
        <Space wrap>
          <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} aria-label={t('finance.budget.year')}
            data-testid="budget-year" onChange={(d) => d && set({ year: String(d.year()), to: String(d.year() === thisYear ? dayjs().month() + 1 : 12) })} />
          {may('budget', 'create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="budget-new">{t('finance.budget.new')}</Button>
          )}
        </Space>
      </Space>
      {list.error != null && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<Budget>
        rowKey="id" size="small" bordered loading={list.loading} dataSource={list.data?.items ?? []} pagination={false}
        scroll={{ x: 1900 }} data-testid="budget-list" locale={{ emptyText: t('finance.budget.none', { year }) }}
        columns={[
          { title: t('finance.budget.account'), dataIndex: 'account', fixed: 'left', width: 200,
            render: (code: string, b) => <Link to={`/finance/ledger?account=${code}&from=${year}-01&to=${year}-${String(to).padStart(2, '0')}`}>{code} {b.account_name}</Link> },
          { title: t('finance.budget.dimension'), key: 'dimension', width: 150, render: (_, b) => dimensionText(b) },
          { title: t('finance.budget.control'), dataIndex: 'control', width: 90, render: control },
          { title: t('finance.budget.annual'), dataIndex: 'annual', width: 130, align: 'right', render: (v: string) => <b>{amount(v)}</b> },
          ...MONTHS.map((m) => ({
            title: t('finance.budget.monthN', { n: m }), key: `m${m}`, width: 100, align: 'right' as const,
            render: (_: unknown, b: Budget) => money(b.months[m - 1], true),
          })),
          ...(may('budget', 'update') ? [{
            title: '', key: 'edit', width: 60, fixed: 'right' as const,
            render: (_: unknown, b: Budget) => <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('finance.budget.edit')}
              onClick={() => setEditing(b)} data-testid={`budget-edit-${b.id}`} />,
          }] : []),
        ]}
      />

      <Card size="small" data-testid="budget-execution-card" title={
        <Space wrap>
          <span>{t('finance.budget.execution')}</span>
          <Select value={to} style={{ width: 130 }} aria-label={t('finance.budget.toMonth')} data-testid="budget-to"
            onChange={(m: number) => set({ to: String(m) })}
            options={MONTHS.map((m) => ({ value: m, label: t('finance.budget.upTo', { n: m }) }))} />
        </Space>
      } extra={<ReportDownloads path="/api/v1/finance/budget-execution" query={{ year: String(year), to: String(to) }} testId="budget" />}>
        {execution.error != null && <Alert type="error" showIcon message={problemText(execution.error)} />}
        <Table<BudgetExecutionRow>
          rowKey="budget_id" size="small" bordered loading={execution.loading} pagination={false} scroll={{ x: 1000 }}
          dataSource={execution.data?.rows ?? []} data-testid="budget-execution"
          rowClassName={(r) => (r.over ? 'verp-over-budget' : '')} locale={{ emptyText: t('finance.budget.none', { year }) }}
          columns={[
            { title: t('finance.budget.account'), dataIndex: 'account', width: 200, render: (code: string, r) => `${code} ${r.account_name}` },
            { title: t('finance.budget.dimension'), dataIndex: 'dimension', width: 150 },
            { title: t('finance.budget.control'), dataIndex: 'control', width: 90, render: control },
            { title: t('finance.budget.toDate'), dataIndex: 'budget', align: 'right', width: 130, render: amount },
            { title: t('finance.budget.used'), dataIndex: 'used', align: 'right', width: 130, render: amount },
            { title: t('finance.budget.variance'), dataIndex: 'variance', align: 'right', width: 130, render: amount },
            { title: t('finance.budget.share'), dataIndex: 'share_used', align: 'right', width: 100,
              render: (v: string, r) => (v ? <span className={r.over ? 'verp-negative' : ''}>{money(v)}%</span> : '—') },
            { title: t('finance.budget.annual'), dataIndex: 'annual', align: 'right', width: 130, render: amount },
            { title: '', key: 'over', width: 90, render: (_, r) => (r.over ? <Tag color="error">{t('finance.budget.over')}</Tag> : null) },
          ]}
          summary={() => execution.data && execution.data.rows.length > 0 ? (
            <Table.Summary.Row className="verp-statement-total">
              <Table.Summary.Cell index={0} colSpan={3}><b>{t('finance.budget.total')}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><b>{amount(execution.data.totals.budget)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right"><b>{amount(execution.data.totals.used)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right"><b>{amount(execution.data.totals.variance)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={6} colSpan={3} />
            </Table.Summary.Row>
          ) : null}
        />
        {bars.labels.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <Suspense fallback={<div style={{ height: 280 }} />}>
              <FinanceChart type="bar" labels={bars.labels} height={280} title={t('finance.budget.chart')} testId="budget-chart"
                series={[{ name: t('finance.budget.toDate'), values: bars.budget, color: '#1677ff' },
                  { name: t('finance.budget.used'), values: bars.used, color: '#fa8c16' }]} />
            </Suspense>
          </div>
        )}
        {!execution.loading && !execution.data?.rows.length && !list.data?.items.length && <Empty description={t('finance.budget.none', { year })} />}
      </Card>

      {editing && (
        <BudgetDrawer year={year} budget={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }} />
      )}
    </Space>
  );
}

type FieldErrors = Record<string, string[]>;

function BudgetDrawer({ year, budget, onClose, onSaved }: { year: number; budget: Budget | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const evenly = budget ? JSON.stringify(evenSplit(budget.annual)) === JSON.stringify(budget.months) : true;
  const [account, setAccount] = useState(budget?.account ?? '');
  const [department, setDepartment] = useState<number | null>(budget?.department_id ?? null);
  const [project, setProject] = useState<number | null>(budget?.project_id ?? null);
  const [control, setControl] = useState<BudgetControl>(budget?.control ?? 'warn');
  const [mode, setMode] = useState<'annual' | 'months'>(evenly ? 'annual' : 'months');
  const [annual, setAnnual] = useState(budget?.annual ?? '');
  const [months, setMonths] = useState<string[]>(budget?.months ?? Array.from({ length: 12 }, () => ''));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const preview = useMemo(() => evenSplit(annual), [annual]);
  const typedTotal = useMemo(() => sumAmounts(months), [months]);

  const clear = (field: string) => setErrors((old) => {
    const next = { ...old };
    delete next[field];
    return next;
  });

  const save = async () => {
    const local: FieldErrors = {};
    if (!account) local.account = [t('finance.budget.accountRequired')];
    let amounts: { annual: string } | { months: string[] };
    if (mode === 'annual') {
      const cents = toCents(annual);
      if (!annual.trim() || cents === null || cents < 0n) local.annual = [t('finance.budget.amountInvalid')];
      amounts = { annual: preview ? sumAmounts(preview) : annual };
    } else {
      const typed = monthlyAmounts(months);
      for (const m of typed.invalid) local[`months[${m}]`] = [t('finance.budget.amountInvalid')];
      amounts = { months: typed.months };
    }
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setErrors({});
    setGeneral([]);
    setSaving(true);
    const body = {
      year, account, control, ...amounts,
      ...(department ? { department_id: department } : {}), ...(project ? { project_id: project } : {}),
    };
    try {
      if (budget) await api.put(`/api/v1/budgets/${budget.id}`, { ...body, version: budget.version });
      else await api.post('/api/v1/budgets', body);
      message.success(t('finance.budget.saved', { account }));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) {
        const byField: FieldErrors = {};
        const rest: string[] = [];
        const shown = new Set(['account', 'control', 'annual', 'months', 'department_id', 'project_id']);
        for (const f of e.problem.errors) {
          const message = f.message || f.code;
          const base = f.field.replace(/\[\d+\]$/, '');
          if (shown.has(base)) byField[f.field] = [...(byField[f.field] ?? []), message];
          else rest.push(f.field ? `${f.field}: ${message}` : message);
        }
        setErrors(byField);
        setGeneral(rest);
      } else {
        setGeneral([problemText(e)]);
      }
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (field: string) => (errors[field]?.length
    ? <div className="verp-cell-error" role="alert" data-testid={`budget-error-${field}`}>{errors[field].join('；')}</div> : null);
  const label = (text: string) => <div className="verp-dim-label">{text}</div>;
  return (
    <Drawer open width={560} onClose={onClose} destroyOnHidden data-testid="budget-drawer"
      title={budget ? t('finance.budget.editTitle', { account: `${budget.account} ${budget.account_name}`, year }) : t('finance.budget.newTitle', { year })}
      extra={<Button type="primary" loading={saving} onClick={() => void save()} data-testid="budget-save">{t('finance.budget.save')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {general.length > 0 && <Alert type="error" showIcon message={general.join('；')} data-testid="budget-general-error" />}
        <div>
          {label(t('finance.budget.account'))}
          <AccountSelect id="budget-account" value={account} disabled={!!budget} style={{ width: '100%' }} status={errors.account ? 'error' : undefined}
            aria-label={t('finance.budget.account')} onChange={(code) => {
              setAccount(code);
              clear('account');
            }} />
          {fieldError('account')}
        </div>
        <Space style={{ width: '100%' }} align="start" size="middle">
          <div style={{ width: 240 }}>
            {label(`${t('finance.dims.department')}（${t('finance.budget.optional')}）`)}
            <DimensionPicker dimension="department" value={department} disabled={!!budget} status={errors.department_id ? 'error' : undefined}
              onChange={(v) => {
                setDepartment(v);
                clear('department_id');
              }} />
            {fieldError('department_id')}
          </div>
          <div style={{ width: 240 }}>
            {label(`${t('finance.dims.project')}（${t('finance.budget.optional')}）`)}
            <DimensionPicker dimension="project" value={project} disabled={!!budget} status={errors.project_id ? 'error' : undefined}
              onChange={(v) => {
                setProject(v);
                clear('project_id');
              }} />
            {fieldError('project_id')}
          </div>
        </Space>
        <div>
          {label(t('finance.budget.control'))}
          <Radio.Group value={control} onChange={(e) => setControl(e.target.value)} optionType="button" data-testid="budget-control"
            options={BUDGET_CONTROLS.map((c) => ({ value: c, label: t(`finance.budget.controls.${c}`) }))} />
          <div style={{ marginTop: 4 }}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`finance.budget.controlHelp.${control}`)}</Typography.Text></div>
          {fieldError('control')}
        </div>
        <div>
          {label(t('finance.budget.amounts'))}
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} data-testid="budget-mode"
            options={[{ value: 'annual', label: t('finance.budget.annualEvenly') }, { value: 'months', label: t('finance.budget.byMonth') }]} />
          {fieldError('months')}
        </div>
        {mode === 'annual' ? (
          <div>
            {label(t('finance.budget.annual'))}
            <Input id="budget-annual" className="verp-amount" inputMode="decimal" style={{ width: 220 }} value={annual}
              status={errors.annual ? 'error' : undefined} aria-label={t('finance.budget.annual')}
              onChange={(e) => {
                setAnnual(e.target.value);
                clear('annual');
              }} />
            {fieldError('annual')}
            {preview && (
              <div style={{ marginTop: 8 }} data-testid="budget-preview">
                <Typography.Text type="secondary">{t('finance.budget.preview')}</Typography.Text>
                <div className="verp-budget-months">
                  {preview.map((v, m) => (
                    <div key={m}><span className="verp-dim-label">{t('finance.budget.monthN', { n: m + 1 })}</span> {money(v)}</div>
                  ))}
                </div>
              </div>
            )}
          </div>
        ) : (
          <div>
            <div className="verp-budget-months">
              {months.map((v, m) => (
                <div key={m}>
                  <span className="verp-dim-label">{t('finance.budget.monthN', { n: m + 1 })}</span>
                  <Input id={`budget-month-${m}`} className="verp-amount" inputMode="decimal" value={v} size="small"
                    status={errors[`months[${m}]`] ? 'error' : undefined} aria-label={t('finance.budget.monthN', { n: m + 1 })}
                    onChange={(e) => {
                      const next = [...months];
                      next[m] = e.target.value;
                      setMonths(next);
                      clear(`months[${m}]`);
                    }} />
                  {fieldError(`months[${m}]`)}
                </div>
              ))}
            </div>
            <Typography.Text type="secondary">{t('finance.budget.typedTotal', { amount: money(typedTotal) })}</Typography.Text>
            {preview && (
              <Button type="link" size="small" onClick={() => setMonths(preview)}>{t('finance.budget.fillEvenly')}</Button>
            )}
          </div>
        )}
      </Space>
    </Drawer>
  );
}
