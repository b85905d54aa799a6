// Every language Tillit speaks is a file in shared/i18n/messages: adding a language is adding a file.
type Catalog = Record<string, string>;

const files = {
  ...import.meta.glob<Catalog>('../../shared/i18n/messages/*.json', { eager: true, import: 'default' }),
  // Test-only catalogs (e2e/fixtures/messages: a right-to-left language) join only a `vite build --mode test-catalogs`.
  ...(import.meta.env.MODE === 'test-catalogs' ? import.meta.glob<Catalog>('../../e2e/fixtures/messages/*.json', { eager: true, import: 'default' }) : {}),
};

export const catalogs: Record<string, Catalog> = Object.fromEntries(
  Object.entries(files).map(([file, catalog]) => [file.replace(/^.*\/(\w+)\.json$/, '$1'), catalog]),
);

export interface Language {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

export const languages: Language[] = Object.entries(catalogs)
  .map(([code, c]) => ({ code, name: c['meta.name'] ?? code, dir: c['meta.dir'] === 'rtl' ? ('rtl' as const) : ('ltr' as const) }))
  .sort((a, b) => (a.code === 'nb' ? -1 : b.code === 'nb' ? 1 : a.code.localeCompare(b.code)));

const STORAGE_KEY = 'tillit.locale';

/**
 * The user's saved choice, else this browser's earlier choice, else a language other than bokmål that the school
 * registered for the person (bokmål is everyone's registered default, so it says nothing), else the browser's
 * languages, else bokmål.
 */
export function pickLocale(saved: string | null | undefined, registered?: string): string {
  if (saved && catalogs[saved]) return saved;
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && catalogs[stored]) return stored;
  if (registered && registered !== 'nb' && catalogs[registered]) return registered;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0]!;
    if (base === 'no') return 'nb';
    if (catalogs[base]) return base;
  }
  return 'nb';
}

export function rememberLocale(code: string): void {
  localStorage.setItem(STORAGE_KEY, code);
}

/** Messages of a language, with bokmål filling any key a newer catalog lacks. */
export function messagesFor(code: string): Catalog {
  return { ...catalogs.nb, ...catalogs[code] };
}
