// 库存设置: how the company books stock — perpetually (every stock document and goods receipt
// writes its voucher, the default) or periodically (no vouchers; the accountant values stock at
// period end). Read by holders of stock:read, changed by holders of inventory_settings:update.
import { Alert, App, Button, Card, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { useAsync } from '../../lib/useAsync';
import { problemText } from '../finance/common';

type Mode = 'perpetual' | 'periodic';

export default function InventorySettings() {
  const { t } = useTranslation();
  const { may, generation } = useSession();
  const { message } = App.useApp();
  const current = useAsync(() => api.get<{ valuation_posting: Mode }>('/api/v1/inventory/settings'), [generation]);
  const [chosen, setChosen] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const mode = chosen ?? current.data?.valuation_posting;
  const editable = may('inventory_settings', 'update');
  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.put<{ valuation_posting: Mode }>('/api/v1/inventory/settings', { valuation_posting: mode });
      current.setData(saved);
      setChosen(null);
      message.success(t('supply.settings.saved'));
    } catch (e) {
      setFailure(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 720 }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('supply.settings.title')}</Typography.Title>
      {current.error != null && <Alert type="error" showIcon message={problemText(current.error)} />}
      {failure && <Alert type="error" showIcon message={failure} />}
      <Card size="small" title={t('supply.settings.valuation')} loading={current.loading && !current.data}>
        <Radio.Group value={mode} disabled={!editable} onChange={(e) => setChosen(e.target.value)} data-testid="valuation-posting">
          <Space direction="vertical">
            {(['perpetual', 'periodic'] as const).map((m) => (
              <Radio key={m} value={m}>
                {t(`supply.settings.${m}`)}
                <div className="verp-dim-label">{t(`supply.settings.${m}Help`)}</div>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Card>
      {editable && (
        <Button type="primary" loading={busy} disabled={!chosen || chosen === current.data?.valuation_posting} onClick={() => void save()}
          data-testid="settings-save">{t('supply.settings.save')}</Button>
      )}
    </Space>
  );
}
