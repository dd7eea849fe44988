// TOTP enrolment: POST /auth/totp/enrol gives the secret, otpauth URI and a QR code (SVG);
// POST /auth/totp/confirm with a first code turns it on and answers the ten recovery codes.
import { Alert, Button, Form, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/problem';

interface Enrolment {
  secret: string;
  uri: string;
  qr_svg: string;
}

export function TotpEnrol({ onDone }: { onDone?: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      setEnrolment(await api.post<Enrolment>('/api/v1/auth/totp/enrol'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    setError(null);
    setBusy(true);
    try {
      const answer = await api.post<{ recovery_codes: string[] }>('/api/v1/auth/totp/confirm', { code: code.trim() });
      setCodes(answer.recovery_codes);
      onDone?.(answer.recovery_codes);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  if (codes) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" message={t('account.totpEnabled')} showIcon />
        <Typography.Text strong>{t('account.recoveryCodes')}</Typography.Text>
        <List size="small" bordered dataSource={codes} data-testid="recovery-codes"
          renderItem={(c) => <List.Item><Typography.Text code copyable>{c}</Typography.Text></List.Item>} />
      </Space>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" message={error} showIcon />}
      {!enrolment ? (
        <Button type="primary" onClick={start} loading={busy} data-testid="totp-start">{t('account.totpStart')}</Button>
      ) : (
        <>
          <Typography.Text>{t('account.totpScan')}</Typography.Text>
          <img
            alt="TOTP QR code"
            width={180}
            height={180}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`}
          />
          <Typography.Text code copyable data-testid="totp-secret">{enrolment.secret}</Typography.Text>
          <Form layout="inline" onFinish={confirm}>
            <Form.Item name="code" label={t('auth.code')} rules={[{ required: true, pattern: /^\d{6}$/ }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 120 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('account.totpConfirm')}</Button>
          </Form>
        </>
      )}
    </Space>
  );
}
