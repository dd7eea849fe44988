// The generic list of any entity, driven by its metadata: full-text search, a filter per column,
// sort, a column chooser, saved views, keyset (cursor) pages, export, bulk delete; cards on narrow screens.
import { DownloadOutlined, FilterFilled, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Dropdown, Empty, Grid, Input, Popover, Space, Table, Typography,
  type TableColumnsType, type TableProps,
} from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, withQuery } from '../api/client';
import { ApiError } from '../api/problem';
import type { EntityMeta, EntityRecord, FieldMeta, Page } from '../api/types';
import { useSession } from '../auth/session';
import { FieldFilter, filterParams, isFilterable, type FieldFilterValue } from '../components/FieldFilter';
import { SavedViews } from '../components/SavedViews';
import { entityMeta } from '../lib/entityMeta';
import { displayValue } from '../lib/format';
import { listColumns } from '../lib/meta';
import { applicableColumns } from '../lib/savedViews';
import { useAsync } from '../lib/useAsync';
import { ENTITY_EXTRAS } from './entityExtras';

const PAGE_SIZE = 20;

function storedColumns(entity: string): string[] | null {
  try {
    const raw = localStorage.getItem(`verp.columns.${entity}`);
    return raw ? (JSON.parse(raw) as string[]) : null;
  } catch {
    return null;
  }
}

/** What a page built on the generic list changes of it (the purchase orders open their own page, show a coloured status). */
export interface ListOptions {
  /** Where a record opens; default its generic form /e/{entity}/{id}. */
  recordPath?: (id: number) => string;
  /** Where "new" goes; default /e/{entity}/new. */
  newPath?: string;
  /** The columns shown until the user picks others; default the fields the metadata lists. */
  defaultColumns?: string[];
  /** A cell of its own for some fields (the value as the server sent it). */
  render?: Record<string, (value: unknown, record: EntityRecord) => ReactNode>;
  /** Actions on the ticked rows besides bulk delete (their ids in the order shown). */
  selectionActions?: (ids: number[]) => ReactNode;
}

export default function EntityList() {
  const { entity = '' } = useParams();
  return <EntityListPage entity={entity} options={ENTITY_EXTRAS[entity]} />;
}

export function EntityListPage({ entity, options }: { entity: string; options?: ListOptions }) {
  const { generation } = useSession();
  const { i18n } = useTranslation();
  const meta = useAsync(() => entityMeta(entity, generation), [entity, generation, i18n.language]);
  if (meta.error) {
    return <Alert type="error" showIcon message={meta.error instanceof ApiError ? meta.error.message : String(meta.error)} />;
  }
  if (!meta.data) return <Card loading />;
  return <EntityListView key={entity} meta={meta.data} options={options ?? {}} />;
}

function EntityListView({ meta, options }: { meta: EntityMeta; options: ListOptions }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [filters, setFilters] = useState<Record<string, FieldFilterValue>>({});
  const [cursors, setCursors] = useState<string[]>(['']);
  const [selected, setSelected] = useState<number[]>([]);
  const [shown, setShown] = useState<string[]>(() => storedColumns(meta.name) ?? options.defaultColumns ?? listColumns(meta).map((f) => f.name));
  const recordPath = options.recordPath ?? ((id: number) => `/e/${meta.name}/${id}`);
  const cursor = cursors[cursors.length - 1];
  const can = (action: string) => meta.actions.includes(action);
  const selectable = can('delete') || options.selectionActions !== undefined;

  const query = useMemo(() => ({ q: search, sort, ...filterParams(filters) }), [search, sort, filters]);
  const page = useAsync(
    () => api.get<Page<EntityRecord>>(meta.path, { ...query, limit: PAGE_SIZE, cursor: cursor || undefined }),
    [meta.path, query, cursor],
  );
  useEffect(() => setCursors(['']), [query]);
  useEffect(() => localStorage.setItem(`verp.columns.${meta.name}`, JSON.stringify(shown)), [meta.name, shown]);

  const titleField = meta.title_field || 'name';
  const fields = meta.fields.filter((f) => shown.includes(f.name));
  const text = (f: FieldMeta, r: EntityRecord) => displayValue(f, r[f.name], i18n.language, t, r._links?.[f.name] as never);
  const cell = (f: FieldMeta, r: EntityRecord): ReactNode => options.render?.[f.name]?.(r[f.name], r) ?? text(f, r);

  const columns: TableColumnsType<EntityRecord> = fields.map((f) => ({
    key: f.name,
    dataIndex: f.name,
    title: f.label,
    sorter: isFilterable(f) || f.kind === 'link',
    sortOrder: sort === f.name ? 'ascend' : sort === `-${f.name}` ? 'descend' : null,
    align: ['money', 'decimal', 'quantity', 'integer'].includes(f.kind) ? ('right' as const) : undefined,
    filterDropdown: isFilterable(f)
      ? ({ close }) => (
          <FieldFilter field={f} value={filters[f.name]} onApply={(v) => {
            setFilters((all) => {
              const next = { ...all };
              if (v) next[f.name] = v;
              else delete next[f.name];
              return next;
            });
            close();
          }} />
        )
      : undefined,
    filterIcon: isFilterable(f) ? <FilterFilled style={{ color: filters[f.name] ? '#1677ff' : undefined }} aria-label={`${t('list.filter')} ${f.label}`} /> : undefined,
    render: (_: unknown, r: EntityRecord) =>
      f.name === titleField ? <Link to={recordPath(r.id)}>{text(f, r) || `#${r.id}`}</Link> : cell(f, r),
  }));

  const onTableChange: TableProps<EntityRecord>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s || !s.order) setSort(undefined);
    else setSort((s.order === 'descend' ? '-' : '') + String(s.columnKey));
  };

  const exportHref = (format: string) => withQuery(meta.path, { ...query, format });

  const bulkDelete = () =>
    modal.confirm({
      title: t('list.confirmDelete'),
      onOk: async () => {
        try {
          const r = await api.post<{ affected: number }>(`${meta.path}/bulk`, { action: 'delete', ids: selected });
          message.success(t('list.done', { count: r.affected }));
          setSelected([]);
          page.reload();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : String(e));
        }
      },
    });

  const columnChooser = (
    <Checkbox.Group
      style={{ display: 'flex', flexDirection: 'column', gap: 4, maxHeight: 360, overflow: 'auto' }}
      value={shown}
      options={meta.fields.filter((f) => f.kind !== 'json').map((f) => ({ value: f.name, label: f.label }))}
      onChange={(v) => setShown(meta.fields.map((f) => f.name).filter((n) => (v as string[]).includes(n)))}
    />
  );

  const items = page.data?.items ?? [];
  // The ticked rows as the table shows them, then those ticked on other pages.
  const onPage = items.map((r) => r.id).filter((id) => selected.includes(id));
  const selectedInOrder = [...onPage, ...selected.filter((id) => !onPage.includes(id))];
  const pager = (
    <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }}>
      <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('list.prev')}</Button>
      <Button disabled={!page.data?.next_cursor} data-testid="next-page"
        onClick={() => page.data?.next_cursor && setCursors((c) => [...c, page.data!.next_cursor!])}>{t('list.next')}</Button>
    </Space>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{meta.label}</Typography.Title>
        <Space wrap>
          {can('create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(options.newPath ?? `/e/${meta.name}/new`)} data-testid="new-record">
              {t('list.new')}
            </Button>
          )}
          {can('import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate(`/e/${meta.name}/import`)} data-testid="import">
              {t('list.import')}
            </Button>
          )}
          {can('export') && (
            <Dropdown menu={{ items: [
              { key: 'xlsx', label: <a href={exportHref('xlsx')} download data-testid="export-xlsx">Excel (XLSX)</a> },
              { key: 'csv', label: <a href={exportHref('csv')} download data-testid="export-csv">CSV</a> },
            ] }}>
              <Button icon={<DownloadOutlined />} data-testid="export">{t('list.export')}</Button>
            </Dropdown>
          )}
          {!mobile && (
            <Popover content={columnChooser} trigger="click" placement="bottomRight" title={t('list.columns')}>
              <Button icon={<SettingOutlined />} aria-label={t('list.columns')}>{t('list.columns')}</Button>
            </Popover>
          )}
        </Space>
      </Space>
      <SavedViews entity={meta.name} current={{ q: search, sort, filters, columns: shown }} onApply={(view) => {
        setQ(view.q);
        setSearch(view.q);
        setSort(view.sort);
        setFilters(view.filters);
        const columns = applicableColumns(view, meta.fields.map((f) => f.name));
        if (columns.length) setShown(columns);
      }} />
      <Input.Search
        aria-label={t('list.search')}
        placeholder={t('list.search')}
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => setSearch(v.trim())}
        enterButton
        data-testid="list-search"
      />
      {page.error != null && (
        <Alert type="error" showIcon message={page.error instanceof ApiError ? page.error.message : String(page.error)} />
      )}
      {selected.length > 0 && selectable && (
        <Space wrap>
          <span>{t('list.selected', { count: selected.length })}</span>
          {options.selectionActions?.(selectedInOrder)}
          {can('delete') && <Button danger onClick={bulkDelete}>{t('list.deleteSelected')}</Button>}
        </Space>
      )}
      {mobile ? (
        <div className="verp-card-list" data-testid="record-cards">
          {page.loading && <Card loading />}
          {!page.loading && items.length === 0 && <Empty description={t('list.empty')} />}
          {!page.loading && items.map((r) => {
            const titleMeta = meta.fields.find((f) => f.name === titleField);
            return (
              <Card key={r.id} size="small" title={<Link to={recordPath(r.id)}>{titleMeta ? text(titleMeta, r) : `#${r.id}`}</Link>}>
                {fields.filter((f) => f.name !== titleField && text(f, r) !== '').slice(0, 5).map((f) => (
                  <div key={f.name} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <Typography.Text type="secondary">{f.label}</Typography.Text>
                    <span style={{ textAlign: 'right' }}>{cell(f, r)}</span>
                  </div>
                ))}
              </Card>
            );
          })}
        </div>
      ) : (
        <Table<EntityRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={page.loading}
          pagination={false}
          onChange={onTableChange}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('list.empty')} /> }}
          rowSelection={selectable ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
          data-testid="record-table"
        />
      )}
      {pager}
    </Space>
  );
}
