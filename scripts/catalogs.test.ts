// The catalogs as the web app gets them (scripts/catalogs.ts): a list of languages with what a page says when a
// catalog cannot be fetched, and one module per language, bokmål filling its gaps, every message parsed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { catalogFiles, catalogModule, languagesModule } from './catalogs';

function files(catalogs: Record<string, Record<string, string>>): Map<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tillit-catalogs-'));
  return new Map(Object.entries(catalogs).map(([code, c]) => {
    const file = path.join(dir, `${code}.json`);
    writeFileSync(file, JSON.stringify(c));
    return [code, file];
  }));
}

/** The default export of a generated catalog module. */
const exported = (module: string): Record<string, MessageFormatElement[]> =>
  JSON.parse(JSON.parse(/^export default JSON\.parse\((.*)\);\n$/s.exec(module)![1]!) as string) as Record<string, MessageFormatElement[]>;

const nb = { 'meta.name': 'Norsk bokmål', 'meta.loadFailed': 'Tillit kunne ikke lastes.', 'meta.reload': 'Last inn på nytt', 'inbox.count': '{n, plural, one {# melding} other {# meldinger}}', 'only.nb': 'Bare på bokmål' };
const ar = { 'meta.name': 'العربية', 'meta.dir': 'rtl', 'meta.reload': 'إعادة التحميل', 'inbox.count': '{n, plural, one {رسالة} other {# رسائل}}' };

describe('the catalogs as built for the web app', () => {
  it('lists bokmål first with each language\'s name, direction and failure texts, bokmål filling what a catalog lacks', () => {
    const module = languagesModule(files({ ar, nb, en: { 'meta.name': 'English', 'meta.loadFailed': 'Tillit could not be loaded.', 'meta.reload': 'Reload' } }));
    const languages = JSON.parse(/^export const languages = (.*);$/m.exec(module)![1]!) as unknown;
    expect(languages).toEqual([
      { code: 'nb', name: 'Norsk bokmål', dir: 'ltr', loadFailed: 'Tillit kunne ikke lastes.', reload: 'Last inn på nytt' },
      { code: 'ar', name: 'العربية', dir: 'rtl', loadFailed: 'Tillit kunne ikke lastes.', reload: 'إعادة التحميل' },
      { code: 'en', name: 'English', dir: 'ltr', loadFailed: 'Tillit could not be loaded.', reload: 'Reload' },
    ]);
    expect(module).toContain('"ar": () => import("virtual:tillit-catalog/ar")');
  });

  it('gives a language its messages parsed, formatting as the text would, with bokmål\'s for a key it lacks', () => {
    const messages = exported(catalogModule(files({ nb, ar }), 'ar'));
    expect(new IntlMessageFormat(messages['inbox.count']!, 'ar').format({ n: 3 })).toBe('3 رسائل');
    expect(new IntlMessageFormat(messages['only.nb']!, 'ar').format()).toBe('Bare på bokmål');
    expect(new IntlMessageFormat(messages['inbox.count']!, 'ar').format({ n: 1 })).toBe('رسالة');
  });

  it('fails the build for a message that does not parse, naming the file and the message', () => {
    const broken = files({ nb, nn: { 'inbox.count': '{n, plural, one {# melding}' } });
    expect(() => catalogModule(broken, 'nn')).toThrow(new RegExp(`nn\\.json: message inbox\\.count does not parse`));
  });

  it('builds the shipped catalogs, and the test-only ones only in their mode', () => {
    expect([...catalogFiles('production').keys()]).toEqual(['en', 'nb', 'nn']);
    expect([...catalogFiles('test-catalogs').keys()]).toEqual(['en', 'nb', 'nn', 'qaa']);
    for (const code of catalogFiles('production').keys()) expect(() => catalogModule(catalogFiles('production'), code)).not.toThrow();
  });
});
