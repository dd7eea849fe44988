// An account picker over the company's chart (loaded once, see api/finance.ts): type a code
// prefix or part of a name; for voucher lines only active leaf accounts are offered.
import { Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useChart } from '../api/finance';
import { matchAccount } from '../lib/voucherGrid';

interface Props {
  value?: string;
  onChange?: (code: string) => void;
  leafOnly?: boolean;
  id?: string;
  status?: 'error';
  disabled?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  allowClear?: boolean;
}

export function AccountSelect({ value, onChange, leafOnly, id, status, disabled, style, allowClear, ...rest }: Props) {
  const { t } = useTranslation();
  const { accounts, byCode, loading } = useChart();
  const options = useMemo(() => {
    const offered = accounts.filter((a) => !leafOnly || (a.leaf && a.active) || a.code === value);
    return offered.map((a) => ({ value: a.code, label: `${a.code} ${a.path}`, title: `${a.code} ${a.path}` }));
  }, [accounts, leafOnly, value]);
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      showSearch
      allowClear={allowClear}
      status={status}
      disabled={disabled}
      loading={loading}
      style={style}
      placeholder={t('finance.voucher.pickAccount')}
      value={value || undefined}
      onChange={(code?: string) => onChange?.(code ?? '')}
      filterOption={(input, option) => {
        const account = option ? byCode.get(String(option.value)) : undefined;
        return account ? matchAccount(account, input) : false;
      }}
      options={options}
      popupMatchSelectWidth={360}
    />
  );
}
