// Who is signed in: /api/v1/auth/me, the readable entities, the member companies. Everything
// below the provider re-renders (and the routes remount) when the company changes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, UNAUTHENTICATED_EVENT } from '../api/client';
import type { EntitySummary, Me, SessionAnswer } from '../api/types';

export interface Company {
  id: number;
  name: string;
}

interface SessionValue {
  me: Me | null;
  loading: boolean;
  entities: EntitySummary[];
  companies: Company[];
  /** Bumped at every company switch and sign-in, so pages refetch. */
  generation: number;
  refresh: () => Promise<Me | null>;
  acceptSession: (answer: SessionAnswer) => Promise<void>;
  switchCompany: (id: number) => Promise<void>;
  signOut: () => Promise<void>;
  may: (resource: string, action: string) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [entities, setEntities] = useState<EntitySummary[]>([]);
  const [companies, setCompanies] = useState<Company[]>([]);
  const [generation, setGeneration] = useState(0);

  const refresh = useCallback(async () => {
    try {
      const who = await api.get<Me>('/api/v1/auth/me', undefined, { quiet401: true });
      if (who.state && who.state !== 'active') {
        setMe(null);
        return null;
      }
      setCsrfToken(who.csrf_token);
      const [meta, firms] = await Promise.all([
        api.get<{ items: EntitySummary[] }>('/api/v1/meta/entities').catch(() => ({ items: [] })),
        api.get<{ items: Company[] }>('/api/v1/companies').catch(() => ({ items: [] as Company[] })),
      ]);
      setEntities(meta.items);
      setCompanies(firms.items);
      setMe(who);
      setGeneration((g) => g + 1);
      return who;
    } catch {
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onUnauthenticated = () => setMe(null);
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [refresh]);

  const acceptSession = useCallback(
    async (answer: SessionAnswer) => {
      setCsrfToken(answer.csrf_token);
      if (answer.state === 'active') await refresh();
    },
    [refresh],
  );

  const switchCompany = useCallback(
    async (id: number) => {
      const answer = await api.post<SessionAnswer>('/api/v1/auth/company', { company_id: id });
      setCsrfToken(answer.csrf_token);
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    await api.post('/api/v1/auth/logout').catch(() => undefined);
    setCsrfToken('');
    setMe(null);
  }, []);

  const may = useCallback(
    (resource: string, action: string) =>
      !!me?.grants.some((g) => (g.resource === resource || g.resource === '*') && (g.action === action || g.action === '*')),
    [me],
  );

  const value = useMemo(
    () => ({ me, loading, entities, companies, generation, refresh, acceptSession, switchCompany, signOut, may }),
    [me, loading, entities, companies, generation, refresh, acceptSession, switchCompany, signOut, may],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
