// Sign-in: password, then what the session still needs (identity rule ID-006): the second
// factor, a new password, or TOTP enrolment demanded by a role.
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, setCsrfToken } from '../api/client';
import { ApiError } from '../api/problem';
import type { SessionAnswer } from '../api/types';
import { useSession } from '../auth/session';
import { TotpEnrol } from '../components/TotpEnrol';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

type Step = 'password' | 'mfa_pending' | 'password_change_required' | 'mfa_enrolment_required';

export default function SignIn() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, acceptSession, refresh } = useSession();
  const [step, setStep] = useState<Step>('password');
  const [method, setMethod] = useState<'totp' | 'recovery'>('totp');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [currentPassword, setCurrentPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const advance = async (answer: SessionAnswer) => {
    setCsrfToken(answer.csrf_token);
    if (answer.state === 'active') {
      await acceptSession(answer);
      navigate(from, { replace: true });
    } else {
      setStep(answer.state as Step);
    }
  };

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? (e.problem.errors?.[0]?.message ?? e.message) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const signIn = (v: { user_name: string; password: string }) =>
    run(async () => {
      setCurrentPassword(v.password);
      await advance(await api.post<SessionAnswer>('/api/v1/auth/login', v));
    });
  const verify = (v: { code: string }) =>
    run(async () => advance(await api.post<SessionAnswer>('/api/v1/auth/mfa', { method, code: v.code.trim() })));
  const changePassword = (v: { new_password: string }) =>
    run(async () =>
      advance(
        await api.post<SessionAnswer>('/api/v1/auth/password', { current_password: currentPassword, new_password: v.new_password }),
      ),
    );

  return (
    <main className="verp-login">
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>}
        extra={<Select aria-label={t('layout.language')} size="small" value={i18n.language as Language} options={LANGUAGES}
          onChange={(l: Language) => void changeLanguage(l)} style={{ width: 100 }} />}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" data-testid="signin-error" />}
        {step === 'password' && (
          <Form layout="vertical" onFinish={signIn} requiredMark={false}>
            <Form.Item name="user_name" label={t('auth.userName')} rules={[{ required: true }]}>
              <Input autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('auth.submit')}</Button>
          </Form>
        )}
        {step === 'mfa_pending' && (
          <Form layout="vertical" onFinish={verify} key={method}>
            <Typography.Paragraph>{method === 'totp' ? t('auth.mfaHelp') : t('auth.recoveryCode')}</Typography.Paragraph>
            <Form.Item name="code" label={method === 'totp' ? t('auth.code') : t('auth.recoveryCode')} rules={[{ required: true }]}>
              <Input autoComplete="one-time-code" inputMode={method === 'totp' ? 'numeric' : 'text'} autoFocus />
            </Form.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button type="primary" htmlType="submit" block loading={busy}>{t('auth.verify')}</Button>
              <Button type="link" block onClick={() => setMethod(method === 'totp' ? 'recovery' : 'totp')}>
                {method === 'totp' ? t('auth.useRecovery') : t('auth.useTotp')}
              </Button>
            </Space>
          </Form>
        )}
        {step === 'password_change_required' && (
          <Form layout="vertical" onFinish={changePassword}>
            <Alert type="info" message={t('auth.mustChange')} style={{ marginBottom: 16 }} />
            <Form.Item name="new_password" label={t('auth.newPassword')} rules={[{ required: true, min: 8 }]}>
              <Input.Password autoComplete="new-password" autoFocus />
            </Form.Item>
            <Form.Item name="confirm" label={t('auth.confirmPassword')} dependencies={['new_password']}
              rules={[{ required: true }, ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
              })]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('auth.changePassword')}</Button>
          </Form>
        )}
        {step === 'mfa_enrolment_required' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" message={t('auth.enrolRequired')} />
            <TotpEnrol onDone={() => void refresh()} />
            <Button block onClick={() => void refresh().then((who) => who ? navigate(from) : setStep('password'))}>{t('app.home')}</Button>
          </Space>
        )}
      </Card>
    </main>
  );
}
