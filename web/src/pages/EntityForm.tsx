// The generic form of any entity: sections from its metadata, a control per field kind, the
// server's field errors shown at each field, the duplicate warning with "create anyway", history.
import {
  Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, List, Modal, Row, Select, Space, Switch, Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { ApiError, problemToForm, type DuplicateMatch } from '../api/problem';
import type { EntityMeta, EntityRecord } from '../api/types';
import { useSession } from '../auth/session';
import { LinkSelect } from '../components/LinkSelect';
import { RecordAttachments } from '../components/RecordAttachments';
import { RecordAudit } from '../components/RecordAudit';
import { RecordHistory } from '../components/RecordHistory';
import { RuleEditor } from '../components/RuleEditor';
import { RULE_EDITOR_FIELDS, ruleFormValues, ruleRecordValues } from '../lib/approvalRule';
import { parseDecimalInput } from '../lib/decimal';
import { entityMeta } from '../lib/entityMeta';
import { defaultValues, formSections, InvalidInput, recordPayload, toFormValue, type FormField } from '../lib/meta';
import { useAsync } from '../lib/useAsync';
import { ENTITY_EXTRAS } from './entityExtras';

export default function EntityForm() {
  const { entity = '', id } = useParams();
  const { generation } = useSession();
  const { i18n } = useTranslation();
  const data = useAsync(async () => {
    const meta = await entityMeta(entity, generation);
    const record = id ? await api.get<EntityRecord>(`${meta.path}/${id}`) : undefined;
    return { meta, record };
  }, [entity, id, generation, i18n.language]);
  if (data.error) {
    return <Alert type="error" showIcon message={data.error instanceof ApiError ? data.error.message : String(data.error)} />;
  }
  if (!data.data || data.loading) return <Card loading />;
  return <EntityFormView key={`${entity}:${id}:${data.data.record?.version}`} meta={data.data.meta} record={data.data.record}
    onSaved={data.reload} />;
}

function isoDateTime(d: Dayjs): string {
  return d.toDate().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function control(field: FormField, record: EntityRecord | undefined, t: (k: string) => string) {
  const disabled = field.readOnly;
  switch (field.widget) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={field.maxLength} disabled={disabled} />;
    case 'integer':
      return <InputNumber precision={0} style={{ width: '100%' }} disabled={disabled} />;
    case 'decimal':
      return <Input inputMode="decimal" disabled={disabled} prefix={field.kind === 'money' ? '¥' : undefined} />;
    case 'switch':
      return <Switch disabled={disabled} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} disabled={disabled} />;
    case 'datetime':
      return <DatePicker showTime style={{ width: '100%' }} disabled={disabled} />;
    case 'select':
      return <Select allowClear options={field.options} disabled={disabled} />;
    case 'link':
    case 'links': {
      const links = record?._links?.[field.name];
      return <LinkSelect linkTo={field.linkTo ?? ''} multiple={field.widget === 'links'} disabled={disabled}
        initialLabels={links ? (Array.isArray(links) ? links : [links]) : []} />;
    }
    case 'tags':
      return <Select mode="tags" disabled={disabled} tokenSeparators={[',', '，']} />;
    case 'email':
      return <Input inputMode="email" autoComplete="email" maxLength={field.maxLength} disabled={disabled} />;
    case 'phone':
      return <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={field.maxLength} disabled={disabled} />;
    case 'url':
      return <Input inputMode="url" maxLength={field.maxLength} disabled={disabled} />;
    case 'json':
      return <Input.TextArea rows={4} style={{ fontFamily: 'monospace' }} disabled={disabled} />;
    case 'readonly':
      return <Input disabled placeholder={t('form.details')} />;
    default:
      return <Input maxLength={field.maxLength} disabled={disabled} />;
  }
}

function EntityFormView({ meta, record, onSaved }: { meta: EntityMeta; record?: EntityRecord; onSaved: () => void }) {
  const { t } = useTranslation();
  const { may, generation } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [general, setGeneral] = useState<string[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);
  const [saving, setSaving] = useState(false);
  const sections = useMemo(() => formSections(meta), [meta]);
  const canWrite = meta.actions.includes(record ? 'update' : 'create');

  // An approval rule's conditions and steps are edited visually, not as JSON text.
  const ruleEditor = meta.name === 'approval_rule';
  const initial = useMemo(() => {
    const values: Record<string, unknown> = record ? {} : defaultValues(meta);
    if (record) for (const f of meta.fields) values[f.name] = toFormValue(f, record[f.name]);
    return ruleEditor ? { ...values, ...ruleFormValues(record) } : values;
  }, [meta, record, ruleEditor]);
  const documentType = Form.useWatch('document_type', form) as string | undefined;
  useEffect(() => form.setFieldsValue(initial), [form, initial]);

  const save = async (confirmDuplicates = false) => {
    setGeneral([]);
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (ruleEditor) {
      const typed = documentType ? await entityMeta(documentType, generation).catch(() => null) : null;
      values = ruleRecordValues(values, typed?.fields ?? []);
    }
    let body: Record<string, unknown>;
    try {
      body = recordPayload(meta, values, record);
    } catch (e) {
      if (e instanceof InvalidInput) form.setFields([{ name: e.field, errors: [t(`form.${e.code}`)] }]);
      return;
    }
    setSaving(true);
    try {
      if (record) {
        await api.patch(`${meta.path}/${record.id}`, body);
        message.success(t('form.saved'));
        onSaved();
      } else {
        const created = await api.post<EntityRecord>(meta.path, body, {
          query: confirmDuplicates ? { confirm_duplicates: 'true' } : undefined,
        });
        message.success(t('form.created'));
        navigate(`/e/${meta.name}/${created.id}`, { replace: true });
      }
    } catch (e) {
      if (e instanceof ApiError && e.isDuplicateWarning) {
        setDuplicates(e.problem.duplicates ?? []);
      } else if (e instanceof ApiError) {
        const mapped = problemToForm(e.problem, meta.fields.map((f) => f.name));
        form.setFields(mapped.fields.map((f) => ({ name: f.name.length === 1 ? (f.name[0] as string) : f.name, errors: f.errors })));
        setGeneral(mapped.general);
      } else {
        setGeneral([t('errors.network')]);
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!record) return;
    try {
      const r = await api.del<{ archived?: boolean } | undefined>(`${meta.path}/${record.id}`);
      message.success(r?.archived ? t('form.archived') : t('form.deleted'));
      navigate(`/e/${meta.name}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const title = record ? String(record[meta.title_field || 'name'] ?? `#${record.id}`) : `${t('list.new')} ${meta.label}`;
  const details = (
    <Form form={form} layout="vertical" initialValues={initial} disabled={!canWrite} onFinish={() => save()}
      scrollToFirstError data-testid="entity-form">
      {general.length > 0 && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} data-testid="form-errors"
          message={general[0]} description={general.length > 1 ? general.slice(1).join('; ') : undefined} />
      )}
      {sections.map((section) => (
        <Card key={section.key} size="small" title={t(`form.sections.${section.key}`, { defaultValue: section.key })} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {section.fields.filter((field) => !(ruleEditor && RULE_EDITOR_FIELDS.includes(field.name))).map((field) => (
              <Col key={field.name} xs={24} md={field.widget === 'textarea' || field.widget === 'json' ? 24 : 12}>
                <Form.Item
                  name={field.name}
                  label={field.label}
                  tooltip={field.help}
                  valuePropName={field.widget === 'switch' ? 'checked' : 'value'}
                  rules={[
                    { required: field.required && !field.readOnly, message: t('form.required', { label: field.label }) },
                    ...(field.widget === 'decimal'
                      ? [{ validator: (_: unknown, v: unknown) => (v === undefined || v === null || v === '' || parseDecimalInput(String(v)) !== null
                            ? Promise.resolve() : Promise.reject(new Error(t('form.invalid_decimal')))) }]
                      : []),
                  ]}
                  {...(field.widget === 'date'
                    ? { getValueProps: (v: string) => ({ value: v ? dayjs(v) : null }), normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null) }
                    : field.widget === 'datetime'
                      ? { getValueProps: (v: string) => ({ value: v ? dayjs(v) : null }), normalize: (d: Dayjs | null) => (d ? isoDateTime(d) : null) }
                      : {})}
                >
                  {control(field, record, t)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      ))}
      {ruleEditor && <div style={{ marginBottom: 16 }}><RuleEditor documentType={documentType} /></div>}
      <Space>
        {canWrite && <Button type="primary" htmlType="submit" loading={saving} data-testid="save">{t('form.save')}</Button>}
        <Button disabled={false} onClick={() => navigate(`/e/${meta.name}`)}>{t('form.cancel')}</Button>
        {record && meta.actions.includes('delete') && <Button danger disabled={false} onClick={remove}>{t('form.delete')}</Button>}
      </Space>
    </Form>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="form-title">{title}</Typography.Title>
        {record && ENTITY_EXTRAS[meta.name]?.recordActions?.(record)}
      </Space>
      {record ? (
        <Tabs items={[
          { key: 'details', label: t('form.details'), children: details },
          { key: 'history', label: t('form.history'), children: (
            <RecordHistory meta={meta} id={record.id} current={Number(record.version ?? 0)} onRestored={onSaved} />) },
          ...(may('audit_log', 'read')
            ? [{ key: 'audit', label: t('history.audit'), children: <RecordAudit meta={meta} id={record.id} /> }]
            : []),
          { key: 'attachments', label: t('attachments.title'), children: (
            <RecordAttachments base={`${meta.path}/${record.id}/attachments`} canWrite={meta.actions.includes('update')} />) },
        ]} destroyOnHidden />
      ) : details}
      <Modal open={duplicates !== null} title={t('form.duplicateTitle')} onCancel={() => setDuplicates(null)}
        okText={t('form.createAnyway')} cancelText={t('form.cancel')}
        onOk={() => { setDuplicates(null); void save(true); }} data-testid="duplicate-modal">
        <Typography.Paragraph>{t('form.duplicateHelp')}</Typography.Paragraph>
        <List size="small" dataSource={duplicates ?? []} renderItem={(d) => (
          <List.Item>
            <a href={`/e/${meta.name}/${d.id}`} target="_blank" rel="noreferrer">{[d.code, d.title].filter(Boolean).join(' ') || `#${d.id}`}</a>
            <Typography.Text type="secondary">{Array.isArray(d.matched_on) ? d.matched_on.join(', ') : d.matched_on}</Typography.Text>
          </List.Item>
        )} />
      </Modal>
    </Space>
  );
}
