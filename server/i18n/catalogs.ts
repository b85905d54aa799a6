// The server's side of the message catalogs in shared/i18n/messages: one JSON file per language,
// so adding a language is adding a file. The server uses them for e-mails and other words it sends itself.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

const DIR = path.join(import.meta.dirname, '..', '..', 'shared', 'i18n', 'messages');

export interface LocaleInfo {
  code: string;
  name: string;
  dir: 'ltr' | 'rtl';
}

type Catalog = Record<string, string>;

let loaded: Map<string, Catalog> | undefined;

function catalogs(): Map<string, Catalog> {
  loaded ??= new Map(
    readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Catalog]),
  );
  return loaded;
}

export function supportedLocales(): LocaleInfo[] {
  return [...catalogs()].map(([code, c]) => ({ code, name: c['meta.name'] ?? code, dir: c['meta.dir'] === 'rtl' ? 'rtl' : 'ltr' }));
}

export const isSupportedLocale = (code: string): boolean => catalogs().has(code);

/** Formats a message in a language, falling back to bokmål for a key a catalog lacks. */
export function translate(locale: string, key: string, values?: Record<string, string | number>): string {
  const all = catalogs();
  const text = all.get(locale)?.[key] ?? all.get('nb')?.[key];
  if (text === undefined) return key;
  return String(new IntlMessageFormat(text, all.has(locale) ? locale : 'nb').format(values));
}
