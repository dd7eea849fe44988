// Member companies: the list the caller belongs to, and a new company (code, name).
import { Alert, App, Button, Form, Input, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useSession } from '../../auth/session';
import { useAsync } from '../../lib/useAsync';

export default function Companies() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { may, refresh } = useSession();
  const [form] = Form.useForm();
  const list = useAsync(() => api.get<{ items: { id: number; name: string }[] }>('/api/v1/companies').then((r) => r.items), []);

  const create = async (v: { code: string; name: string }) => {
    try {
      await api.post('/api/v1/companies', v);
      message.success(t('form.created'));
      form.resetFields();
      list.reload();
      void refresh(); // the company switcher learns of it
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) form.setFields(e.problem.errors.map((x) => ({ name: x.field, errors: [x.message] })));
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };

  if (list.error) return <Alert type="error" message={(list.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {may('company', 'create') && (
        <Form form={form} layout="inline" onFinish={create} data-testid="company-form">
          <Form.Item name="code" label={t('companies.code')} rules={[{ required: true, max: 30 }]}><Input style={{ width: 120 }} /></Form.Item>
          <Form.Item name="name" label={t('companies.name')} rules={[{ required: true, max: 100 }]}><Input style={{ width: 220 }} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('companies.new')}</Button>
        </Form>
      )}
      <Table rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} pagination={false}
        columns={[{ title: 'ID', dataIndex: 'id', width: 80 }, { title: t('companies.name'), dataIndex: 'name' }]} />
    </Space>
  );
}
