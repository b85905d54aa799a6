// Every language Tillit speaks is a file in shared/i18n/messages: adding a language is adding a file. The list of
// languages is in the app's script; each catalog is a script of its own, fetched when its language is first shown
// (scripts/catalogs.ts builds both).
import type { MessageFormatElement } from 'react-intl';
import { languages as all, loaders, type LanguageMeta } from 'virtual:tillit-languages';

/** A catalog as react-intl takes it: every message parsed at build time. */
export type Messages = Record<string, MessageFormatElement[]>;

export type Language = LanguageMeta;

export const languages: Language[] = all;

const known = (code: string | null | undefined): code is string => !!code && code in loaders;

const STORAGE_KEY = 'tillit.locale';

/**
 * The user's saved choice, else this browser's earlier choice, else a language other than bokmål that the school
 * registered for the person (bokmål is everyone's registered default, so it says nothing), else the browser's
 * languages, else bokmål.
 */
export function pickLocale(saved: string | null | undefined, registered?: string): string {
  if (known(saved)) return saved;
  const stored = localStorage.getItem(STORAGE_KEY);
  if (known(stored)) return stored;
  if (registered && registered !== 'nb' && known(registered)) return registered;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0]!;
    if (base === 'no') return 'nb';
    if (known(base)) return base;
  }
  return 'nb';
}

export function rememberLocale(code: string): void {
  localStorage.setItem(STORAGE_KEY, code);
}

export interface Catalog {
  locale: string;
  messages: Messages;
}

const loaded = new Map<string, Catalog>();
const loading = new Map<string, Promise<Catalog>>();

/** A catalog already fetched, else undefined. */
export function loadedCatalog(code: string): Catalog | undefined {
  return loaded.get(code);
}

/**
 * A language's catalog (bokmål filling any key it lacks), fetched once. A failed fetch (offline, or a tab older than
 * the app on the server, whose scripts have new names) is not kept, so the next call tries again.
 */
export function loadCatalog(code: string): Promise<Catalog> {
  const hit = loaded.get(code);
  if (hit) return Promise.resolve(hit);
  let pending = loading.get(code);
  if (!pending) {
    pending = (loaders[code] ?? loaders.nb!)()
      .then((m) => {
        const catalog = { locale: code, messages: m.default };
        loaded.set(code, catalog);
        return catalog;
      })
      .finally(() => loading.delete(code));
    loading.set(code, pending);
  }
  return pending;
}
