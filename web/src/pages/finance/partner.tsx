// The receivable and payable accounts (往来科目): accounts kept per customer, supplier or employee,
// whose posted lines become open items (1122 应收账款, 2202 应付账款, 1221 其他应收款…).
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { partnerDimension, useChart } from '../../api/finance';
import { matchAccount } from '../../lib/voucherGrid';

export function usePartnerAccounts() {
  const chart = useChart();
  const accounts = useMemo(() => chart.accounts.filter((a) => a.leaf && partnerDimension(a.dimensions)), [chart.accounts]);
  return { ...chart, partnerAccounts: accounts };
}

export function PartnerAccountSelect({ value, onChange, id }: { value: string; onChange: (code: string) => void; id?: string }) {
  const { t } = useTranslation();
  const { partnerAccounts, byCode, loading } = usePartnerAccounts();
  return (
    <Select id={id} showSearch loading={loading} style={{ width: 300 }} aria-label={t('finance.oi.account')}
      placeholder={t('finance.oi.pickAccount')} value={value || undefined} onChange={(code: string) => onChange(code)}
      filterOption={(input, option) => {
        const account = option ? byCode.get(String(option.value)) : undefined;
        return account ? matchAccount(account, input) : false;
      }}
      options={partnerAccounts.map((a) => ({ value: a.code, label: `${a.code} ${a.path}` }))} popupMatchSelectWidth={360} />
  );
}
