// The constructive start. Fixed bookings go in first, exactly where they are. Then the households that are
// hardest to fit go first: most conversations, then fewest free slots. Each household's conversations are
// placed together by regret insertion, so a second child's talk lands right beside the first child's.
import type { SchedulingInstance } from '@shared/contracts/scheduling';
import { minutesOfDay } from '@shared/oslo-time';
import type { Model } from './model';
import { regretInsert, type Weights } from './repair';
import { evaluate, findInterpreters, place, type State, zeroCost } from './state';

/** Candidate index of a booking's start, or −1 when the request cannot start there. */
export function candidateAt(model: Model, r: number, dayId: string, start: string): number {
  const day = model.days.find((d) => d.id === dayId);
  if (!day) return -1;
  const g = day.offset + (minutesOfDay(start) - day.opens) / model.slotMinutes;
  return model.requests[r]!.candidates.indexOf(g);
}

/** Places the fixed bookings: locked ones as booked (validation proved they fit), movable ones where they still fit. */
export function placeFixed(s: State, fixed: SchedulingInstance['fixed']): void {
  const { model } = s;
  const index = new Map(model.requests.map((r) => [r.id, r.index]));
  const interpreterIndex = new Map(model.interpreters.map((p, i) => [p.id, i]));
  const out = zeroCost();
  for (const f of [...fixed].sort((a, b) => Number(a.movable) - Number(b.movable))) {
    const r = index.get(f.requestId)!;
    const ci = candidateAt(model, r, f.day, f.start);
    if (!f.movable) {
      place(s, r, ci, f.interpreterIds.map((id) => interpreterIndex.get(id)!));
      s.locked[r] = 1;
    } else if (ci >= 0 && evaluate(s, r, ci, out)) {
      place(s, r, ci, findInterpreters(s, r, model.requests[r]!.candidates[ci]!)!);
    }
  }
}

export function construct(s: State, w: Weights, keys: Int32Array[]): void {
  const { model } = s;
  const lists: number[][] = model.households.map(() => []);
  for (const r of model.requests) for (const h of r.households) lists[h]!.push(r.index);
  const freeSlots = model.households.map((h) => h.free.reduce((a, b) => a + b, 0));
  const order = model.households.map((_, h) => h).sort((a, b) => lists[b]!.length - lists[a]!.length || freeSlots[a]! - freeSlots[b]! || a - b);
  for (const h of order) {
    const pending = lists[h]!.filter((r) => s.cand[r]! < 0 && model.requests[r]!.candidates.length > 0);
    if (pending.length > 0) regretInsert(s, w, keys, pending);
  }
}
