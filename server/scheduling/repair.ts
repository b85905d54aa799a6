// Putting requests back: greedy (each in turn at its best time) and regret insertion (first the request that
// would lose most by waiting). "Best" is lexicographic; to compare and subtract candidates it is turned into one
// number with weights large enough that one insertion can never trade a higher level for a lower one.
import type { Model } from './model';
import type { Rng } from './random';
import { type Cost, evaluate, put, zeroCost, type State } from './state';

export interface Weights { days: number; householdIdle: number; preference: number; teacherIdle: number }

/** Weights for one insertion's change: each level's largest possible change fits under the next level's unit. */
export function insertionWeights(model: Model): Weights {
  const daySlots = Math.max(...model.days.map((d) => d.slots));
  let maxPenalty = 0;
  for (const r of model.requests) for (const p of r.penalty) maxPenalty = Math.max(maxPenalty, p);
  const maxHouseholds = Math.max(1, ...model.requests.map((r) => r.households.length));
  const preference = 2 * daySlots + 1;
  const householdIdle = preference * (maxPenalty + 1);
  const days = householdIdle * (2 * maxHouseholds * daySlots + 1);
  return { days, householdIdle, preference, teacherIdle: 1 };
}

/** One insertion's change as one number, levels 3–6 (levels 1 and 2 are the same for every time of a request). */
export const scalar = (w: Weights, c: Cost): number => c[2] * w.days + c[3] * w.householdIdle + c[4] * w.preference + c[5] * w.teacherIdle;

export interface Choice { ci: number; value: number; second: number; options: number }

/**
 * The best and second-best candidate of request r now; ci −1 when none fits. Noise (in household idle slots)
 * diversifies ties. Days are tried in order of how many of its households would have to come on an extra day
 * (one that already has a conversation elsewhere and none that day), and a day worse on that count than the best
 * found is not looked at: extra days outweigh everything below them, so the best cannot be there (the second
 * best then counts as out of reach, which only makes r more urgent).
 */
export function bestCandidate(s: State, w: Weights, r: number, rng: Rng | null, noise: number, out: Cost = zeroCost()): Choice {
  const { model } = s;
  const req = model.requests[r]!;
  const D = model.days.length;
  const order: number[] = [];
  const newDays: number[] = [];
  for (let d = 0; d < D; d++) {
    if (req.byDay[d] === req.byDay[d + 1]) continue;
    let n = 0;
    for (const h of req.households) if (s.placedOf[h]! > 0 && s.households.count[h * D + d] === 0) n++;
    newDays[d] = n;
    let i = order.length;
    while (i > 0 && newDays[order[i - 1]!]! > n) i--;
    order.splice(i, 0, d);
  }
  let ci = -1;
  let value = Infinity;
  let second = Infinity;
  let options = 0;
  let bestDays = Infinity;
  for (const d of order) {
    if (newDays[d]! > bestDays) break;
    for (let c = req.byDay[d]!; c < req.byDay[d + 1]!; c++) {
      if (!evaluate(s, r, c, out)) continue;
      options++;
      bestDays = Math.min(bestDays, out[2]);
      const v = scalar(w, out) + (rng && noise > 0 ? rng.next() * noise * w.householdIdle : 0);
      if (v < value) {
        second = value;
        value = v;
        ci = c;
      } else if (v < second) second = v;
    }
  }
  return { ci, value, second, options };
}

/** Each request in the given order at its best time now. */
export function greedyInsert(s: State, w: Weights, pending: readonly number[], rng: Rng | null = null, noise = 0): void {
  const out = zeroCost();
  for (const r of pending) {
    const choice = bestCandidate(s, w, r, rng, noise, out);
    if (choice.ci >= 0) put(s, r, choice.ci);
  }
}

/** People a request involves, interpreters it could have included, as keys: requests sharing none cannot change each other's options. */
export function resourceKeys(model: Model): Int32Array[] {
  const T = model.teachers.length;
  const H = model.households.length;
  return model.requests.map((r) => {
    const keys = [r.teacher, ...(r.second >= 0 ? [r.second] : []), ...r.households.map((h) => T + h)];
    model.interpreters.forEach((p, i) => {
      if (r.languages.some((l) => p.languages.includes(l))) keys.push(T + H + i);
    });
    return Int32Array.from(keys);
  });
}

function shares(a: Int32Array, b: Int32Array): boolean {
  for (const x of a) for (const y of b) if (x === y) return true;
  return false;
}

/**
 * Regret-2 insertion: repeatedly place the request whose best time is furthest ahead of its second best (a
 * request with one option left goes first), then re-price only the requests that share a person with it.
 */
export function regretInsert(s: State, w: Weights, keys: Int32Array[], pending: readonly number[], rng: Rng | null = null, noise = 0): void {
  const out = zeroCost();
  const open = [...pending];
  const choice = new Map<number, Choice>();
  for (const r of open) choice.set(r, bestCandidate(s, w, r, rng, noise, out));
  while (open.length > 0) {
    let pick = -1;
    let pickRegret = -Infinity;
    let pickOptions = Infinity;
    for (let i = 0; i < open.length; i++) {
      const c = choice.get(open[i]!)!;
      if (c.ci < 0) continue;
      const regret = c.options === 1 ? Infinity : c.second - c.value;
      if (regret > pickRegret || (regret === pickRegret && c.options < pickOptions)) {
        pick = i;
        pickRegret = regret;
        pickOptions = c.options;
      }
    }
    if (pick < 0) return;
    const r = open[pick]!;
    open.splice(pick, 1);
    put(s, r, choice.get(r)!.ci);
    for (const q of open) if (shares(keys[q]!, keys[r]!)) choice.set(q, bestCandidate(s, w, q, rng, noise, out));
  }
}
