// Roles: create from a template or empty; edit the permission matrix (resources × actions, each
// cell a data scope) and the field rules (hidden / read-only), saved together with the version.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useSession } from '../../auth/session';
import {
  actionsFor, grantsFromMatrix, matrixFromGrants, matrixRows, normaliseFieldRules, SCOPES, setCell, SYSTEM_RESOURCES,
  type FieldRule, type Matrix, type Scope,
} from '../../lib/permissionMatrix';
import { useAsync } from '../../lib/useAsync';
import { listRoles, type RoleRow } from './shared';

function ScopeSelect({ value, onChange, label, disabled }: {
  value?: Scope; onChange: (s: Scope | null) => void; label: string; disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select size="small" style={{ width: 112 }} allowClear placeholder="—" value={value} disabled={disabled} aria-label={label}
      onChange={(v?: Scope) => onChange(v ?? null)} options={SCOPES.map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))} />
  );
}

function RoleEditor({ role, onSaved }: { role: RoleRow; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { entities, may } = useSession();
  const [name, setName] = useState(role.name);
  const [mfa, setMfa] = useState(role.requires_mfa);
  const [matrix, setMatrix] = useState<Matrix>(() => matrixFromGrants(role.grants));
  const [rules, setRules] = useState<FieldRule[]>(role.field_rules);
  const [onlyGranted, setOnlyGranted] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = may('role', 'update');
  const labels = useMemo(() => new Map(entities.map((e) => [e.name, e.label])), [entities]);
  const known = useMemo(() => [...entities.map((e) => e.name), ...Object.keys(SYSTEM_RESOURCES)], [entities]);
  const rows = matrixRows(matrix, onlyGranted ? [] : known);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/api/v1/roles/${role.id}`, {
        version: role.version, name, requires_mfa: mfa, grants: grantsFromMatrix(matrix), field_rules: normaliseFieldRules(rules),
      });
      message.success(t('form.saved'));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? [e.message, ...(e.problem.errors ?? []).map((x) => `${x.field}: ${x.message}`)].join('; ') : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="role-editor">
      {error && <Alert type="error" showIcon role="alert" message={error} />}
      <Space wrap>
        <label>{t('roles.name')} <Input value={name} onChange={(e) => setName(e.target.value)} disabled={!editable} style={{ width: 220 }} /></label>
        <label>{t('roles.requiresMfa')} <Switch checked={mfa} onChange={setMfa} disabled={!editable} /></label>
        <Checkbox checked={onlyGranted} onChange={(e) => setOnlyGranted(e.target.checked)}>{t('roles.onlyGranted')}</Checkbox>
      </Space>
      <Typography.Text type="secondary">{t('roles.matrixHelp')}</Typography.Text>
      <Table size="small" pagination={false} rowKey="resource" scroll={{ y: 480 }} data-testid="permission-matrix"
        dataSource={rows.map((resource) => ({ resource }))}
        columns={[
          { title: t('admin.resource'), dataIndex: 'resource', fixed: 'left', width: 180,
            render: (r: string) => (r === '*' ? <Tag color="gold">{t('roles.everything')}</Tag> : `${labels.get(r) ?? t(`roles.resources.${r}`, { defaultValue: r })}`) },
          { title: t('roles.actions'), key: 'cells', render: (_: unknown, { resource }: { resource: string }) => (
            <Space wrap size={[12, 4]}>
              {actionsFor(resource, matrix).map((action) => (
                <span key={action} style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text type="secondary" style={{ marginRight: 4 }}>{t(`roles.actionNames.${action === '*' ? 'all' : action}`, { defaultValue: action })}</Typography.Text>
                  <ScopeSelect value={matrix[resource]?.[action]} disabled={!editable} label={`${resource} ${action}`}
                    onChange={(s) => setMatrix((m) => setCell(m, resource, action, s))} />
                </span>
              ))}
            </Space>) },
        ]} />
      <Card size="small" title={t('roles.fieldRules')}>
        {rules.map((r, i) => (
          <Space key={i} wrap style={{ marginBottom: 8 }}>
            <Select showSearch style={{ width: 180 }} value={r.resource || undefined} placeholder={t('admin.resource')} aria-label={t('admin.resource')}
              options={entities.map((e) => ({ value: e.name, label: e.label }))} optionFilterProp="label" disabled={!editable}
              onChange={(v: string) => setRules((all) => all.map((x, j) => (j === i ? { ...x, resource: v } : x)))} />
            <Input style={{ width: 180 }} value={r.field} placeholder={t('roles.field')} aria-label={t('roles.field')} disabled={!editable}
              onChange={(e) => setRules((all) => all.map((x, j) => (j === i ? { ...x, field: e.target.value.trim() } : x)))} />
            <Select style={{ width: 120 }} value={r.access} aria-label={t('roles.access')} disabled={!editable}
              options={[{ value: 'hidden', label: t('roles.hidden') }, { value: 'read_only', label: t('roles.readOnly') }]}
              onChange={(v: FieldRule['access']) => setRules((all) => all.map((x, j) => (j === i ? { ...x, access: v } : x)))} />
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('form.delete')} disabled={!editable}
              onClick={() => setRules((all) => all.filter((_, j) => j !== i))} />
          </Space>
        ))}
        {editable && <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setRules((all) => [...all, { resource: '', field: '', access: 'hidden' }])}>
          {t('roles.addFieldRule')}</Button>}
      </Card>
      {editable && <Button type="primary" onClick={save} loading={saving} data-testid="role-save">{t('form.save')}</Button>}
    </Space>
  );
}

export default function Roles() {
  const { t } = useTranslation();
  const { may } = useSession();
  const { message } = App.useApp();
  const roles = useAsync(() => listRoles(), []);
  const templates = useAsync(() => listRoles(true).catch(() => []), []);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  useEffect(() => {
    if (selected === null && roles.data?.length) setSelected(roles.data[0].id);
  }, [roles.data, selected]);
  const role = roles.data?.find((r) => r.id === selected);

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const created = await api.post<RoleRow>('/api/v1/roles', {
        code: v.code, name: v.name, ...(v.from_template ? { from_template: v.from_template } : { grants: [], field_rules: [] }),
      });
      setCreating(false);
      form.resetFields();
      roles.reload();
      setSelected(created.id);
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) {
        form.setFields(e.problem.errors.map((x) => ({ name: x.field, errors: [x.message] })));
      } else message.error(e instanceof Error ? e.message : String(e));
    }
  };

  if (roles.error) return <Alert type="error" message={(roles.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select style={{ minWidth: 240 }} value={selected ?? undefined} onChange={setSelected} aria-label={t('admin.roles')}
          loading={roles.loading} data-testid="role-picker"
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.code})` }))} />
        {may('role', 'create') && <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('roles.new')}</Button>}
      </Space>
      {role && <RoleEditor key={`${role.id}:${role.version}`} role={role} onSaved={roles.reload} />}
      <Modal open={creating} title={t('roles.new')} onOk={create} onCancel={() => setCreating(false)} okText={t('form.save')} cancelText={t('form.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={t('roles.code')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,49}$/, message: 'a-z 0-9 _' }]}><Input /></Form.Item>
          <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
          <Form.Item name="from_template" label={t('roles.template')} extra={t('roles.templateHelp')}>
            <Select allowClear options={(templates.data ?? []).map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
