// What someone has written and not yet sent survives a reload, a phone discarding the tab in the background, a
// slip onto another page and a session that ran out while they wrote: the fields of a form are kept in this
// tab's sessionStorage as they are typed, put back when the form shows again for the same person, and forgotten
// once sent and at logout (draft-store.ts). sessionStorage, not localStorage: it belongs to the tab and ends with
// it, so a message to the school does not stay on a family's shared tablet. Where storage is refused (a private
// window that allows none, a full quota), the form works as before, only without a draft.
import { useCallback, useMemo } from 'react';
import { useSession } from './session';
import { draftKey, readDraft, writeDraft, type DraftValue } from './draft-store';

type Field =
  | { kind: 'text'; el: HTMLInputElement | HTMLTextAreaElement }
  | { kind: 'select'; el: HTMLSelectElement }
  | { kind: 'boxes'; els: HTMLInputElement[] }
  | { kind: 'radios'; els: HTMLInputElement[] };

const isChoice = (x: unknown, type: 'checkbox' | 'radio'): x is HTMLInputElement => x instanceof HTMLInputElement && x.type === type;

/**
 * The form's fields of these names: a text field (a date or time too), a choice from a list (a select), radio
 * buttons sharing a name (one choice), or checkboxes sharing a name (whom a letter goes to; a single checkbox is a
 * group of one).
 */
const fieldsOf = (form: HTMLFormElement, names: readonly string[]): [string, Field][] =>
  names.flatMap((name): [string, Field][] => {
    const item = form.elements.namedItem(name);
    if (item instanceof HTMLSelectElement) return [[name, { kind: 'select', el: item }]];
    if (item instanceof HTMLTextAreaElement || (item instanceof HTMLInputElement && item.type !== 'checkbox' && item.type !== 'radio')) return [[name, { kind: 'text', el: item }]];
    const all = item instanceof HTMLInputElement ? [item] : item instanceof RadioNodeList ? [...item] : [];
    const radios = all.filter((x) => isChoice(x, 'radio'));
    if (radios.length) return [[name, { kind: 'radios', els: radios }]];
    const boxes = all.filter((x) => isChoice(x, 'checkbox'));
    return boxes.length ? [[name, { kind: 'boxes', els: boxes }]] : [];
  });

const valueOf = (f: Field): DraftValue => {
  if (f.kind === 'boxes') return f.els.filter((b) => b.checked).map((b) => b.value);
  if (f.kind === 'radios') return f.els.find((r) => r.checked)?.value ?? '';
  return f.el.value;
};

export interface Draft {
  /** The form's `ref` (a callback ref): puts a kept draft back into its empty fields when it shows. */
  restore(form: HTMLFormElement | null): void;
  /** For the form's `onInput`: keeps the fields as they are now. */
  onInput(event: { currentTarget: HTMLFormElement }): void;
  /** Once sent: nothing is kept any more. */
  clear(): void;
  /** A value the form holds in its own state rather than in a field (whom an announcement goes to), as kept. */
  kept(name: string): DraftValue | undefined;
  /** Keeps such a value beside the fields. */
  keep(name: string, value: DraftValue): void;
}

/**
 * Keeps the named fields of a form (text, dates, selects, radio buttons, checkboxes) as a draft under `scope` (e.g. `reply:<conversation>`),
 * per person; a null scope keeps nothing (a form filled in from what is stored, such as an edit).
 */
export function useDraft(scope: string | null, names: readonly string[]): Draft {
  const { me } = useSession();
  const key = me && scope ? draftKey(me.person.id, scope) : null;
  // The names as one string, so a list written inline at the call does not make a new callback on every render.
  const joined = names.join('\u0000');
  const list = useMemo(() => joined.split('\u0000'), [joined]);
  const restore = useCallback((form: HTMLFormElement | null) => {
    if (!form || !key) return;
    const kept = readDraft(key);
    for (const [name, field] of fieldsOf(form, list)) {
      const value = kept[name];
      // Text only into a field still as the page gave it (empty, or a date's default of today); a kept choice (of
      // a list or radio buttons that still offer it, of checkboxes) is the choice.
      if (field.kind === 'text' && field.el.value === field.el.defaultValue && typeof value === 'string') field.el.value = value;
      if (field.kind === 'select' && typeof value === 'string' && [...field.el.options].some((o) => o.value === value)) field.el.value = value;
      if (field.kind === 'radios' && typeof value === 'string') {
        const kept = field.els.find((r) => r.value === value);
        if (kept) kept.checked = true;
      }
      if (field.kind === 'boxes' && Array.isArray(value)) for (const box of field.els) box.checked = value.includes(box.value);
    }
  }, [key, list]);
  return useMemo(() => ({
    restore,
    onInput(event) {
      if (key) writeDraft(key, { ...readDraft(key), ...Object.fromEntries(fieldsOf(event.currentTarget, list).map(([name, field]) => [name, valueOf(field)])) });
    },
    clear() {
      if (key) writeDraft(key, {});
    },
    kept(name) {
      return key ? readDraft(key)[name] : undefined;
    },
    keep(name, value) {
      if (key) writeDraft(key, { ...readDraft(key), [name]: value });
    },
  }), [restore, key, list]);
}

