// The receivable and payable accounts (往来科目): accounts kept per customer, supplier or employee,
// whose posted lines become open items (1122 应收账款, 2202 应付账款, 1221 其他应收款…).
import { Select, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { partnerDimension, useChart, type OpenItem } from '../../api/finance';
import { matchAccount } from '../../lib/voucherGrid';
import { money } from './common';

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

/** An open item's columns (date, voucher link, summary, side, amount, allocated, open), as the open-items page and the payments page show them. */
export function useOpenItemColumns(): TableColumnsType<OpenItem> {
  const { t } = useTranslation();
  return useMemo(() => [
    { title: t('finance.oi.date'), dataIndex: 'date', width: 110 },
    { title: t('finance.oi.voucher'), dataIndex: 'voucher', width: 100,
      render: (label: string, i: OpenItem) => <Link to={`/finance/vouchers/${i.voucher_id}`}>{label}</Link> },
    { title: t('finance.oi.summary'), dataIndex: 'summary' },
    { title: t('finance.oi.side'), dataIndex: 'side', width: 70, align: 'center',
      render: (s: string) => <Tag color={s === 'debit' ? 'blue' : 'green'}>{t(`finance.oi.${s === 'debit' ? 'debit' : 'credit'}`)}</Tag> },
    { title: t('finance.oi.itemAmount'), dataIndex: 'amount', width: 130, align: 'right', render: (v: string) => money(v) },
    { title: t('finance.oi.allocatedAmount'), dataIndex: 'allocated', width: 130, align: 'right', render: (v: string) => money(v, true) },
    { title: t('finance.oi.open'), dataIndex: 'open', width: 130, align: 'right', render: (v: string) => <b>{money(v, true)}</b> },
  ], [t]);
}
