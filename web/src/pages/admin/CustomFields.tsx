// Custom fields per entity (per member company): the entity's current ones, and a new field —
// name x_…, kind, zh/en labels, required, list/search flags, options for an enum, the target of
// a link. Values live in the record's `custom` JSON, so adding one needs no migration.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, problemToForm } from '../../api/problem';
import type { FieldMeta } from '../../api/types';
import { useSession } from '../../auth/session';
import { entityMeta, forgetEntityMeta } from '../../lib/entityMeta';
import { useAsync } from '../../lib/useAsync';

export const CUSTOM_KINDS = ['text', 'integer', 'decimal', 'money', 'quantity', 'boolean', 'date', 'datetime', 'enum',
  'link', 'links', 'tags', 'email', 'phone', 'url'];

interface NewField {
  name: string; kind: string; label_zh: string; label_en: string; help_zh?: string; help_en?: string;
  required?: boolean; in_list?: boolean; searchable?: boolean; max_length?: number; scale?: number; link_to?: string;
  options?: { value: string; label_zh: string; label_en: string }[];
}

/** The definition the server takes: empty optional members left out, options only for enums. */
export function customFieldBody(v: NewField): Record<string, unknown> {
  const body: Record<string, unknown> = { name: v.name.trim(), kind: v.kind, label_zh: v.label_zh.trim(), label_en: v.label_en.trim() };
  for (const k of ['help_zh', 'help_en'] as const) if (v[k]?.trim()) body[k] = v[k]!.trim();
  for (const k of ['required', 'in_list', 'searchable'] as const) if (v[k]) body[k] = true;
  if (v.max_length && v.kind === 'text') body.max_length = v.max_length;
  if (v.scale !== undefined && v.scale !== null && v.kind === 'decimal') body.scale = v.scale;
  if ((v.kind === 'link' || v.kind === 'links') && v.link_to) body.link_to = v.link_to;
  if (v.kind === 'enum') body.options = (v.options ?? []).filter((o) => o?.value);
  return body;
}

export default function CustomFields() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { entities, generation, may } = useSession();
  const [entity, setEntity] = useState<string>(() => (entities.some((e) => e.name === 'customer') ? 'customer' : entities[0]?.name ?? ''));
  const [form] = Form.useForm<NewField>();
  const [general, setGeneral] = useState<string[]>([]);
  const [tick, setTick] = useState(0);
  const meta = useAsync(() => (entity ? entityMeta(entity, generation) : Promise.resolve(null)), [entity, generation, tick]);
  const kind = Form.useWatch('kind', form);
  const custom = (meta.data?.fields ?? []).filter((f) => f.custom);
  const changed = () => { forgetEntityMeta(entity); setTick((n) => n + 1); };

  const add = async (v: NewField) => {
    setGeneral([]);
    try {
      await api.post(`/api/v1/meta/entities/${encodeURIComponent(entity)}/custom-fields`, customFieldBody(v));
      message.success(t('customFields.added', { name: v.name }));
      form.resetFields();
      changed();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = problemToForm(e.problem, ['name', 'kind', 'label_zh', 'label_en', 'options', 'link_to', 'max_length', 'scale']);
      form.setFields(mapped.fields.map((f) => ({ name: f.name[0] as never, errors: f.errors })));
      setGeneral(mapped.general);
    }
  };

  const remove = async (f: FieldMeta) => {
    try {
      await api.del(`/api/v1/meta/entities/${encodeURIComponent(entity)}/custom-fields/${encodeURIComponent(f.name)}`);
      changed();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <label>{t('customFields.entity')}{' '}
        <Select showSearch optionFilterProp="label" style={{ minWidth: 220 }} value={entity || undefined} onChange={setEntity}
          data-testid="custom-field-entity" options={entities.map((e) => ({ value: e.name, label: e.label }))} />
      </label>
      {meta.error ? <Alert type="error" message={(meta.error as Error).message} /> : null}
      <Table<FieldMeta> rowKey="name" size="small" loading={meta.loading} dataSource={custom} pagination={false} scroll={{ x: 'max-content' }}
        data-testid="custom-fields" locale={{ emptyText: t('customFields.none') }}
        columns={[
          { title: t('customFields.name'), dataIndex: 'name' },
          { title: t('customFields.label'), key: 'label', render: (_: unknown, f) => `${f.labels?.['zh-CN'] ?? f.label} / ${f.labels?.en ?? ''}` },
          { title: t('customFields.kind'), dataIndex: 'kind', render: (k: string) => t(`customFields.kinds.${k}`, { defaultValue: k }) },
          { title: t('customFields.flags'), key: 'flags', render: (_: unknown, f) => (
            <Space size={4}>{f.required && <Tag>{t('customFields.required')}</Tag>}{f.in_list && <Tag>{t('customFields.inList')}</Tag>}
              {f.searchable && <Tag>{t('customFields.searchable')}</Tag>}</Space>) },
          ...(may('custom_field', 'delete') ? [{ title: t('list.actions'), key: 'remove', render: (_: unknown, f: FieldMeta) => (
            <Popconfirm title={t('customFields.confirmRemove')} onConfirm={() => remove(f)} okText={t('form.delete')} cancelText={t('form.cancel')}>
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('form.delete')} ${f.name}`} />
            </Popconfirm>) }] : []),
        ]} />
      {may('custom_field', 'create') && (
        <Card size="small" title={t('customFields.new')}>
          <Form form={form} layout="vertical" onFinish={add} initialValues={{ name: 'x_', kind: 'text' }} data-testid="custom-field-form">
            {general.length > 0 && <Alert type="error" showIcon role="alert" message={general.join('; ')} style={{ marginBottom: 12 }} />}
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="name" label={t('customFields.name')} extra={t('customFields.nameHelp')}
                  rules={[{ required: true, pattern: /^x_[a-z0-9_]{1,40}$/, message: t('customFields.nameHelp') }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="kind" label={t('customFields.kind')} rules={[{ required: true }]}>
                  <Select options={CUSTOM_KINDS.map((k) => ({ value: k, label: t(`customFields.kinds.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="label_zh" label={t('customFields.labelZh')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="label_en" label={t('customFields.labelEn')} rules={[{ required: true, max: 50 }]}><Input /></Form.Item>
              </Col>
              {kind === 'text' && (
                <Col xs={24} sm={12}><Form.Item name="max_length" label={t('customFields.maxLength')}><InputNumber min={1} max={2000} style={{ width: '100%' }} /></Form.Item></Col>
              )}
              {kind === 'decimal' && (
                <Col xs={24} sm={12}><Form.Item name="scale" label={t('customFields.scale')}><InputNumber min={0} max={6} style={{ width: '100%' }} /></Form.Item></Col>
              )}
              {(kind === 'link' || kind === 'links') && (
                <Col xs={24} sm={12}>
                  <Form.Item name="link_to" label={t('customFields.linkTo')} rules={[{ required: true }]}>
                    <Select showSearch optionFilterProp="label" options={entities.map((e) => ({ value: e.name, label: e.label }))} />
                  </Form.Item>
                </Col>
              )}
            </Row>
            {kind === 'enum' && (
              <Form.List name="options" initialValue={[{ value: '', label_zh: '', label_en: '' }]}>
                {(rows, { add: addRow, remove: removeRow }, { errors }) => (
                  <Card size="small" type="inner" title={t('customFields.options')} style={{ marginBottom: 12 }}>
                    {rows.map((row, i) => (
                      <Space key={row.key} wrap align="start">
                        <Form.Item name={[row.name, 'value']} rules={[{ required: true }]}><Input placeholder={t('customFields.optionValue')} aria-label={`${t('customFields.optionValue')} ${i + 1}`} /></Form.Item>
                        <Form.Item name={[row.name, 'label_zh']}><Input placeholder={t('customFields.labelZh')} aria-label={`${t('customFields.labelZh')} ${i + 1}`} /></Form.Item>
                        <Form.Item name={[row.name, 'label_en']}><Input placeholder={t('customFields.labelEn')} aria-label={`${t('customFields.labelEn')} ${i + 1}`} /></Form.Item>
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('form.delete')} ${i + 1}`} onClick={() => removeRow(row.name)} />
                      </Space>
                    ))}
                    <Form.ErrorList errors={errors} />
                    <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => addRow({ value: '', label_zh: '', label_en: '' })}>{t('customFields.addOption')}</Button>
                  </Card>
                )}
              </Form.List>
            )}
            <Space wrap>
              <Form.Item name="required" valuePropName="checked" noStyle><Checkbox>{t('customFields.required')}</Checkbox></Form.Item>
              <Form.Item name="in_list" valuePropName="checked" noStyle><Checkbox>{t('customFields.inList')}</Checkbox></Form.Item>
              <Form.Item name="searchable" valuePropName="checked" noStyle><Checkbox>{t('customFields.searchable')}</Checkbox></Form.Item>
            </Space>
            <div style={{ marginTop: 12 }}>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} data-testid="custom-field-save">{t('customFields.add')}</Button>
            </div>
          </Form>
        </Card>
      )}
    </Space>
  );
}
