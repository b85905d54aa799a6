import { describe, expect, it } from 'vitest';
import { createGate } from './submit-once';

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
