// For unit tests that render a component to markup in one language: each language's catalog as the app shows it
// (bokmål filling any key it lacks, every message parsed), all fetched when a test file imports this.
import { languages, loadCatalog, type Messages } from './catalogs';

const all = new Map(await Promise.all(languages.map(async (l) => [l.code, (await loadCatalog(l.code)).messages] as const)));

export function messagesFor(code: string): Messages {
  const messages = all.get(code);
  if (!messages) throw new Error(`no catalog for ${code}`);
  return messages;
}
