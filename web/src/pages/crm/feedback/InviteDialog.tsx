// The invitations dialog of a survey: pick customers or contacts and a channel. By e-mail or SMS
// the server queues the messages (skipping people who opted out, named in the answer); by link it
// answers one link per person, shown here to copy — only now: the server keeps no token.
import { Alert, Button, Form, List, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackApi, type InvitationChannel, type InvitationResult } from '../../../api/crm/feedback';
import { LinkSelect } from '../../../components/LinkSelect';
import { problemText } from '../../finance/common';

export function InviteDialog({ surveyId, open, onClose }: { surveyId: number; open: boolean; onClose: (invited: boolean) => void }) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<InvitationChannel>('email');
  const [customers, setCustomers] = useState<number[]>([]);
  const [contacts, setContacts] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<InvitationResult | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await feedbackApi.invite(surveyId, { channel, customer_ids: customers, contact_ids: contacts }));
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    const invited = !!result?.invited.length;
    setResult(null);
    setCustomers([]);
    setContacts([]);
    onClose(invited);
  };

  return (
    <Modal open={open} title={t('crm.feedback.invite.title')} onCancel={close} data-testid="survey-invite-dialog"
      footer={result
        ? <Button type="primary" onClick={close} data-testid="survey-invite-done">{t('crm.feedback.invite.done')}</Button>
        : <Button type="primary" loading={busy} onClick={send} disabled={!customers.length && !contacts.length} data-testid="survey-invite-send">
            {t('crm.feedback.invite.send')}
          </Button>}>
      {result ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={t('crm.feedback.invite.invited', { count: result.invited.length })} />
          {result.skipped.length > 0 && (
            <Alert type="warning" showIcon data-testid="survey-invite-skipped"
              message={t('crm.feedback.invite.skipped', { count: result.skipped.length })}
              description={result.skipped.map((s) => `${s.name}（${t(`crm.feedback.invite.reason.${s.reason}`, { defaultValue: s.reason })}）`).join('、')} />
          )}
          {result.channel === 'link' && (
            <List size="small" bordered dataSource={result.invited} data-testid="survey-invite-links"
              renderItem={(i) => (
                <List.Item>
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <Typography.Text strong>{i.name}</Typography.Text>
                    <Typography.Link href={i.link} target="_blank" copyable={{ text: i.link }} ellipsis style={{ maxWidth: 420 }}>{i.link}</Typography.Link>
                  </Space>
                </List.Item>
              )} />
          )}
          {result.channel === 'link' && <Typography.Text type="secondary">{t('crm.feedback.invite.copyOnce')}</Typography.Text>}
        </Space>
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('crm.feedback.invite.channel')}>
            <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value)} data-testid="survey-invite-channel">
              {(['email', 'sms', 'link'] as const).map((c) => <Radio.Button key={c} value={c}>{t(`crm.feedback.invite.channels.${c}`)}</Radio.Button>)}
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('crm.feedback.invite.customers')} extra={t('crm.feedback.invite.customersHelp')}>
            <LinkSelect linkTo="customer" multiple value={customers} onChange={(v) => setCustomers((v as number[]) ?? [])} aria-label="customers" />
          </Form.Item>
          <Form.Item label={t('crm.feedback.invite.contacts')}>
            <LinkSelect linkTo="contact" multiple value={contacts} onChange={(v) => setContacts((v as number[]) ?? [])} aria-label="contacts" />
          </Form.Item>
          {channel !== 'link' && <Typography.Text type="secondary">{t('crm.feedback.invite.optOutNote')}</Typography.Text>}
          {error && <Alert type="error" showIcon message={error} data-testid="survey-invite-error" />}
        </Form>
      )}
    </Modal>
  );
}
