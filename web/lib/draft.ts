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
  | { kind: 'boxes'; els: HTMLInputElement[] };

/**
 * The form's fields of these names: a text field, a choice from a list (a select), or checkboxes sharing a name
 * (whom a letter goes to; a single checkbox is a group of one).
 */
const fieldsOf = (form: HTMLFormElement, names: readonly string[]): [string, Field][] =>
  names.flatMap((name): [string, Field][] => {
    const item = form.elements.namedItem(name);
    if (item instanceof HTMLSelectElement) return [[name, { kind: 'select', el: item }]];
    if (item instanceof HTMLTextAreaElement || (item instanceof HTMLInputElement && item.type !== 'checkbox')) return [[name, { kind: 'text', el: item }]];
    const boxes = item instanceof HTMLInputElement ? [item] : item instanceof RadioNodeList ? [...item].filter((x): x is HTMLInputElement => x instanceof HTMLInputElement && x.type === 'checkbox') : [];
    return boxes.length ? [[name, { kind: 'boxes', els: boxes }]] : [];
  });

const valueOf = (f: Field): DraftValue => (f.kind === 'boxes' ? f.els.filter((b) => b.checked).map((b) => b.value) : f.el.value);

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
 * Keeps the named fields of a form (text, selects, checkboxes) as a draft under `scope` (e.g. `reply:<conversation>`),
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
      // Text only into an empty field; a kept choice (of a list that still offers it, of checkboxes) is the choice.
      if (field.kind === 'text' && field.el.value === '' && typeof value === 'string') field.el.value = value;
      if (field.kind === 'select' && typeof value === 'string' && [...field.el.options].some((o) => o.value === value)) field.el.value = value;
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

