// Warnings before a message to families goes out (issue 3, "Sensitive content"): messages are not the place for
// health details or other students' matters. A heuristic that asks the sender, never blocks alone.
import type { ContentWarning } from '@shared/contracts/messaging';
import { AppError } from '../core/errors';

/**
 * Health words as stems, so Norwegian inflection and compounds are caught: "allergisk", "nøtteallergi",
 * "medisinen", "sykehuset", "diagnostisert". Stems of six letters or more match anywhere in a word (compounds);
 * shorter ones only at its start, where a stem inside another word would be a false alarm ("langstrakt").
 */
const HEALTH_STEMS = [
  'diagnos', 'adhd', 'autis', 'asperger', 'epilep', 'diabet', 'allergi', 'astma', 'asthma', 'depresj', 'depress',
  'angst', 'anxiety', 'medisin', 'medikament', 'medication', 'sykdom', 'sjukdom', 'illness', 'psykolog', 'psychologist',
  'psykiat', 'psychiatr', 'spiseforstyrr', 'eating disorder', 'selvskad', 'sjølvskad', 'self-harm',
  'innlagt', 'hospital', 'sykehus', 'sjukehus', 'legevakt', 'dysleksi', 'dyslexia', 'tourette', 'cancer',
];
// Whole words only (or a part of a hyphenated one, "BUP-time"): "krefter" (forces) is not "kreft", "pptx" not PPT.
const HEALTH_WORDS = new Set(['kreft', 'kreften', 'bup', 'ppt']);

const words = (text: string): string[] => text.toLocaleLowerCase('nb').split(/[^\p{L}\p{N}-]+/u).filter(Boolean);

function healthWordsIn(text: string): string[] {
  const lower = text.toLocaleLowerCase('nb');
  const found = new Set<string>();
  for (const stem of HEALTH_STEMS.filter((s) => s.includes(' '))) if (lower.includes(stem)) found.add(stem);
  for (const word of words(text)) {
    const hit = word.split('-').some((part) => HEALTH_WORDS.has(part)) || HEALTH_STEMS.some((s) => !s.includes(' ') && (s.length >= 6 ? word.includes(s) : word.startsWith(s)));
    if (hit) found.add(word);
  }
  return [...found];
}

/**
 * @param names given and family names of students in the school who are not the recipients' own children
 * @param options.health false where health words are the family's own business (a message to one family)
 */
export function checkContent(text: string, names: { givenName: string; familyName: string }[], options: { health?: boolean } = {}): ContentWarning[] {
  const warnings: ContentWarning[] = [];
  const health = options.health === false ? [] : healthWordsIn(text);
  if (health.length > 0) warnings.push({ kind: 'health_information', detail: health.join(', ') });
  // A full name is a clear mention; a given name alone is too common a word to warn about.
  const lower = text.toLocaleLowerCase('nb');
  const named = names.filter((n) => lower.includes(`${n.givenName} ${n.familyName}`.toLocaleLowerCase('nb')));
  if (named.length > 0) warnings.push({ kind: 'names_other_student', detail: [...new Set(named.map((n) => `${n.givenName} ${n.familyName}`))].join(', ') });
  return warnings;
}

const items = (detail: string) => detail.split(', ');

/**
 * Whether the sender has confirmed these warnings: `true` confirms whatever the text holds; a list confirms what
 * the sender was shown, so a text changed after the warning (a new name, a new health word) is checked again.
 */
export function isConfirmed(warnings: ContentWarning[], confirmed: boolean | ContentWarning[]): boolean {
  if (confirmed === true) return true;
  if (confirmed === false) return warnings.length === 0;
  return warnings.every((w) => {
    const seen = new Set(confirmed.filter((c) => c.kind === w.kind).flatMap((c) => items(c.detail)));
    return items(w.detail).every((i) => seen.has(i));
  });
}

/** Stops the send with the warnings as field issues unless the sender has confirmed them (isConfirmed). */
export function throwOnWarnings(warnings: ContentWarning[], confirmed: boolean | ContentWarning[] = false): void {
  if (isConfirmed(warnings, confirmed)) return;
  throw new AppError('content_warning', 'Check the message before it goes to families', warnings.map((w) => ({ path: 'body', code: w.kind, message: w.detail })));
}
