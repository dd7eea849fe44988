// 会计期间: a fiscal year's twelve months with their state and vouchers by state; open a year,
// carry profit and loss forward (结转损益, then open the drafted voucher), close (结账) in order,
// reopen (反结账) with a reason. Below, the finance settings: voucher words and cashier sign-off.
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Result, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { VOUCHER_STATES, type FinanceSettings, type FiscalPeriod, type VoucherRef } from '../../api/finance';
import { useSession } from '../../auth/session';
import { useAsync } from '../../lib/useAsync';
import { problemText } from './common';

export default function Periods() {
  const { t } = useTranslation();
  const { may, generation } = useSession();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const [busy, setBusy] = useState<string | null>(null);
  const [reopening, setReopening] = useState<FiscalPeriod | null>(null);
  const [carried, setCarried] = useState<VoucherRef | null>(null);
  const periods = useAsync(() => api.get<{ items: FiscalPeriod[] }>('/api/v1/fiscal-periods', { year }).then((r) => r.items), [year, generation]);

  const openYear = async () => {
    setBusy('year');
    try {
      await api.post('/api/v1/fiscal-years', { year });
      message.success(t('finance.periods.yearOpened', { year }));
      periods.reload();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(null);
    }
  };

  const act = async (period: FiscalPeriod, verb: 'close' | 'carry-forward') => {
    setBusy(`${verb}:${period.id}`);
    try {
      if (verb === 'carry-forward') {
        const ref = await api.post<VoucherRef>(`/api/v1/fiscal-periods/${period.id}/carry-forward`, {});
        setCarried(ref);
        message.success(t('finance.periods.carried', { label: ref.label }));
      } else {
        await api.post(`/api/v1/fiscal-periods/${period.id}/close`, {});
        message.success(t('finance.periods.closedOk', { period: period.code }));
      }
      periods.reload();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(null);
    }
  };

  const items = periods.data ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('finance.periods.title')}</Typography.Title>
        <DatePicker picker="year" allowClear={false} aria-label={t('finance.periods.year')} value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setParams({ year: String(d.year()) }, { replace: true })} data-testid="period-year" />
      </Space>
      {carried && (
        <Alert type="success" showIcon closable onClose={() => setCarried(null)} data-testid="carried"
          message={<Space>{t('finance.periods.carried', { label: carried.label })}
            <Link to={`/finance/vouchers/${carried.id}`}>{t('finance.periods.openVoucher')}</Link></Space>} />
      )}
      {periods.error != null && <Alert type="error" showIcon message={problemText(periods.error)} />}
      {!periods.loading && !periods.error && items.length === 0 ? (
        <Result status="info" title={t('finance.periods.noYear', { year })}
          extra={may('fiscal_period', 'create') && (
            <Button type="primary" loading={busy === 'year'} onClick={() => void openYear()} data-testid="open-year">
              {t('finance.periods.openYear', { year })}
            </Button>
          )} />
      ) : (
        <Table<FiscalPeriod>
          rowKey="id" size="small" loading={periods.loading} dataSource={items} pagination={false} scroll={{ x: 900 }}
          columns={[
            { title: t('finance.periods.period'), dataIndex: 'code', width: 100,
              render: (code: string) => <Link to={`/finance/vouchers?period=${code}`}>{code}</Link> },
            { title: t('finance.periods.dates'), key: 'dates', width: 200, render: (_, p) => `${p.starts_on} ~ ${p.ends_on}` },
            { title: t('finance.periods.state'), dataIndex: 'state', width: 90,
              render: (s: string) => <Tag color={s === 'closed' ? 'default' : 'green'}>{t(`finance.periods.${s}`)}</Tag> },
            { title: t('finance.periods.vouchers'), key: 'vouchers',
              render: (_, p) => (
                <Space size={4} wrap>
                  {VOUCHER_STATES.filter((s) => p.vouchers[s] > 0).map((s) => (
                    <Link key={s} to={`/finance/vouchers?period=${p.code}&state=${s}`}>
                      <Tag>{t(`finance.states.${s}`)} {p.vouchers[s]}</Tag>
                    </Link>
                  ))}
                </Space>
              ) },
            { title: t('list.actions'), key: 'actions', width: 300,
              render: (_, p) => (
                <Space wrap size={4}>
                  {p.state === 'open' && may('voucher', 'create') && (
                    <Button size="small" loading={busy === `carry-forward:${p.id}`} onClick={() => void act(p, 'carry-forward')}>
                      {t('finance.periods.carryForward')}
                    </Button>
                  )}
                  {p.state === 'open' && may('fiscal_period', 'close') && (
                    <Button size="small" loading={busy === `close:${p.id}`} data-testid={`close-${p.code}`}
                      onClick={() => modal.confirm({ title: t('finance.periods.confirmClose', { period: p.code }), onOk: () => act(p, 'close') })}>
                      {t('finance.periods.close')}
                    </Button>
                  )}
                  {p.state === 'closed' && may('fiscal_period', 'reopen') && (
                    <Button size="small" danger onClick={() => setReopening(p)}>{t('finance.periods.reopen')}</Button>
                  )}
                </Space>
              ) },
          ]}
        />
      )}
      {reopening && <ReopenDialog period={reopening} onClose={(done) => { setReopening(null); if (done) periods.reload(); }} />}
      {may('fiscal_period', 'read') && <SettingsCard />}
    </Space>
  );
}

function ReopenDialog({ period, onClose }: { period: FiscalPeriod; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/v1/fiscal-periods/${period.id}/reopen`, { reason: reason.trim() });
      message.success(t('finance.periods.reopened', { period: period.code }));
      onClose(true);
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('finance.periods.reopenTitle', { period: period.code })} onCancel={() => onClose(false)}
      onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ danger: true }} okText={t('finance.periods.reopen')}>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('finance.periods.reason')}
          rules={[{ required: true, whitespace: true, message: t('finance.periods.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const { may } = useSession();
  const { message } = App.useApp();
  const settings = useAsync(() => api.get<FinanceSettings>('/api/v1/finance/settings'), []);
  const [form] = Form.useForm<FinanceSettings>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const canUpdate = may('fiscal_period', 'update');
  const save = async () => {
    setBusy(true);
    try {
      const values = form.getFieldsValue();
      await api.put('/api/v1/finance/settings', { voucher_words: values.voucher_words, cashier_sign_off: !!values.cashier_sign_off });
      message.success(t('finance.periods.settingsSaved'));
      settings.reload();
    } catch (e) {
      message.error(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('finance.periods.settings')} loading={settings.loading && !settings.data}>
      {settings.error != null ? <Alert type="error" message={problemText(settings.error)} /> : (
        <Form form={form} layout="inline" disabled={!canUpdate}>
          <Form.Item name="voucher_words" label={t('finance.periods.voucherWords')}>
            <Radio.Group options={[{ value: 'single', label: t('finance.periods.single') }, { value: 'split', label: t('finance.periods.split') }]} />
          </Form.Item>
          <Form.Item name="cashier_sign_off" label={t('finance.periods.cashierSignOff')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {canUpdate && <Form.Item><Button type="primary" loading={busy} onClick={() => void save()}>{t('finance.periods.save')}</Button></Form.Item>}
        </Form>
      )}
    </Card>
  );
}
