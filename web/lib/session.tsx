// Who is logged in, and in which language they read Tillit.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IntlProvider } from 'react-intl';
import { MeResponse } from '@shared/contracts/people';
import { SessionStateResponse } from '@shared/contracts/auth';
import { api, ApiError, setCsrfToken } from './api';
import { forgetDrafts } from './draft-store';
import { languages, loadCatalog, loadedCatalog, pickLocale, rememberLocale, type Catalog } from '../i18n/catalogs';

interface SessionValue {
  me: MeResponse | null;
  loading: boolean;
  locale: string;
  /** The language chosen could not be fetched (offline): the page stays in `locale` and says so. */
  localeFailed: boolean;
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
  const catalog = useCatalog(chosen ?? pickLocale(me?.locale, me?.preferredLanguage));
  // The language on the page is the one whose catalog is there: the page's lang and dir are always its own.
  const locale = catalog.shown?.locale ?? catalog.wanted;

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
    localeFailed: catalog.failed,
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
  }), [me, meQuery.isLoading, locale, catalog.failed, setLocale, queryClient]);

  // Until the first catalog is there the page has no words; if it cannot be fetched, it says so in that language.
  if (!catalog.shown) return catalog.failed ? <CatalogFailed locale={catalog.wanted} /> : null;
  return (
    <SessionContext.Provider value={value}>
      <IntlProvider locale={formattingLocale(locale)} messages={catalog.shown.messages} defaultLocale="nb">
        {children}
      </IntlProvider>
    </SessionContext.Provider>
  );
}

interface CatalogState {
  /** The language asked for. */
  wanted: string;
  /** The newest catalog there of those asked for: the one wanted, or the one before it while it is fetched. */
  shown: Catalog | undefined;
  /** The fetch of the one wanted failed (offline, or a tab older than the app on the server). */
  failed: boolean;
}

/** The catalog of the language wanted, fetched when it changes; until it is there, the one shown before. */
function useCatalog(wanted: string): CatalogState {
  const [state, setState] = useState<{ shown: Catalog | undefined; failed: string | null }>(() => ({ shown: loadedCatalog(wanted), failed: null }));
  useEffect(() => {
    let current = true;
    loadCatalog(wanted).then(
      (c) => { if (current) setState({ shown: c, failed: null }); },
      () => { if (current) setState((s) => ({ ...s, failed: wanted })); },
    );
    return () => { current = false; };
  }, [wanted]);
  return { wanted, shown: loadedCatalog(wanted) ?? state.shown, failed: state.failed === wanted };
}

/**
 * No catalog could be fetched for the first page: the two sentences every language keeps in the app's own script
 * (meta.loadFailed, meta.reload) say so, in the language wanted, with a button that loads the page again.
 */
function CatalogFailed({ locale }: { locale: string }) {
  const lang = languages.find((l) => l.code === locale) ?? languages[0]!;
  return (
    <main id="main" lang={lang.code} dir={lang.dir}>
      <p role="alert">{lang.loadFailed}</p>
      <button type="button" onClick={() => window.location.reload()}>{lang.reload}</button>
    </main>
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
