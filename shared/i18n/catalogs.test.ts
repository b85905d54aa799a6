// Every language says everything: the same keys as bokmål, valid ICU messages, and a message for every
// id the web app uses, every error code, role, persona, category and topic.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { ERROR_STATUS } from '../errors';
import { StaffRole } from '../contracts/people';
import { Persona } from '../contracts/auth';
import { AnnouncementCategory, ConversationTopic } from '../contracts/messaging';

const dir = path.join(import.meta.dirname, 'messages');
const catalogs = Object.fromEntries(
  readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>]),
);

function webSources(): string[] {
  const root = path.join(import.meta.dirname, '..', '..', 'web');
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts')).map((f) => readFileSync(path.join(root, f), 'utf8'));
}

describe('the message catalogs', () => {
  const nb = catalogs.nb!;

  it('include bokmål, nynorsk and English', () => {
    expect(Object.keys(catalogs)).toEqual(expect.arrayContaining(['nb', 'nn', 'en']));
  });

  for (const [code, catalog] of Object.entries(catalogs)) {
    it(`has every key in ${code}, each a valid ICU message`, () => {
      expect(Object.keys(catalog).filter((k) => !(k in nb)), 'keys bokmål lacks').toEqual([]);
      expect(Object.keys(nb).filter((k) => !(k in catalog)), `keys ${code} lacks`).toEqual([]);
      for (const [key, text] of Object.entries(catalog)) {
        expect(() => new IntlMessageFormat(text, code), key).not.toThrow();
      }
      expect(['ltr', 'rtl']).toContain(catalog['meta.dir']);
    });
  }

  it('has a message for every id the web app uses', () => {
    const ids = new Set<string>();
    for (const src of webSources()) {
      for (const m of src.matchAll(/\bid[=:]\s*["'`]([\w.-]+)["'`]/g)) ids.add(m[1]!);
    }
    expect(ids.size).toBeGreaterThan(50);
    expect([...ids].filter((id) => id.includes('.') && !(id in nb))).toEqual([]);
  });

  it('names every error code, role, persona, category and topic', () => {
    const needed = [
      ...Object.keys(ERROR_STATUS).map((c) => `error.${c}`),
      ...StaffRole.options.map((r) => `role.${r}`),
      ...Persona.options.map((p) => `persona.${p}`),
      ...AnnouncementCategory.options.map((c) => `category.${c}`),
      ...ConversationTopic.options.map((t) => `topic.${t}`),
    ];
    expect(needed.filter((k) => !(k in nb))).toEqual([]);
  });
});
