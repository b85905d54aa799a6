// One submit at a time: a second click (a double tap on "Send") while the first request is in flight sends nothing.
// `disabled={mutation.isPending}` alone does not do it: react-query tells React that the mutation is pending a moment
// after mutate(), and a second click can arrive before the button has re-rendered as disabled. The gate is a plain
// flag that is shut at once, in the click itself, and opened again when the request has finished either way.
import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';

export interface Gate {
  /** Starts `work` unless an earlier run has not finished; true when it started. */
  run(work: () => Promise<unknown>): boolean;
  readonly busy: boolean;
}

export function createGate(): Gate {
  let busy = false;
  const open = () => { busy = false; };
  return {
    get busy() { return busy; },
    run(work) {
      if (busy) return false;
      busy = true;
      try {
        work().then(open, open);
      } catch (err) {
        open();
        throw err;
      }
      return true;
    },
  };
}

/** A gate that lives as long as the component: for work that is not a react-query mutation (see PushToggle). */
export function useGate(): Gate {
  const [gate] = useState(createGate);
  return gate;
}

/**
 * The mutation's `mutate`, guarded: a call while an earlier one is in flight is ignored. Use it for every form and
 * button that sends something (`onSubmit` → `send(variables)`), and keep `disabled={mutation.isPending}` for the eye.
 * The mutation's own state (`error`, `data`, `onSuccess`/`onError`) works as with `mutate`.
 */
export function useSubmitOnce<TData, TError, TVariables, TContext>(
  mutation: UseMutationResult<TData, TError, TVariables, TContext>,
): (variables: TVariables) => void {
  const gate = useGate();
  return (variables: TVariables) => {
    gate.run(() => mutation.mutateAsync(variables));
  };
}
