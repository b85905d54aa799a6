import { describe, expect, it } from 'vitest';
import { createGate, createSendKeys, sendKeyFor } from './submit-once';

/** A promise the test settles by hand, as a request that is still on its way. */
function pending() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const settled = () => new Promise((r) => setTimeout(r, 0));

describe('the submit gate', () => {
  it('ignores a second run while the first is in flight, and lets the next one through once it has succeeded', async () => {
    const gate = createGate();
    const first = pending();
    let runs = 0;
    expect(gate.run(() => { runs++; return first.promise; })).toBe(true);
    expect(gate.busy).toBe(true);
    expect(gate.run(() => { runs++; return Promise.resolve(); })).toBe(false);
    expect(runs).toBe(1);
    first.resolve();
    await settled();
    expect(gate.busy).toBe(false);
    expect(gate.run(() => { runs++; return Promise.resolve(); })).toBe(true);
    expect(runs).toBe(2);
  });

  it('opens again after a failed request, so the person can try again', async () => {
    const gate = createGate();
    const first = pending();
    gate.run(() => first.promise);
    first.reject(new Error('409'));
    await settled();
    expect(gate.busy).toBe(false);
    expect(gate.run(() => Promise.resolve())).toBe(true);
  });

  it('opens again when the work throws before it returns a promise, and passes the error on', () => {
    const gate = createGate();
    expect(() => gate.run(() => { throw new Error('no'); })).toThrow('no');
    expect(gate.busy).toBe(false);
  });
});

describe('the Idempotency-Key of a send', () => {
  const target = 'POST /api/conversations/c1/messages';

  it('is kept for the same body after a try whose answer was lost, and new after an answer', () => {
    const keys = createSendKeys();
    const first = keys.take(target, '{"body":"Hei"}');
    first.settle('unknown');
    const retry = keys.take(target, '{"body":"Hei"}');
    expect(retry.key).toBe(first.key);
    retry.settle('answered');
    // The same text again after it was sent is a second message.
    const next = keys.take(target, '{"body":"Hei"}');
    expect(next.key).not.toBe(first.key);
  });

  it('is new when the body changed, so A, then B, then A again are three sends', () => {
    const keys = createSendKeys();
    const a = keys.take(target, '{"body":"A"}');
    a.settle('unknown');
    const b = keys.take(target, '{"body":"B"}');
    expect(b.key).not.toBe(a.key);
    b.settle('unknown');
    const aAgain = keys.take(target, '{"body":"A"}');
    expect([aAgain.key === a.key, aAgain.key === b.key]).toEqual([false, false]);
  });

  it('is kept per place: a lost send to one conversation does not lend its key to another', () => {
    const keys = createSendKeys();
    const here = keys.take(target, '{"body":"Hei"}');
    here.settle('unknown');
    const there = keys.take('POST /api/conversations/c2/messages', '{"body":"Hei"}');
    expect(there.key).not.toBe(here.key);
    expect(keys.take(target, '{"body":"Hei"}').key).toBe(here.key);
  });

  it('is its own for a second send of the same body while the first is still in flight', () => {
    const keys = createSendKeys();
    const first = keys.take(target, '{"body":"Hei"}');
    const second = keys.take(target, '{"body":"Hei"}');
    expect(second.key).not.toBe(first.key);
  });

  it('is a UUID, and is not given to requests outside a send of useSubmitOnce', () => {
    expect(createSendKeys().take(target, '{}').key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sendKeyFor('POST', '/api/me/locale', '{"locale":"nn"}')).toBeNull();
  });
});
