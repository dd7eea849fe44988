// The top bar's search: every entity with searchable fields is asked for `q` (five each), the
// answers grouped by entity; arrow keys move, Enter opens the highlighted record (the first one
// when none is highlighted). On a phone it opens in a full-width dialog.
import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, Modal } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { EntityMeta, EntityRecord, Page } from '../api/types';
import { useSession } from '../auth/session';
import { entityMeta } from '../lib/entityMeta';
import { groupHits, PER_ENTITY, searchable, type HitGroup } from '../lib/globalSearch';

function useSearch(q: string) {
  const { entities, generation } = useSession();
  const { i18n } = useTranslation();
  const [groups, setGroups] = useState<HitGroup[]>([]);
  const [loading, setLoading] = useState(false);
  const targets = useRef<Promise<EntityMeta[]> | null>(null);
  useEffect(() => { targets.current = null; }, [entities, generation, i18n.language]);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setGroups([]);
      return;
    }
    const abort = new AbortController();
    // Wait for a pause in typing before asking.
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        targets.current ??= Promise.all(entities.map((e) => entityMeta(e.name, generation).catch(() => null)))
          .then((all) => searchable(all.filter((m): m is EntityMeta => m !== null)));
        const metas = await targets.current;
        const answers = await Promise.all(metas.map((meta) =>
          api.get<Page<EntityRecord>>(meta.path, { q: term, limit: PER_ENTITY }, { signal: abort.signal })
            .then((p) => ({ meta, items: p.items }))
            .catch(() => ({ meta, items: [] as EntityRecord[] }))));
        if (!abort.signal.aborted) setGroups(groupHits(answers));
      } finally {
        if (!abort.signal.aborted) setLoading(false);
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q, entities, generation]);
  return { groups, loading };
}

function SearchBox({ onOpened, autoFocus, width }: { onOpened?: () => void; autoFocus?: boolean; width: number | string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const { groups, loading } = useSearch(q);
  const options = useMemo(() => groups.map((g) => ({
    label: g.label,
    options: g.hits.map((h) => ({ value: h.href, label: <span data-testid="search-hit">{h.label}</span> })),
  })), [groups]);
  return (
    <AutoComplete
      style={{ width }}
      options={options}
      value={q}
      onChange={(v: string) => setQ(v.startsWith('/e/') ? q : v)}
      onSelect={(href: string) => {
        setQ('');
        onOpened?.();
        navigate(href);
      }}
      defaultActiveFirstOption
      notFoundContent={q.trim().length >= 2 && !loading ? t('search.none') : null}
      popupMatchSelectWidth={Math.max(320, typeof width === 'number' ? width : 0)}
      data-testid="global-search"
    >
      <Input prefix={<SearchOutlined aria-hidden />} placeholder={t('search.placeholder')} aria-label={t('search.label')}
        allowClear autoFocus={autoFocus} />
    </AutoComplete>
  );
}

export function GlobalSearch({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!mobile) return <SearchBox width={280} />;
  return (
    <>
      <Button type="text" icon={<SearchOutlined />} aria-label={t('search.label')} onClick={() => setOpen(true)} />
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('search.label')} destroyOnHidden
        style={{ top: 16 }}>
        <SearchBox width="100%" autoFocus onOpened={() => setOpen(false)} />
      </Modal>
    </>
  );
}
