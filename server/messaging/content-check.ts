// Warnings before a message to many families goes out (issue 3, "Sensitive content"): messages are not the
// place for health details or other students' matters. A heuristic that asks the sender, never blocks alone.
import type { ContentWarning } from '@shared/contracts/messaging';
import { AppError } from '../core/errors';

const HEALTH_WORDS = [
  'diagnose', 'diagnosis', 'adhd', 'autisme', 'autism', 'epilepsi', 'epilepsy', 'diabetes', 'allergi', 'allergy',
  'depresjon', 'depression', 'angst', 'anxiety', 'medisin', 'medisiner', 'medication', 'sykdom', 'sjukdom', 'illness',
  'psykolog', 'psychologist', 'bup', 'ppt', 'spiseforstyrrelse', 'eating disorder', 'selvskading', 'self-harm', 'innlagt', 'hospital', 'sykehus', 'sjukehus',
];

const words = (text: string): string[] => text.toLocaleLowerCase('nb').split(/[^\p{L}\p{N}-]+/u).filter(Boolean);

/**
 * @param names given and family names of students in the school who are not the recipients' own children
 */
export function checkContent(text: string, names: { givenName: string; familyName: string }[]): ContentWarning[] {
  const warnings: ContentWarning[] = [];
  const lower = text.toLocaleLowerCase('nb');
  const tokens = new Set(words(text));
  const health = HEALTH_WORDS.filter((w) => (w.includes(' ') ? lower.includes(w) : tokens.has(w)));
  if (health.length > 0) warnings.push({ kind: 'health_information', detail: [...new Set(health)].join(', ') });
  // A full name is a clear mention; a given name alone is too common a word to warn about.
  const named = names.filter((n) => lower.includes(`${n.givenName} ${n.familyName}`.toLocaleLowerCase('nb')));
  if (named.length > 0) warnings.push({ kind: 'names_other_student', detail: [...new Set(named.map((n) => `${n.givenName} ${n.familyName}`))].join(', ') });
  return warnings;
}

/** Stops the send with the warnings as field issues; the sender confirms with confirmWarnings: true. */
export function throwOnWarnings(warnings: ContentWarning[]): void {
  if (warnings.length === 0) return;
  throw new AppError('content_warning', 'Check the message before it goes to many families', warnings.map((w) => ({ path: 'body', code: w.kind, message: w.detail })));
}
