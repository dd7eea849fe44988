// A link field: type-ahead over the target entity's list (`q` full-text search).
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { EntityRecord, Page } from '../api/types';
import { useSession } from '../auth/session';

interface Props {
  linkTo: string;
  value?: number | number[] | null;
  onChange?: (value: unknown) => void;
  multiple?: boolean;
  disabled?: boolean;
  initialLabels?: { id?: number; title?: string; code?: string }[];
  id?: string;
  'aria-label'?: string;
  style?: React.CSSProperties;
  status?: 'error';
  placeholder?: string;
}

export function LinkSelect({ linkTo, value, onChange, multiple, disabled, initialLabels, id, style, status, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const { entities } = useSession();
  const target = entities.find((e) => e.name === linkTo);
  const [options, setOptions] = useState<{ value: number; label: string }[]>(
    (initialLabels ?? []).filter((l) => l.id !== undefined).map((l) => ({ value: l.id!, label: label(l) })),
  );
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  function label(r: { id?: number; title?: string; code?: string }) {
    return [r.code, r.title].filter(Boolean).join(' ') || `#${r.id}`;
  }

  const search = (text: string) => {
    if (!target) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await api.get<Page<EntityRecord>>(target.path, { q: text.trim(), limit: 20 });
        const titleField = target.title_field || 'name';
        const codeField = target.code_field || '';
        setOptions((old) => {
          const found = page.items.map((r) => ({
            value: r.id,
            label: label({ id: r.id, title: String(r[titleField] ?? ''), code: codeField ? String(r[codeField] ?? '') : '' }),
          }));
          const keep = old.filter((o) => (Array.isArray(value) ? value.includes(o.value) : o.value === value));
          return [...keep, ...found.filter((f) => !keep.some((k) => k.value === f.value))];
        });
      } catch {
        /* the list stays as it was */
      } finally {
        setLoading(false);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <Select
      id={id}
      style={style}
      aria-label={rest['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      showSearch
      allowClear
      filterOption={false}
      status={status}
      placeholder={placeholder ?? t('form.typeToSearch')}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      onSearch={search}
      onFocus={() => options.length < 2 && search('')}
      loading={loading}
      disabled={disabled || !target}
      options={options}
    />
  );
}
