// Who is logged in, and in which language they read Tillit.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IntlProvider } from 'react-intl';
import { MeResponse } from '@shared/contracts/people';
import { SessionStateResponse } from '@shared/contracts/auth';
import { api, ApiError, setCsrfToken } from './api';
import { forgetDrafts } from './draft-store';
import { languages, messagesFor, pickLocale, rememberLocale } from '../i18n/catalogs';

interface SessionValue {
  me: MeResponse | null;
  loading: boolean;
  locale: string;
  setLocale(code: string): void;
  loggedIn(csrfToken: string): Promise<void>;
  loggedOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

async function fetchMe(): Promise<MeResponse | null> {
  try {
    const session = await api.get('/api/auth/session', SessionStateResponse);
    if (!session.loggedIn) return null;
    setCsrfToken(session.csrfToken);
    const me = await api.get('/api/me', MeResponse);
    // Whoever is logged in now finds their own drafts and no one else's.
    forgetDrafts(me.person.id);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000 });
  const me = meQuery.data ?? null;
  const [chosen, setChosen] = useState<string | null>(null);
  const locale = chosen ?? pickLocale(me?.locale, me?.preferredLanguage);

  useEffect(() => {
    const lang = languages.find((l) => l.code === locale);
    document.documentElement.lang = locale;
    document.documentElement.dir = lang?.dir ?? 'ltr';
  }, [locale]);

  const setLocale = useCallback((code: string) => {
    setChosen(code);
    rememberLocale(code);
    if (me) void api.put('/api/me/locale', { locale: code }).then(() => queryClient.invalidateQueries({ queryKey: ['me'] }));
  }, [me, queryClient]);

  const value = useMemo<SessionValue>(() => ({
    me,
    loading: meQuery.isLoading,
    locale,
    setLocale,
    async loggedIn(csrfToken) {
      setCsrfToken(csrfToken);
      setChosen(null);
      await queryClient.invalidateQueries();
    },
    loggedOut() {
      forgetDrafts();
      setCsrfToken(null);
      queryClient.setQueryData(['me'], null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  }), [me, meQuery.isLoading, locale, setLocale, queryClient]);

  return (
    <SessionContext.Provider value={value}>
      <IntlProvider locale={formattingLocale(locale)} messages={messagesFor(locale)} defaultLocale="nb">
        {children}
      </IntlProvider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/**
 * The locale dates and numbers are formatted in: English in Tillit is read in Norway, so its dates are written the
 * British way, day before month and a 24-hour clock ("1 Dec 2026, 17:33"), not the American "Dec 1, 2026, 5:33 PM".
 */
export function formattingLocale(locale: string): string {
  return locale === 'en' ? 'en-GB' : locale;
}

/** The school's leaders (rektor, avdelingsleder), as the server's isSchoolLeaderAt counts them: who sees a page's leader tools. */
export const isLeaderRole = (role: string): boolean => role === 'rektor' || role === 'avdelingsleder';
