// An action on a document that needs its reason (amend, cancel, close, hold…): a dialog with the
// reason, posted as {"reason"} to the action's URL; the server's message about the reason shows
// under it, anything else as one line.
import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/problem';
import { problemText } from '../pages/finance/common';
import { CellError } from './LineGrid';

export function ReasonDialog<T>({ title, help, path, danger, onClose, onDone }: {
  title: string;
  help: string;
  /** Where {"reason"} is posted. */
  path: string;
  danger?: boolean;
  onClose: () => void;
  onDone: (answer: T) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    setError([]);
    try {
      onDone(await api.post<T>(path, { reason: reason.trim() }));
    } catch (e) {
      const named = e instanceof ApiError ? (e.problem.errors ?? []).filter((f) => f.field === 'reason').map((f) => f.message) : [];
      setError(named.length ? named : [problemText(e)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void go()}
      okButtonProps={{ loading: busy, danger, 'data-testid': 'reason-ok' } as never} destroyOnHidden>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <div className="verp-dim-label">{t('supply.order.reason')}</div>
      <Input.TextArea id="order-reason" rows={3} maxLength={200} value={reason} status={error.length ? 'error' : undefined}
        onChange={(e) => setReason(e.target.value)} aria-label={t('supply.order.reason')} />
      <CellError messages={error} testId="reason-error" />
    </Modal>
  );
}
