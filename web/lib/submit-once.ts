// One submit at a time: a second click (a double tap on "Send") while the first request is in flight sends nothing.
// `disabled={mutation.isPending}` alone does not do it: react-query tells React that the mutation is pending a moment
// after mutate(), and a second click can arrive before the button has re-rendered as disabled. The gate is a plain
// flag that is shut at once, in the click itself, and opened again when the request has finished either way.
//
// A send whose answer was lost (the network dropped, a proxy gave up) is sent again with the same Idempotency-Key, so
// the server answers it with the first answer instead of doing it twice (server/core/idempotency.ts): createSendKeys.
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
    gate.run(() => keyedWhile(() => mutation.mutateAsync(variables)));
  };
}

/** What became of a try: answered (2xx or a refusal), or unknown (no answer, a 5xx, or the first try still running). */
export type SendOutcome = 'answered' | 'unknown';

export interface SendKey {
  key: string;
  settle(outcome: SendOutcome): void;
}

/**
 * The Idempotency-Key of each send, remembered per method and URL for the content last sent there. A send whose
 * outcome is unknown leaves its key, and the next send of the same body to the same place (the person taps again,
 * the content unchanged) carries it. Any answer forgets it: after a success, the same text again is a new message;
 * after a refusal, a new try is judged anew. Another body replaces it, so a send of A, then B, then A again is three
 * sends. The body is the request's own (mutationFn builds it, often from more than the mutation's variables), which
 * is why the keys are kept here, by what api.ts sends, and not by the variables useSubmitOnce sees.
 */
export function createSendKeys(newKey: () => string = randomKey): { take(target: string, body: string): SendKey } {
  const last = new Map<string, { body: string; key: string; inFlight: boolean }>();
  return {
    take(target, body) {
      const prior = last.get(target);
      // The same body still in flight (a call no gate guards) is another send: a key of its own.
      const entry = prior && prior.body === body && !prior.inFlight ? prior : { body, key: newKey(), inFlight: false };
      entry.inFlight = true;
      last.delete(target);
      last.set(target, entry);
      if (last.size > 100) last.delete(last.keys().next().value!);
      return {
        key: entry.key,
        settle(outcome) {
          entry.inFlight = false;
          if (outcome === 'answered' && last.get(target) === entry) last.delete(target);
        },
      };
    },
  };
}

/** crypto.randomUUID() is only there in a secure context; a school trying Tillit on plain http on its own network is not. */
function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sendKeys = createSendKeys();
let sendsInFlight = 0;

/**
 * While a send of useSubmitOnce is in flight, api.ts gives its state-changing requests a key. The mutation calls
 * api.ts a few steps later (react-query awaits its onMutate first), so the key cannot be handed over directly; a
 * state-changing request of something else made meanwhile gets a key of its own too, which does no harm.
 */
function keyedWhile<T>(work: () => Promise<T>): Promise<T> {
  sendsInFlight++;
  let done: Promise<T>;
  try {
    done = work();
  } catch (err) {
    sendsInFlight--;
    throw err;
  }
  return done.finally(() => { sendsInFlight--; });
}

/** The key for a state-changing request api.ts is about to send, or null when it is not a send of useSubmitOnce. */
export function sendKeyFor(method: string, url: string, body: string): SendKey | null {
  return sendsInFlight > 0 ? sendKeys.take(`${method} ${url}`, body) : null;
}
