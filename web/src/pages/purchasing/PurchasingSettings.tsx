// 采购容差设置 (/purchasing/settings): how far receipts and the three-way match may go beyond
// the order — over-receipt, invoice quantity, invoice price. The server keeps fractions 0–0.5
// (GET|PUT /api/v1/purchasing/settings); people read and type percentages, converted exactly
// (lib/tolerances.ts). The server's refusals show at the field they name. Read with
// purchase_order:read, saved with purchasing_settings:update.
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ApiError, problemToForm } from '../../api/problem';
import { useSession } from '../../auth/session';
import { TOLERANCE_FIELDS, tolerancesAsPercent, tolerancesBody, type ToleranceField, type Tolerances } from '../../lib/tolerances';
import { useAsync } from '../../lib/useAsync';
import { problemText } from '../finance/common';

const PATH = '/api/v1/purchasing/settings';

export default function PurchasingSettings() {
  const { t, i18n } = useTranslation();
  const { may, generation } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<ToleranceField, string>>();
  const current = useAsync(() => api.get<Tolerances>(PATH), [generation, i18n.language]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const editable = may('purchasing_settings', 'update');
  useEffect(() => {
    if (current.data) form.setFieldsValue(tolerancesAsPercent(current.data));
  }, [current.data, form]);

  const save = async (typed: Record<ToleranceField, string>) => {
    setFailure(null);
    const built = tolerancesBody(typed);
    if (!built.ok) {
      form.setFields(built.invalid.map((name) => ({ name, errors: [t('supply.tolerances.invalid')] })));
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<Tolerances>(PATH, built.body);
      current.setData(saved);
      message.success(t('supply.tolerances.saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        const mapped = problemToForm(e.problem, TOLERANCE_FIELDS);
        form.setFields(mapped.fields.map((f) => ({ name: f.name[0] as ToleranceField, errors: f.errors })));
        if (mapped.general.length && !mapped.fields.length) setFailure(mapped.general.join('；'));
      } else setFailure(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.tolerances.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('supply.tolerances.help')}</Typography.Text>
      {current.error != null && <Alert type="error" showIcon message={problemText(current.error)} />}
      {failure && <Alert type="error" showIcon message={failure} data-testid="tolerances-error" />}
      {!editable && <Alert type="info" showIcon message={t('supply.tolerances.readOnly')} />}
      <Card size="small" loading={current.loading && !current.data}>
        <Form form={form} layout="vertical" disabled={!editable || !current.data} onFinish={(v) => void save(v)} data-testid="tolerances-form">
          {TOLERANCE_FIELDS.map((field) => (
            <div key={field} data-testid={`tolerance-${field}`}>
              <Form.Item name={field} label={t(`supply.tolerances.${field}`)} extra={t(`supply.tolerances.${field}Help`)}>
                <Input id={`tolerance-${field}`} inputMode="decimal" suffix="%" style={{ width: 180 }} className="verp-amount"
                  onChange={() => form.setFields([{ name: field, errors: [] }])} />
              </Form.Item>
            </div>
          ))}
          {editable && (
            <Button type="primary" htmlType="submit" loading={busy} data-testid="tolerances-save">{t('supply.tolerances.save')}</Button>
          )}
        </Form>
      </Card>
    </Space>
  );
}
