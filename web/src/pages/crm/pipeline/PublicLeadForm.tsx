// 网站表单 (/forms/lead/:key), opened from a company's web site without signing in: the form's
// fields and a signed token come from the server; the submission becomes a lead. A hidden
// `website` field (the honeypot) stays empty for people — robots fill it — and the server refuses
// forms sent faster than a person types; either way the visitor sees the same thanks.
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { pipelineApi } from '../../../api/crm/pipeline';
import { ApiError } from '../../../api/problem';
import { useAsync } from '../../../lib/useAsync';
import { problemText } from '../../finance/common';

const LONG_FIELDS = new Set(['notes']);

export default function PublicLeadForm() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const loaded = useAsync(() => pipelineApi.publicForm(key), [key]);
  const [form] = Form.useForm<Record<string, string>>();
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const spec = loaded.data;

  const submit = async () => {
    const values = await form.validateFields();
    if (!values.phone?.trim() && !values.email?.trim()) {
      form.setFields([{ name: 'phone', errors: [t('crm.pipeline.form.phoneOrEmail')] }]);
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      const body: Record<string, string> = { form_key: key, token: spec?.token ?? '', website: values.website ?? '' };
      for (const field of spec?.fields ?? []) {
        const value = values[field.name]?.trim();
        if (value) body[field.name] = value;
      }
      await pipelineApi.submitPublic(body);
      setSent(true);
    } catch (e) {
      setFailure(e instanceof ApiError && e.status === 429 ? t('crm.pipeline.form.tooMany') : problemText(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div style={{ maxWidth: 560, margin: '40px auto', padding: 16 }} data-testid="public-lead-form">
      {loaded.error != null ? <Result status="404" title={t('crm.pipeline.form.notFound')} />
        : sent ? <Result status="success" title={t('crm.pipeline.form.thanks')} data-testid="lead-form-thanks" />
          : (
            <Card loading={!spec} title={spec?.name || t('crm.pipeline.form.title')}>
              {spec?.intro && <Typography.Paragraph>{spec.intro}</Typography.Paragraph>}
              {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
              <Form form={form} layout="vertical">
                {spec?.fields.map((field) => (
                  <Form.Item key={field.name} name={field.name} label={field.label}
                    rules={field.required ? [{ required: true, whitespace: true, message: t('crm.pipeline.form.required', { field: field.label }) }] : []}>
                    {LONG_FIELDS.has(field.name) ? <Input.TextArea rows={4} maxLength={2000} data-testid={`lead-form-${field.name}`} />
                      : <Input maxLength={200} data-testid={`lead-form-${field.name}`} />}
                  </Form.Item>
                ))}
                {/* The honeypot: out of sight and out of the tab order, so only robots fill it. */}
                <div aria-hidden="true" style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
                  <Form.Item name="website" label="Website"><Input tabIndex={-1} autoComplete="off" /></Form.Item>
                </div>
                <Button type="primary" onClick={submit} loading={sending} data-testid="lead-form-submit">{t('crm.pipeline.form.submit')}</Button>
              </Form>
            </Card>
          )}
    </div>
  );
}
