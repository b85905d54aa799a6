// A schedule being built: who is where on the slot axis, and the objective kept up to date move by move.
// Every person has a ledger row per day (how many conversations, first start, last end, busy slots), so the
// cost of putting a request somewhere is a few array reads, and taking one out rescans at most one day's row.
import type { Model } from './model';

/**
 * The lexicographic objective (docs/SCHEDULING.md): [unplaced requests, households with no conversation, extra
 * household days (days − 1 for each household that comes), household idle slots, preference points, teacher idle
 * slots]. No level rewards leaving a family out: a household with nothing placed costs one at level 2 and nothing
 * below it, and its first conversation adds no day at level 3.
 */
export type Cost = [number, number, number, number, number, number];
export const LEVELS = 6;
export const zeroCost = (): Cost => [0, 0, 0, 0, 0, 0];

/** Writes `from` into `to` (the scratch costs are reused, not allocated, in the inner loops). */
export function copyCost(from: readonly number[], to: Cost): void {
  for (let i = 0; i < to.length; i++) to[i] = from[i]!;
}

/** Negative when a is better than b, level by level. */
export function compareCost(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Who sits where, per person and slot (request index or -1), and per person and day the summary the cost needs. */
export interface Ledger { occ: Int32Array; count: Int32Array; first: Int32Array; last: Int32Array; busy: Int32Array }

export interface State {
  model: Model;
  /** Candidate index per request, -1 when unplaced. */
  cand: Int32Array;
  /** Interpreter per language of the request, parallel to request.languages. */
  interp: number[][];
  teachers: Ledger;
  households: Ledger;
  interpreters: Ledger;
  cost: Cost;
  /** Conversations placed per household (over all days). */
  placedOf: Int32Array;
  /** Fixed bookings that may not move. */
  locked: Uint8Array;
  /** Interpreters per language index. */
  speakers: number[][];
}

function ledger(people: number, model: Model): Ledger {
  const perDay = people * model.days.length;
  return {
    occ: new Int32Array(people * model.slotCount).fill(-1),
    count: new Int32Array(perDay),
    first: new Int32Array(perDay).fill(-1),
    last: new Int32Array(perDay).fill(-1),
    busy: new Int32Array(perDay),
  };
}

/** Households that some request involves: the ones the second level counts while none of theirs is placed. */
export function householdsWithRequests(model: Model): number {
  const seen = new Uint8Array(model.households.length);
  for (const r of model.requests) for (const h of r.households) seen[h] = 1;
  return seen.reduce((a, b) => a + b, 0);
}

export function createState(model: Model): State {
  return {
    model,
    cand: new Int32Array(model.requests.length).fill(-1),
    interp: model.requests.map(() => []),
    teachers: ledger(model.teachers.length, model),
    households: ledger(model.households.length, model),
    interpreters: ledger(model.interpreters.length, model),
    cost: [model.requests.length, householdsWithRequests(model), 0, 0, 0, 0],
    placedOf: new Int32Array(model.households.length),
    locked: new Uint8Array(model.requests.length),
    speakers: model.languages.map((_, l) => model.interpreters.flatMap((p, i) => (p.languages.includes(l) ? [i] : []))),
  };
}

/** Candidate index of request r starting at slot g, or −1 when it cannot start there. */
export function candidateOf(model: Model, r: number, g: number): number {
  const c = model.requests[r]!.candidates;
  let lo = 0;
  let hi = c.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c[mid]! < g) lo = mid + 1;
    else if (c[mid]! > g) hi = mid - 1;
    else return mid;
  }
  return -1;
}

export const startOf = (s: State, r: number): number => (s.cand[r]! < 0 ? -1 : s.model.requests[r]!.candidates[s.cand[r]!]!);

/** Idle slots of one person's day in a ledger (0 on a day they do not come). */
export const idleOf = (l: Ledger, k: number) => (l.count[k]! > 0 ? l.last[k]! - l.first[k]! - l.busy[k]! : 0);

/** Change in idle slots when [g, e) joins person x's day d (0 if it is their first conversation that day). */
function idleDelta(l: Ledger, k: number, g: number, e: number): number {
  if (l.count[k] === 0) return 0;
  const first = Math.min(l.first[k]!, g);
  const last = Math.max(l.last[k]!, e);
  return last - first - (l.busy[k]! + e - g) - idleOf(l, k);
}

function rangeFree(occ: Int32Array, base: number, g: number, e: number): boolean {
  for (let k = base + g; k < base + e; k++) if (occ[k] !== -1) return false;
  return true;
}

/** Whether interpreter p can take request r at [g, e): available, not booked, and with travel time to other rooms. */
export function interpreterCanServe(s: State, p: number, r: number, g: number, e: number): boolean {
  const { model } = s;
  const person = model.interpreters[p]!;
  const occ = s.interpreters.occ;
  const base = p * model.slotCount;
  for (let k = g; k < e; k++) if (!person.free[k] || occ[base + k] !== -1) return false;
  const travel = person.travel;
  if (travel === 0) return true;
  const day = model.days[model.dayOf[g]!]!;
  const room = model.requests[r]!.room;
  const lo = Math.max(day.offset, g - travel);
  const hi = Math.min(day.offset + day.slots, e + travel);
  const elsewhere = (k: number) => {
    const other = occ[base + k]!;
    return other >= 0 && other !== r && model.requests[other]!.room !== room;
  };
  for (let k = lo; k < g; k++) if (elsewhere(k)) return false;
  for (let k = e; k < hi; k++) if (elsewhere(k)) return false;
  return true;
}

const NONE: number[] = [];

/** Interpreters for request r starting at g, one per language, preferring one already on site that day; null if any is missing. */
export function findInterpreters(s: State, r: number, g: number): number[] | null {
  const req = s.model.requests[r]!;
  if (req.languages.length === 0) return NONE;
  const e = g + req.duration;
  const d = s.model.dayOf[g]!;
  const days = s.model.days.length;
  const chosen: number[] = [];
  for (const lang of req.languages) {
    let pick = -1;
    for (const p of s.speakers[lang]!) {
      if (chosen.includes(p) || !interpreterCanServe(s, p, r, g, e)) continue;
      if (pick < 0) pick = p;
      if (s.interpreters.count[p * days + d]! > 0) {
        pick = p;
        break;
      }
    }
    if (pick < 0) return null;
    chosen.push(pick);
  }
  return chosen;
}

/** Whether the people of request r are free at candidate ci, teacher day limits included (interpreters aside). */
export function peopleFree(s: State, r: number, ci: number): boolean {
  const { model } = s;
  const req = model.requests[r]!;
  const g = req.candidates[ci]!;
  const e = g + req.duration;
  const d = model.dayOf[g]!;
  const days = model.days.length;
  const t = s.teachers;
  if (t.count[req.teacher * days + d]! >= model.teachers[req.teacher]!.maxPerDay) return false;
  if (!rangeFree(t.occ, req.teacher * model.slotCount, g, e)) return false;
  if (req.second >= 0) {
    if (t.count[req.second * days + d]! >= model.teachers[req.second]!.maxPerDay) return false;
    if (!rangeFree(t.occ, req.second * model.slotCount, g, e)) return false;
  }
  for (const h of req.households) if (!rangeFree(s.households.occ, h * model.slotCount, g, e)) return false;
  return true;
}

/**
 * The change in cost if request r took candidate ci, written into out: level 0 is always −1 and level 1 (households
 * it reaches for the first time) the same for every candidate of r; levels 2–5 depend on the time.
 * Returns false when it cannot: someone is busy, a teacher's day is full, or no interpreter is free.
 */
export function evaluate(s: State, r: number, ci: number, out: Cost): boolean {
  if (!peopleFree(s, r, ci)) return false;
  const { model } = s;
  const req = model.requests[r]!;
  const g = req.candidates[ci]!;
  if (req.languages.length > 0 && findInterpreters(s, r, g) === null) return false;
  const e = g + req.duration;
  const d = model.dayOf[g]!;
  const days = model.days.length;
  let reached = 0;
  let extraDays = 0;
  let hIdle = 0;
  for (const h of req.households) {
    const k = h * days + d;
    if (s.placedOf[h] === 0) reached++;
    else if (s.households.count[k] === 0) extraDays++;
    else hIdle += idleDelta(s.households, k, g, e);
  }
  let tIdle = idleDelta(s.teachers, req.teacher * days + d, g, e);
  if (req.second >= 0) tIdle += idleDelta(s.teachers, req.second * days + d, g, e);
  out[0] = -1;
  out[1] = -reached;
  out[2] = extraDays;
  out[3] = hIdle;
  out[4] = req.penalty[ci]!;
  out[5] = tIdle;
  return true;
}

function book(l: Ledger, x: number, d: number, slotCount: number, days: number, r: number, g: number, e: number): number {
  const k = x * days + d;
  const before = idleOf(l, k);
  l.occ.fill(r, x * slotCount + g, x * slotCount + e);
  l.first[k] = l.count[k] === 0 ? g : Math.min(l.first[k]!, g);
  l.last[k] = l.count[k] === 0 ? e : Math.max(l.last[k]!, e);
  l.count[k]!++;
  l.busy[k]! += e - g;
  return idleOf(l, k) - before;
}

function release(l: Ledger, x: number, d: number, slotCount: number, days: number, g: number, e: number): number {
  const k = x * days + d;
  const before = idleOf(l, k);
  const base = x * slotCount;
  l.occ.fill(-1, base + g, base + e);
  l.count[k]!--;
  l.busy[k]! -= e - g;
  if (l.count[k] === 0) {
    l.first[k] = -1;
    l.last[k] = -1;
    return -before;
  }
  if (l.first[k] === g) {
    let f = e;
    while (l.occ[base + f] === -1) f++;
    l.first[k] = f;
  }
  if (l.last[k] === e) {
    let last = g;
    while (l.occ[base + last - 1] === -1) last--;
    l.last[k] = last;
  }
  return idleOf(l, k) - before;
}

/** Where candidate ci of request r lies: start, end, day, and the axis sizes the ledgers are indexed by. */
function span(s: State, r: number, ci: number) {
  const req = s.model.requests[r]!;
  const g = req.candidates[ci]!;
  return { req, g, e: g + req.duration, d: s.model.dayOf[g]!, G: s.model.slotCount, D: s.model.days.length };
}

/** Puts request r at candidate ci with the given interpreters. The caller has checked that it fits. */
export function place(s: State, r: number, ci: number, interpreters: number[]): void {
  const { cost } = s;
  const { req, g, e, d, G, D } = span(s, r, ci);
  s.cand[r] = ci;
  s.interp[r] = interpreters;
  cost[0]--;
  cost[4] += req.penalty[ci]!;
  for (const h of req.households) {
    if (s.placedOf[h] === 0) cost[1]--;
    else if (s.households.count[h * D + d] === 0) cost[2]++;
    s.placedOf[h]!++;
    cost[3] += book(s.households, h, d, G, D, r, g, e);
  }
  cost[5] += book(s.teachers, req.teacher, d, G, D, r, g, e);
  if (req.second >= 0) cost[5] += book(s.teachers, req.second, d, G, D, r, g, e);
  for (const p of interpreters) book(s.interpreters, p, d, G, D, r, g, e);
}

/** Takes request r out of the schedule. */
export function unplace(s: State, r: number): void {
  const ci = s.cand[r]!;
  if (ci < 0) return;
  const { cost } = s;
  const { req, g, e, d, G, D } = span(s, r, ci);
  cost[0]++;
  cost[4] -= req.penalty[ci]!;
  for (const h of req.households) {
    cost[3] += release(s.households, h, d, G, D, g, e);
    s.placedOf[h]!--;
    if (s.placedOf[h] === 0) cost[1]++;
    else if (s.households.count[h * D + d] === 0) cost[2]--;
  }
  cost[5] += release(s.teachers, req.teacher, d, G, D, g, e);
  if (req.second >= 0) cost[5] += release(s.teachers, req.second, d, G, D, g, e);
  for (const p of s.interp[r]!) release(s.interpreters, p, d, G, D, g, e);
  s.cand[r] = -1;
  s.interp[r] = NONE;
}

/** Where each request is, to come back to. */
export interface Snapshot { cand: Int32Array; interp: number[][]; cost: Cost }

export const snapshot = (s: State): Snapshot => ({ cand: s.cand.slice(), interp: s.interp.slice(), cost: [...s.cost] as Cost });

/** A fresh state holding a snapshot's placements (and its locks). */
export function restore(model: Model, snap: Snapshot, locked: Uint8Array): State {
  const s = createState(model);
  s.locked.set(locked);
  snap.cand.forEach((ci, r) => {
    if (ci >= 0) place(s, r, ci, snap.interp[r]!);
  });
  return s;
}

/**
 * The movable conversations holding r's teachers or households at [g, g + duration), at most `max` of them:
 * null when there are more, or a locked one. (With 20-minute talks on a 10-minute grid, a time often overlaps two.)
 */
export function blockersAt(s: State, r: number, g: number, max: number): number[] | null {
  const { model } = s;
  const req = model.requests[r]!;
  const G = model.slotCount;
  const found: number[] = [];
  const look = (occ: Int32Array, base: number): boolean => {
    for (let k = base + g; k < base + g + req.duration; k++) {
      const q = occ[k]!;
      if (q < 0 || q === r || found.includes(q)) continue;
      if (found.length === max || s.locked[q]) return false;
      found.push(q);
    }
    return true;
  };
  if (!look(s.teachers.occ, req.teacher * G)) return null;
  if (req.second >= 0 && !look(s.teachers.occ, req.second * G)) return null;
  for (const h of req.households) if (!look(s.households.occ, h * G)) return null;
  return found;
}

/** Where a request was: its candidate and interpreters, to put it back. */
export interface Placement { r: number; ci: number; interp: number[] }

/**
 * Moves q to its best time given everyone else, if that is strictly better than where it is (base gets the cost
 * it reaches); returns where it was, or null when it stays.
 */
export function relocate(s: State, q: number, out: Cost, base: Cost): Placement | null {
  const ci = s.cand[q]!;
  const interp = s.interp[q]!;
  unplace(s, q);
  if (!evaluate(s, q, ci, base)) {
    place(s, q, ci, interp);
    return null;
  }
  let pick = -1;
  const req = s.model.requests[q]!;
  for (let c = 0; c < req.candidates.length; c++) {
    if (c === ci || !evaluate(s, q, c, out) || compareCost(out, base) >= 0) continue;
    copyCost(out, base);
    pick = c;
  }
  if (pick < 0) {
    place(s, q, ci, interp);
    return null;
  }
  put(s, q, pick);
  return { r: q, ci, interp };
}

/** Places r at ci with whichever interpreters are free (the caller has evaluated that it fits). */
export function put(s: State, r: number, ci: number): void {
  place(s, r, ci, findInterpreters(s, r, s.model.requests[r]!.candidates[ci]!)!);
}

/** Gives an unplaced request its best free time, if it has one (best gets that time's cost change). */
export function insert(s: State, r: number, out: Cost, best: Cost): boolean {
  let pick = -1;
  const n = s.model.requests[r]!.candidates.length;
  for (let c = 0; c < n; c++) {
    if (!evaluate(s, r, c, out) || (pick >= 0 && compareCost(out, best) >= 0)) continue;
    copyCost(out, best);
    pick = c;
  }
  if (pick >= 0) put(s, r, pick);
  return pick >= 0;
}

/**
 * For a lower bound: takes off `bound` the most that these households can still gain at levels 2–4, each one not
 * reached counted as reached, each other one as coming on one day without waiting.
 */
export function householdRelief(s: State, households: Iterable<number>, bound: Cost): void {
  const D = s.model.days.length;
  for (const h of households) {
    if (s.placedOf[h] === 0) {
      bound[1]--;
      continue;
    }
    let days = 0;
    for (let d = 0; d < D; d++) {
      if (s.households.count[h * D + d]! > 0) days++;
      bound[3] -= idleOf(s.households, h * D + d);
    }
    bound[2] -= days - 1;
  }
}
