// Departments as a tree (parent → children), with a head each; create, rename, move, set the
// head, delete. A department's head approves "department head" steps.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Popconfirm, Row, Select, Space, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, problemToForm } from '../../api/problem';
import { useSession } from '../../auth/session';
import { departmentTree, descendants } from '../../lib/departmentTree';
import { useAsync } from '../../lib/useAsync';
import { listDepartments, listUsers, type DepartmentRow } from './shared';

export default function Departments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { may } = useSession();
  const list = useAsync(listDepartments, []);
  const users = useAsync(() => (may('user', 'read') ? listUsers() : Promise.resolve([])), []);
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [form] = Form.useForm();
  const departments = list.data ?? [];
  const tree = useMemo(() => departmentTree(departments), [departments]);
  const current = typeof selected === 'number' ? departments.find((d) => d.id === selected) : undefined;
  // A department cannot move under itself or one of its own.
  const parentOptions = departments
    .filter((d) => !current || !descendants(departments, current.id).has(d.id))
    .map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }));
  const userOptions = (users.data ?? []).filter((u) => u.is_active).map((u) => ({ value: u.id, label: `${u.display_name} (${u.user_name})` }));

  const open = (d: DepartmentRow | 'new') => {
    setSelected(d === 'new' ? 'new' : d.id);
    form.resetFields();
    form.setFieldsValue(d === 'new' ? { code: '', name: '', parent_id: null, head_user_id: null }
      : { code: d.code, name: d.name, parent_id: d.parent_id, head_user_id: d.head_user_id });
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (selected === 'new') {
        const created = await api.post<DepartmentRow>('/api/v1/departments', {
          code: v.code, name: v.name, ...(v.parent_id ? { parent_id: v.parent_id } : {}), ...(v.head_user_id ? { head_user_id: v.head_user_id } : {}),
        });
        setSelected(created.id);
      } else if (current) {
        await api.patch(`/api/v1/departments/${current.id}`, {
          version: current.version, name: v.name, parent_id: v.parent_id ?? null, head_user_id: v.head_user_id ?? null,
        });
      }
      message.success(t('form.saved'));
      list.reload();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const mapped = problemToForm(e.problem, ['code', 'name', 'parent_id', 'head_user_id']);
      form.setFields(mapped.fields.map((f) => ({ name: f.name[0] as string, errors: f.errors })));
      if (mapped.general.length) message.error(mapped.general.join('; '));
    }
  };

  const remove = async () => {
    if (!current) return;
    try {
      await api.del(`/api/v1/departments/${current.id}`);
      setSelected(null);
      list.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (list.error) return <Alert type="error" message={(list.error as Error).message} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10}>
        <Card size="small" title={t('departments.tree')} loading={list.loading}
          extra={may('department', 'create') && <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')}>{t('departments.new')}</Button>}>
          {tree.length === 0 ? <Empty description={t('departments.none')} /> : (
            <Tree treeData={tree} defaultExpandAll selectedKeys={typeof selected === 'number' ? [selected] : []} data-testid="department-tree"
              onSelect={(keys) => { const d = departments.find((x) => x.id === keys[0]); if (d) open(d); }} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        {selected === null ? <Typography.Text type="secondary">{t('departments.pick')}</Typography.Text> : (
          <Card size="small" title={selected === 'new' ? t('departments.new') : current?.name}>
            <Form form={form} layout="vertical" disabled={!may('department', selected === 'new' ? 'create' : 'update')}>
              <Form.Item name="code" label={t('departments.code')} rules={[{ required: true, max: 30 }]}><Input disabled={selected !== 'new'} /></Form.Item>
              <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
              <Form.Item name="parent_id" label={t('departments.parent')}><Select allowClear showSearch optionFilterProp="label" options={parentOptions} /></Form.Item>
              <Form.Item name="head_user_id" label={t('departments.head')}><Select allowClear showSearch optionFilterProp="label" options={userOptions} /></Form.Item>
              <Space>
                <Button type="primary" onClick={save}>{t('form.save')}</Button>
                {current && may('department', 'delete') && (
                  <Popconfirm title={t('departments.confirmRemove')} onConfirm={remove} okText={t('form.delete')} cancelText={t('form.cancel')}>
                    <Button danger>{t('form.delete')}</Button>
                  </Popconfirm>
                )}
              </Space>
            </Form>
          </Card>
        )}
      </Col>
    </Row>
  );
}
