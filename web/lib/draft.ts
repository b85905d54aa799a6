// What someone has written and not yet sent survives a reload, a phone discarding the tab in the background, a
// slip onto another page and a session that ran out while they wrote: the text fields of a form are kept in this
// tab's sessionStorage as they are typed, put back when the form shows again for the same person, and forgotten
// once sent and at logout (draft-store.ts). sessionStorage, not localStorage: it belongs to the tab and ends with
// it, so a message to the school does not stay on a family's shared tablet. Where storage is refused (a private
// window that allows none, a full quota), the form works as before, only without a draft.
import { useCallback, useMemo } from 'react';
import { useSession } from './session';
import { draftKey, readDraft, writeDraft } from './draft-store';

type Fields = HTMLInputElement | HTMLTextAreaElement;

const fieldsOf = (form: HTMLFormElement, names: readonly string[]): [string, Fields][] =>
  names.flatMap((name) => {
    const field = form.elements.namedItem(name);
    return field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement ? [[name, field] as [string, Fields]] : [];
  });

export interface Draft {
  /** The form's `ref` (a callback ref): puts a kept draft back into its empty fields when it shows. */
  restore(form: HTMLFormElement | null): void;
  /** For the form's `onInput`: keeps the fields as they are now. */
  onInput(event: { currentTarget: HTMLFormElement }): void;
  /** Once sent: nothing is kept any more. */
  clear(): void;
}

/**
 * Keeps the named text fields of a form as a draft under `scope` (e.g. `reply:<conversation>`), per person; a null
 * scope keeps nothing (a form filled in from what is stored, such as an edit).
 */
export function useDraft(scope: string | null, names: readonly string[]): Draft {
  const { me } = useSession();
  const key = me && scope ? draftKey(me.person.id, scope) : null;
  const fields = names.join('\u0000');
  const restore = useCallback((form: HTMLFormElement | null) => {
    if (!form || !key) return;
    const kept = readDraft(key);
    for (const [name, field] of fieldsOf(form, fields.split('\u0000'))) {
      if (field.value === '' && typeof kept[name] === 'string') field.value = kept[name];
    }
  }, [key, fields]);
  return useMemo(() => ({
    restore,
    onInput(event) {
      if (key) writeDraft(key, Object.fromEntries(fieldsOf(event.currentTarget, fields.split('\u0000')).map(([name, field]) => [name, field.value])));
    },
    clear() {
      if (key) writeDraft(key, {});
    },
  }), [restore, key, fields]);
}

