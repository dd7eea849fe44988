// The approval rule's `conditions` and `steps` as rows instead of raw JSON. Lives inside the
// entity form (Form.List under the names "conditions" and "steps"), so the server's field errors
// (`steps[1].approvers[0].role`) land on the matching control through the form's setFields.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { FieldMeta } from '../api/types';
import { useSession } from '../auth/session';
import { newStep, OPERATORS, RECORD_FACTS } from '../lib/approvalRule';
import { entityMeta } from '../lib/entityMeta';
import { useAsync } from '../lib/useAsync';

interface RoleOption { code: string; name: string }
interface UserOption { id: number; user_name: string; display_name: string; is_active?: boolean }

function useChoices(documentType: string | undefined) {
  const { generation, may } = useSession();
  const fields = useAsync(async () => {
    if (!documentType || !/^[a-z_]+$/.test(documentType)) return [] as FieldMeta[];
    return (await entityMeta(documentType, generation).catch(() => null))?.fields ?? [];
  }, [documentType, generation]);
  const roles = useAsync(() => (may('role', 'read')
    ? api.get<{ items: RoleOption[] }>('/api/v1/roles').then((r) => r.items) : Promise.resolve([])), []);
  const users = useAsync(() => (may('user', 'read')
    ? api.get<{ items: UserOption[] }>('/api/v1/users').then((r) => r.items) : Promise.resolve([])), []);
  return { fields: fields.data ?? [], roles: roles.data ?? [], users: users.data ?? [] };
}

/** Rows of conditions (field, operator, value) under `name` (["conditions"] or [i, "when"] in a step). */
function Conditions({ name, fields, label, testid }: {
  name: (string | number)[]; fields: FieldMeta[]; label: string; testid: string;
}) {
  const { t } = useTranslation();
  const fieldOptions = useMemo(() => [
    ...fields.filter((f) => f.kind !== 'json' && f.kind !== 'attachment').map((f) => ({ value: f.name, label: `${f.label} (${f.name})` })),
    ...RECORD_FACTS.filter((n) => !fields.some((f) => f.name === n)).map((n) => ({ value: n, label: t(`rule.facts.${n}`) + ` (${n})` })),
  ], [fields, t]);
  return (
    <Form.List name={name}>
      {(rows, { add, remove }, { errors }) => (
        <div data-testid={testid}>
          <Typography.Text strong>{label}</Typography.Text>
          {rows.length === 0 && <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{t('rule.noConditions')}</Typography.Paragraph>}
          {rows.map((row, i) => (
            <Row key={row.key} gutter={8} align="top" wrap>
              <Col xs={24} sm={9}>
                <Form.Item name={[row.name, 'field']} label={t('rule.field')} rules={[{ required: true, message: t('rule.fieldRequired') }]}>
                  <AutoComplete options={fieldOptions} aria-label={`${t('rule.field')} ${i + 1}`}
                    filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())} />
                </Form.Item>
              </Col>
              <Col xs={10} sm={5}>
                <Form.Item name={[row.name, 'op']} label={t('rule.op')} initialValue="eq">
                  <Select aria-label={`${t('rule.op')} ${i + 1}`} options={OPERATORS.map((op) => ({ value: op, label: t(`rule.ops.${op}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name={[row.name, 'value']} label={t('rule.value')} tooltip={t('rule.valueHelp')}>
                  <Input aria-label={`${t('rule.value')} ${i + 1}`} />
                </Form.Item>
              </Col>
              <Col xs={2} sm={2} style={{ paddingTop: 30 }}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('rule.removeCondition')} ${i + 1}`} onClick={() => remove(row.name)} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ op: 'eq', value: '' })}>{t('rule.addCondition')}</Button>
        </div>
      )}
    </Form.List>
  );
}

function Approvers({ step, roles, users }: { step: number; roles: RoleOption[]; users: UserOption[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name={[step, 'approvers']}>
      {(rows, { add, remove }, { errors }) => (
        <div>
          <Typography.Text strong>{t('rule.approvers')}</Typography.Text>
          {rows.map((row, j) => (
            <Row key={row.key} gutter={8} align="top" wrap>
              <Col xs={24} sm={9}>
                <Form.Item name={[row.name, 'type']} label={t('rule.approverType')}>
                  <Select aria-label={`${t('rule.approverType')} ${j + 1}`} data-testid={`approver-type-${step}-${j}`}
                    options={(['role', 'department_head', 'user'] as const).map((v) => ({ value: v, label: t(`rule.approverTypes.${v}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={22} sm={13}>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const type = form.getFieldValue(['steps', step, 'approvers', row.name, 'type']);
                    if (type === 'role') {
                      return (
                        <Form.Item name={[row.name, 'role']} label={t('rule.role')} rules={[{ required: true, message: t('rule.roleRequired') }]}>
                          <AutoComplete aria-label={`${t('rule.role')} ${j + 1}`} data-testid={`approver-role-${step}-${j}`}
                            options={roles.map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }))}
                            filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())} />
                        </Form.Item>
                      );
                    }
                    if (type === 'user') {
                      return (
                        <Form.Item name={[row.name, 'user_id']} label={t('rule.user')} rules={[{ required: true, message: t('rule.userRequired') }]}>
                          {users.length
                            ? <Select showSearch optionFilterProp="label" aria-label={`${t('rule.user')} ${j + 1}`}
                                options={users.filter((u) => u.is_active !== false).map((u) => ({ value: u.id, label: `${u.display_name} (${u.user_name})` }))} />
                            : <InputNumber min={1} precision={0} style={{ width: '100%' }} aria-label={`${t('rule.user')} ${j + 1}`} />}
                        </Form.Item>
                      );
                    }
                    return type === 'department_head'
                      ? <Typography.Paragraph type="secondary" style={{ paddingTop: 30 }}>{t('rule.departmentHeadHelp')}</Typography.Paragraph>
                      : null;
                  }}
                </Form.Item>
              </Col>
              <Col xs={2} sm={2} style={{ paddingTop: 30 }}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={`${t('rule.removeApprover')} ${j + 1}`} onClick={() => remove(row.name)} />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ type: 'role' })}>{t('rule.addApprover')}</Button>
        </div>
      )}
    </Form.List>
  );
}

export function RuleEditor({ documentType }: { documentType?: string }) {
  const { t } = useTranslation();
  const { fields, roles, users } = useChoices(documentType);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rule-editor">
      <Card size="small" title={t('rule.conditionsTitle')}>
        <Conditions name={['conditions']} fields={fields} label={t('rule.conditionsHelp')} testid="rule-conditions" />
      </Card>
      <Form.List name="steps">
        {(steps, { add, remove, move }, { errors }) => (
          <Card size="small" title={t('rule.stepsTitle')} data-testid="rule-steps">
            {steps.map((step, i) => (
              <Card key={step.key} size="small" type="inner" style={{ marginBottom: 12 }} data-testid={`rule-step-${i}`}
                title={t('rule.stepN', { n: i + 1 })}
                extra={
                  <Space size={0}>
                    <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('rule.moveUp', { n: i + 1 })} onClick={() => move(i, i - 1)} />
                    <Button type="text" icon={<ArrowDownOutlined />} disabled={i === steps.length - 1} aria-label={t('rule.moveDown', { n: i + 1 })} onClick={() => move(i, i + 1)} />
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('rule.removeStep', { n: i + 1 })} onClick={() => remove(step.name)} />
                  </Space>
                }>
                <Row gutter={8}>
                  <Col xs={24} md={14}>
                    <Form.Item name={[step.name, 'name']} label={t('rule.stepName')} rules={[{ required: true, message: t('rule.stepNameRequired') }]}>
                      <Input maxLength={200} aria-label={`${t('rule.stepName')} ${i + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item name={[step.name, 'mode']} label={t('rule.mode')} initialValue="any">
                      <Radio.Group optionType="button" options={[{ value: 'any', label: t('approvals.modes.any') }, { value: 'all', label: t('approvals.modes.all') }]} />
                    </Form.Item>
                  </Col>
                </Row>
                <Approvers step={step.name} roles={roles} users={users} />
                <div style={{ marginTop: 12 }}>
                  <Conditions name={[step.name, 'when']} fields={fields} label={t('rule.whenHelp')} testid={`rule-when-${i}`} />
                </div>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newStep())} data-testid="add-step">{t('rule.addStep')}</Button>
          </Card>
        )}
      </Form.List>
    </Space>
  );
}
