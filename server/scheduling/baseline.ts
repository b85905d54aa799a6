// What families get today: first come, first served. Households arrive in random order; each books its
// conversations one after another at a free time that suits it, with no one looking at the whole school.
// A fair baseline, not a straw man: a household that already has a time tries to book beside it the same day,
// and otherwise takes the earliest free time that meets its wishes, or else the earliest free time at all.
import { placeFixed } from './construct';
import type { Model } from './model';
import { createRng } from './random';
import { createState, evaluate, findInterpreters, place, type State, startOf, zeroCost } from './state';

const OTHER_DAY = 1e6;

export function firstComeBaseline(model: Model, seed: number): State {
  const s = createState(model);
  placeFixed(s, model.instance.fixed);
  const rng = createRng(seed);
  const mine: number[][] = model.households.map(() => []);
  for (const r of model.requests) for (const h of r.households) mine[h]!.push(r.index);
  const out = zeroCost();
  for (const h of rng.shuffle(model.households.map((_, i) => i))) {
    for (const r of mine[h]!) {
      if (s.cand[r]! >= 0) continue;
      const req = model.requests[r]!;
      const booked = mine[h]!.filter((q) => s.cand[q]! >= 0).map((q) => ({ g: startOf(s, q), e: startOf(s, q) + model.requests[q]!.duration }));
      let best = -1;
      let bestScore = Infinity;
      for (let ci = 0; ci < req.candidates.length; ci++) {
        if (!evaluate(s, r, ci, out)) continue;
        const g = req.candidates[ci]!;
        const sameDay = booked.filter((b) => model.dayOf[b.g] === model.dayOf[g]);
        const score = booked.length > 0
          ? (sameDay.length > 0 ? Math.min(...sameDay.map((b) => Math.max(b.g - (g + req.duration), g - b.e))) : OTHER_DAY + g)
          : (req.penalty[ci]! > 0 ? OTHER_DAY : 0) + g;
        if (score < bestScore) {
          bestScore = score;
          best = ci;
        }
      }
      if (best >= 0) place(s, r, best, findInterpreters(s, r, req.candidates[best]!)!);
    }
  }
  return s;
}
