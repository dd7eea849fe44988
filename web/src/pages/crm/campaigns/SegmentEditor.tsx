// 客户分群编辑 (/crm/segments/new, /crm/segments/:id): a condition builder over the customer
// fields the metadata offers (custom fields included), "all" or "any", a live count and the first
// 20 customers as one types (the customers area's computed scores too, when it keeps them); the saved segment's members page through and download as Excel.
import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Space, Statistic, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { computedFields, previewSegment, SEGMENTS, segmentMembers, type SegmentFilter, type SegmentMember, type SegmentPreview } from '../../../api/crm/campaigns';
import type { EntityRecord } from '../../../api/types';
import { useSession } from '../../../auth/session';
import { type EditorState, fromFilter, segmentFields, toFilter } from '../../../lib/crm/campaigns';
import { entityMeta } from '../../../lib/entityMeta';
import { useAsync } from '../../../lib/useAsync';
import { DownloadButton, problemText } from '../../finance/common';
import { ConditionRow } from './ConditionRow';

function useMemberColumns() {
  const { t } = useTranslation();
  return (['code', 'name', 'grade', 'region', 'email', 'phone'] as const).map((key) => ({
    title: t(`crm.campaigns.segments.columns.${key}`), dataIndex: key, key,
  }));
}

/** A saved segment's members as they are now, a page at a time (keyset: after the last id). */
function MembersCard({ id, refresh }: { id: number; refresh: unknown }) {
  const { t } = useTranslation();
  const columns = useMemberColumns();
  const [pages, setPages] = useState<SegmentMember[][]>([]);
  const first = useAsync(() => segmentMembers(id), [id, refresh]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!first.data) return;
    setPages([first.data.items]);
    setNext(first.data.next_after);
  }, [first.data]);
  const more = async () => {
    if (next === null) return;
    setLoading(true);
    try {
      const page = await segmentMembers(id, next);
      setPages((p) => [...p, page.items]);
      setNext(page.next_after);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Card size="small" title={`${t('crm.campaigns.segments.members')} (${first.data?.count ?? '—'})`} data-testid="segment-members">
      {first.error ? <Alert type="error" showIcon message={problemText(first.error)} /> : (
        <Table<SegmentMember> size="small" rowKey="id" pagination={false} loading={first.loading} dataSource={pages.flat()} columns={columns}
          footer={next !== null ? () => <Button loading={loading} onClick={() => void more()}>{t('crm.campaigns.segments.more')}</Button> : undefined} />
      )}
    </Card>
  );
}

export default function SegmentEditor() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { generation, may } = useSession();
  const meta = useAsync(() => entityMeta('customer', generation), [generation]);
  const computed = useAsync(() => computedFields().catch(() => ({ items: [] })), [generation, i18n.language]);
  const fields = useMemo(() => [...segmentFields(meta.data?.fields ?? []), ...(computed.data?.items ?? [])], [meta.data, computed.data]);
  const saved = useAsync(() => (isNew ? Promise.resolve(undefined) : api.get<EntityRecord>(`${SEGMENTS}/${id}`)), [id, generation]);
  const [name, setName] = useState('');
  const [state, setState] = useState<EditorState>({ mode: 'all', rows: [{ field: '', op: 'eq' }] });
  const [nested, setNested] = useState<SegmentFilter[]>([]);
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const columns = useMemberColumns();

  useEffect(() => {
    if (!saved.data) return;
    setName(String(saved.data.name ?? ''));
    const raw = typeof saved.data.filter === 'string' ? JSON.parse(saved.data.filter) : saved.data.filter;
    const parsed = fromFilter(raw);
    setState({ mode: parsed.mode, rows: parsed.rows.length ? parsed.rows : [{ field: '', op: 'eq' }] });
    setNested(parsed.nested);
  }, [saved.data]);

  const filter = useMemo(() => toFilter(state, fields, nested), [state, fields, nested]);
  const conditions = 'all' in filter ? filter.all : filter.any;

  // The live preview, a moment after the last change.
  useEffect(() => {
    if (!conditions.length) {
      setPreview(null);
      return undefined;
    }
    const timer = window.setTimeout(() => {
      previewSegment(filter).then((p) => { setPreview(p); setProblem(null); }).catch((e) => { setPreview(null); setProblem(problemText(e)); });
    }, 400);
    return () => window.clearTimeout(timer);
  }, [JSON.stringify(filter)]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    setSaving(true);
    try {
      if (isNew) {
        const made = await api.post<EntityRecord>(SEGMENTS, { name, filter });
        message.success(t('crm.campaigns.common.saved'));
        navigate(`/crm/segments/${made.id}`, { replace: true });
      } else {
        await api.patch(`${SEGMENTS}/${id}`, { version: saved.data?.version, name, filter });
        message.success(t('crm.campaigns.common.saved'));
        saved.reload();
      }
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setSaving(false);
    }
  };

  const setRow = (index: number, row: EditorState['rows'][number]) =>
    setState((s) => ({ ...s, rows: s.rows.map((r, i) => (i === index ? row : r)) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="segment-editor">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{isNew ? t('crm.campaigns.segments.newTitle') : name}</Typography.Title>
        <Button onClick={() => navigate('/crm/segments')}>{t('crm.campaigns.common.back')}</Button>
      </Space>
      {(meta.error || saved.error) ? <Alert type="error" showIcon message={problemText(meta.error ?? saved.error)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Form layout="vertical">
              <Form.Item label={t('crm.campaigns.common.name')} required>
                <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} data-testid="segment-name" />
              </Form.Item>
              <Space style={{ marginBottom: 12 }}>
                <span>{t('crm.campaigns.segments.match')}</span>
                <Radio.Group value={state.mode} onChange={(e) => setState((s) => ({ ...s, mode: e.target.value }))} data-testid="segment-mode">
                  <Radio.Button value="all">{t('crm.campaigns.segments.all')}</Radio.Button>
                  <Radio.Button value="any">{t('crm.campaigns.segments.any')}</Radio.Button>
                </Radio.Group>
              </Space>
              <Space direction="vertical" style={{ width: '100%' }}>
                {state.rows.map((row, index) => (
                  <ConditionRow key={index} row={row} index={index} fields={fields} onChange={(r) => setRow(index, r)}
                    onRemove={() => setState((s) => ({ ...s, rows: s.rows.filter((_, i) => i !== index) }))} />
                ))}
                {nested.length > 0 && <Typography.Text type="secondary">{t('crm.campaigns.segments.nested', { count: nested.length })}</Typography.Text>}
                <Button onClick={() => setState((s) => ({ ...s, rows: [...s.rows, { field: '', op: 'eq' }] }))} data-testid="condition-add">
                  {t('crm.campaigns.segments.addCondition')}
                </Button>
              </Space>
            </Form>
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" loading={saving} disabled={!name.trim() || !conditions.length || !may('segment', isNew ? 'create' : 'update')}
                onClick={() => void save()} data-testid="segment-save">{t('crm.campaigns.common.save')}</Button>
              {!isNew && may('segment', 'export') && (
                <DownloadButton path={`${SEGMENTS}/${id}/members`} query={{}} testId="segment-download" />
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('crm.campaigns.segments.preview')} data-testid="segment-preview">
            {!conditions.length ? <Typography.Text type="secondary">{t('crm.campaigns.segments.noConditions')}</Typography.Text>
              : problem ? <Alert type="warning" showIcon message={problem} data-testid="segment-problem" />
                : (
                  <>
                    <Statistic title={t('crm.campaigns.segments.count')} value={preview?.count ?? '—'} data-testid="segment-count" />
                    <Typography.Text type="secondary">{t('crm.campaigns.segments.sample')}</Typography.Text>
                    <Table<SegmentMember> size="small" rowKey="id" pagination={false} dataSource={preview?.sample ?? []}
                      columns={columns.slice(0, 4)} data-testid="segment-sample" />
                  </>
                )}
          </Card>
        </Col>
      </Row>
      {!isNew && <MembersCard id={Number(id)} refresh={saved.data?.version} />}
    </Space>
  );
}
