// The web app's catalogs, prepared at build time (a Vite plugin). Two things made a phone pay for every language
// and for a parser on each visit: all catalogs were in the app's one script, and react-intl parsed each message
// from its ICU text the first time it was shown. Now:
// - `virtual:tillit-languages` is the small part every page needs: each language's code, name, direction and the
//   two `meta.*` texts shown if its catalog cannot be fetched, and a loader per language.
// - `virtual:tillit-catalog/<code>` is one language's catalog in a script of its own, fetched when that language is
//   chosen, with bokmål filling any key it lacks, and every message already parsed into the ICU syntax tree that
//   react-intl formats. The browser build then takes the parser out of react-intl (NO_PARSER, in vite.config.ts),
//   and a message that does not parse fails the build rather than a page.
// Adding a language is still adding a file to shared/i18n/messages. Test-only catalogs (e2e/fixtures/messages, a
// right-to-left language) join only a `vite build --mode test-catalogs`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const SHIPPED = path.join(root, 'shared', 'i18n', 'messages');
const TEST_ONLY = path.join(root, 'e2e', 'fixtures', 'messages');

const LANGUAGES_ID = 'virtual:tillit-languages';
const CATALOG_PREFIX = 'virtual:tillit-catalog/';
/** Rollup's convention: a virtual module's resolved id starts with a NUL, so no other plugin reads it as a file. */
const resolved = (id: string) => `\0${id}`;

type Catalog = Record<string, string>;

/** The alias a browser build takes react-intl's ICU parser out with: every message it gets is parsed already. */
export const NO_PARSER = { find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' };

/** The catalog files of a build: code → file. */
export function catalogFiles(mode: string): Map<string, string> {
  const dirs = mode === 'test-catalogs' ? [SHIPPED, TEST_ONLY] : [SHIPPED];
  const files = new Map<string, string>();
  for (const dir of dirs) {
    for (const name of readdirSync(dir).sort()) {
      const match = /^(\w+)\.json$/.exec(name);
      if (match) files.set(match[1]!, path.join(dir, name));
    }
  }
  return files;
}

const read = (file: string): Catalog => JSON.parse(readFileSync(file, 'utf8')) as Catalog;

/** The list every page needs, bokmål first and then by code, with each language's loader. */
export function languagesModule(files: Map<string, string>): string {
  const codes = [...files.keys()].sort((a, b) => (a === 'nb' ? -1 : b === 'nb' ? 1 : a.localeCompare(b)));
  const nb = read(files.get('nb')!);
  const languages = codes.map((code) => {
    const c = { ...nb, ...read(files.get(code)!) };
    return { code, name: c['meta.name'] ?? code, dir: c['meta.dir'] === 'rtl' ? 'rtl' : 'ltr', loadFailed: c['meta.loadFailed'], reload: c['meta.reload'] };
  });
  const loaders = codes.map((code) => `${JSON.stringify(code)}: () => import(${JSON.stringify(CATALOG_PREFIX + code)})`);
  return `export const languages = ${JSON.stringify(languages)};\nexport const loaders = {${loaders.join(', ')}};\n`;
}

/** One language's catalog, bokmål under it, each message parsed; JSON.parse of a string is the fastest way in. */
export function catalogModule(files: Map<string, string>, code: string): string {
  const messages = { ...read(files.get('nb')!), ...read(files.get(code)!) };
  const compiled = Object.fromEntries(Object.entries(messages).map(([id, text]) => {
    try {
      return [id, parse(text)];
    } catch (err) {
      throw new Error(`${files.get(code)}: message ${id} does not parse: ${(err as Error).message}`, { cause: err });
    }
  }));
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(compiled))});\n`;
}

export function catalogsPlugin(): Plugin {
  let files = new Map<string, string>();
  return {
    name: 'tillit-catalogs',
    configResolved(config) { files = catalogFiles(config.mode); },
    resolveId(id) {
      if (id === LANGUAGES_ID) return resolved(id);
      if (id.startsWith(CATALOG_PREFIX) && files.has(id.slice(CATALOG_PREFIX.length))) return resolved(id);
      return undefined;
    },
    load(id) {
      if (id === resolved(LANGUAGES_ID)) {
        for (const file of files.values()) this.addWatchFile(file);
        return languagesModule(files);
      }
      if (id.startsWith(resolved(CATALOG_PREFIX))) {
        const code = id.slice(resolved(CATALOG_PREFIX).length);
        this.addWatchFile(files.get('nb')!);
        this.addWatchFile(files.get(code)!);
        return catalogModule(files, code);
      }
      return undefined;
    },
  };
}
