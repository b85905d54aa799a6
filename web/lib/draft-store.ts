// The drafts' storage: this tab's sessionStorage, one entry per person and form (draft.ts says why).
const PREFIX = 'tillit.draft:';

export const draftKey = (personId: string, scope: string): string => `${PREFIX}${personId}:${scope}`;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** What a draft keeps of a field: its text, or the values of the checked boxes of a group. */
export type DraftValue = string | string[];

/** The fields kept under `key`, or none. */
export function readDraft(key: string): Record<string, DraftValue> {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(key) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, DraftValue>) : {};
  } catch {
    return {};
  }
}

/** Keeps the fields under `key`; all empty, nothing is kept. */
export function writeDraft(key: string, values: Record<string, DraftValue>): void {
  try {
    if (Object.values(values).every((v) => v.length === 0)) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(values));
  } catch {
    // No room or no storage: the text stays in the form, only not kept.
  }
}

/**
 * At logout every draft of this tab goes (no `personId`); when someone logs in, every draft but their own, so a
 * session that ran out on a shared phone leaves nothing for the next person to find.
 */
export function forgetDrafts(personId?: string): void {
  const store = storage();
  if (!store) return;
  const own = personId === undefined ? null : `${PREFIX}${personId}:`;
  try {
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i))
      .filter((k): k is string => (k?.startsWith(PREFIX) ?? false) && !(own && k!.startsWith(own)));
    for (const k of keys) store.removeItem(k);
  } catch {
    // Nothing kept that could be removed.
  }
}
