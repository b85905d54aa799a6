// The same scheduling model as a mixed-integer program, for an exact reference on small instances.
// Time-indexed: one binary x per (request, start candidate, interpreters). Each person's slots are cliques (at most
// one conversation covers a slot); interpreter travel is a conflict row between starts too close in other rooms.
// Households reached: w[h] + Σ x over h's columns ≥ 1, so w[h] is 1 exactly when none of h's is placed. Extra days:
// v[h,d] ≥ the request's x on day d and e[h] ≥ Σ_d v[h,d] − 1, e[h] ≥ 0 (a household that does not come costs
// nothing there). Households' idle time per day: last end − first start − busy, with first ≤ start + S·(1 − placed)
// so a request on another day does not count. Teachers' idle time slot by slot (a slot is idle when a conversation
// began at or before it, one ends after it, and none covers it): the first/last form's LP bound is 0, and with it
// HiGHS did not prove the last level in 45 s on any 48-pupil instance; slot by slot it does in seconds. Written as
// CPLEX LP text.
import type { Model } from './model';

export interface Column { name: string; r: number; ci: number; interp: number[]; day: number; start: number; end: number }

/** One linear expression: variable name → coefficient. */
export type Expr = Map<string, number>;

export interface Milp {
  columns: Column[];
  /** Rows as LP text lines (without the objective). */
  rows: string[];
  /** The six objective levels, in the engine's order (state.ts). */
  levels: Expr[];
  binaries: string[];
  /** Upper bounds of the continuous variables (lower bounds are 0). */
  bounds: Map<string, number>;
  /** Columns that fixed bookings pin to 1. */
  pinned: string[];
  /** Person-days with their variables: v (came that day), f, l, i (first start, last end, idle). */
  groups: { id: string; person: number; slots: number; byRequest: Map<number, Column[]>; days: boolean; idle: boolean; slotwise: [number, number] | null }[];
  /** Per household with requests: w (none placed) and e (extra days, when it could come on two or more days). */
  households: { h: number; w: string; e: string | null }[];
}

const add = (e: Expr, name: string, c: number) => e.set(name, (e.get(name) ?? 0) + c);

export function terms(e: Expr): string {
  const parts: string[] = [];
  for (const [name, c] of e) if (c !== 0) parts.push(`${c < 0 ? '-' : '+'} ${Math.abs(c)} ${name}`);
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 12) lines.push(parts.slice(i, i + 12).join(' '));
  return lines.join('\n   ') || '0 u0';
}

/** Every way to give request r at start g one free interpreter per language, distinct people. */
function interpreterCombos(model: Model, r: number, g: number): number[][] {
  const req = model.requests[r]!;
  const e = g + req.duration;
  let combos: number[][] = [[]];
  for (const lang of req.languages) {
    const able = model.interpreters.flatMap((p, i) => (p.languages.includes(lang) && p.free.subarray(g, e).every((x) => x === 1) ? [i] : []));
    combos = combos.flatMap((c) => able.filter((p) => !c.includes(p)).map((p) => [...c, p]));
  }
  return combos;
}

export interface MilpOptions {
  /** Teacher idle time slot by slot (default) rather than by first start and last end. */
  slotwiseTeacherIdle?: boolean;
  /**
   * Household idle time slot by slot, as for teachers, rather than by first start and last end (the default): on
   * school-100 HiGHS proved no more with it (bound 0 after 85 s either way), so the old form stays the default.
   */
  slotwiseHouseholdIdle?: boolean;
}

export function buildMilp(model: Model, locked: ReadonlyMap<number, { ci: number; interp: number[] }> = new Map(), options: MilpOptions = {}): Milp {
  const columns: Column[] = [];
  for (const req of model.requests) {
    req.candidates.forEach((g, ci) => {
      const day = model.dayOf[g]!;
      const start = g - model.days[day]!.offset;
      for (const interp of interpreterCombos(model, req.index, g)) columns.push({ name: `x${columns.length}`, r: req.index, ci, interp, day, start, end: start + req.duration });
    });
  }
  const rows: string[] = [];
  const row = (name: string, e: Expr, sense: '<=' | '>=' | '=', rhs: number) => rows.push(` ${name}: ${terms(e)} ${sense} ${rhs}`);
  const byRequest = model.requests.map(() => [] as Column[]);
  for (const c of columns) byRequest[c.r]!.push(c);
  const D = model.days.length;
  const bounds = new Map<string, number>();
  const levels: Expr[] = Array.from({ length: 6 }, (): Expr => new Map());
  const groups: Milp['groups'] = [];

  model.requests.forEach((req, r) => {
    const e: Expr = new Map(byRequest[r]!.map((c) => [c.name, 1]));
    add(e, `u${r}`, 1);
    bounds.set(`u${r}`, 1);
    row(`assign${r}`, e, '=', 1);
    add(levels[0]!, `u${r}`, 1);
    for (const c of byRequest[r]!) add(levels[4]!, c.name, req.penalty[c.ci]!);
  });

  // Who is in each column: teachers (main and second), households, interpreters; one clique per person and slot.
  const cliques = (who: (c: Column) => number[], prefix: string) => {
    const covering = new Map<string, Expr>();
    for (const c of columns) {
      for (const x of who(c)) {
        for (let k = c.start; k < c.end; k++) {
          const key = `${x}_${c.day}_${k}`;
          const e = covering.get(key) ?? new Map();
          e.set(c.name, 1);
          covering.set(key, e);
        }
      }
    }
    for (const [key, e] of covering) if (e.size > 1) row(`${prefix}${key}`, e, '<=', 1);
  };
  const teachersOf = (c: Column) => model.requests[c.r]!.teachers;
  cliques(teachersOf, 'tc');
  cliques((c) => model.requests[c.r]!.households, 'hc');
  cliques((c) => c.interp, 'ic');

  // Travel: an interpreter's conversation in one room and a start in another room too soon before or after it.
  model.interpreters.forEach((p, i) => {
    if (p.travel === 0) return;
    const mine = columns.filter((c) => c.interp.includes(i));
    for (const a of mine) {
      const room = model.requests[a.r]!.room;
      const others = new Map<number, Expr>();
      for (const b of mine) {
        if (b.r === a.r || b.day !== a.day || model.requests[b.r]!.room === room) continue;
        if (b.start < a.end + p.travel && a.start < b.end + p.travel) {
          const e = others.get(b.r) ?? new Map([[a.name, 1]]);
          e.set(b.name, 1);
          others.set(b.r, e);
        }
      }
      for (const [r, e] of others) row(`tr${i}_${a.name}_${r}`, e, '<=', 1);
    }
  });

  // Teacher day limits.
  model.teachers.forEach((t, ti) => {
    for (let d = 0; d < D; d++) {
      const e: Expr = new Map();
      for (const c of columns) if (c.day === d && teachersOf(c).includes(ti)) e.set(c.name, 1);
      const requests = new Set(columns.filter((c) => e.has(c.name)).map((c) => c.r));
      if (requests.size > t.maxPerDay) row(`max${ti}_${d}`, e, '<=', t.maxPerDay);
    }
  });

  // Households reached: w = 1 when none of the household's requests is placed.
  const households: Milp['households'] = [];
  const asked = model.households.map((): number[] => []);
  for (const req of model.requests) for (const h of req.households) asked[h]!.push(req.index);
  const dayVars = model.households.map((): string[] => []);
  asked.forEach((mine, h) => {
    if (mine.length === 0) return;
    const e: Expr = new Map([[`w${h}`, 1]]);
    for (const r of mine) for (const c of byRequest[r]!) e.set(c.name, 1);
    bounds.set(`w${h}`, 1);
    add(levels[1]!, `w${h}`, 1);
    row(`reach${h}`, e, '>=', 1);
    households.push({ h, w: `w${h}`, e: null });
  });

  // Days and idle time, per person and day; idle only where two or more conversations could meet.
  const personDays = (people: number, involved: (c: Column) => number[], prefix: string, idleLevel: number, days: boolean, slotwise: boolean) => {
    const lists = Array.from({ length: people * D }, () => new Map<number, Column[]>());
    for (const c of columns) for (const x of involved(c)) {
      const m = lists[x * D + c.day]!;
      const list = m.get(c.r) ?? [];
      list.push(c);
      m.set(c.r, list);
    }
    lists.forEach((byReq, k) => {
      if (byReq.size === 0) return;
      const x = Math.floor(k / D);
      const d = k % D;
      const S = model.days[d]!.slots;
      const id = `${prefix}${x}_${d}`;
      groups.push({ id, person: x, slots: S, byRequest: byReq, days, idle: byReq.size >= 2, slotwise: null });
      if (days) {
        bounds.set(`v${id}`, 1);
        dayVars[x]!.push(`v${id}`);
        for (const [r, cols] of byReq) row(`dv${id}_${r}`, new Map([[`v${id}`, 1], ...cols.map((c): [string, number] => [c.name, -1])]), '>=', 0);
      }
      if (byReq.size < 2) return;
      if (slotwise) {
        // Slot by slot: a_k = someone's conversation started by slot k, b_k = one ends after it, z_k ≥ a_k + b_k − 1
        // − occupied_k counts slot k as idle. Tighter than first/last with big-M rows (whose LP bound is 0), and
        // the branching acts on the idle slots directly.
        const cols = [...byReq.values()].flat();
        const lo = Math.min(...cols.map((c) => c.start));
        const hi = Math.max(...cols.map((c) => c.end));
        groups[groups.length - 1]!.slotwise = [lo, hi];
        const cover = (k: number): [string, number][] => cols.filter((c) => c.start <= k && k < c.end).map((c) => [c.name, -1]);
        for (let k = lo; k < hi; k++) {
          bounds.set(`a${id}_${k}`, 1);
          bounds.set(`b${id}_${k}`, 1);
          bounds.set(`z${id}_${k}`, 1);
          row(`sa${id}_${k}`, new Map([[`a${id}_${k}`, 1], ...cover(k)]), '>=', 0);
          row(`sb${id}_${k}`, new Map([[`b${id}_${k}`, 1], ...cover(k)]), '>=', 0);
          if (k > lo) row(`ma${id}_${k}`, new Map([[`a${id}_${k}`, 1], [`a${id}_${k - 1}`, -1]]), '>=', 0);
          if (k + 1 < hi) row(`mb${id}_${k}`, new Map([[`b${id}_${k}`, 1], [`b${id}_${k + 1}`, -1]]), '>=', 0);
          row(`sz${id}_${k}`, new Map([[`z${id}_${k}`, 1], [`a${id}_${k}`, -1], [`b${id}_${k}`, -1], ...cover(k).map(([n]): [string, number] => [n, 1])]), '>=', -1);
          add(levels[idleLevel]!, `z${id}_${k}`, 1);
        }
        return;
      }
      const busy: Expr = new Map([[`i${id}`, 1], [`l${id}`, -1], [`f${id}`, 1]]);
      bounds.set(`f${id}`, S);
      bounds.set(`l${id}`, S);
      for (const [r, cols] of byReq) {
        row(`dl${id}_${r}`, new Map([[`l${id}`, 1], ...cols.map((c): [string, number] => [c.name, -c.end])]), '>=', 0);
        row(`df${id}_${r}`, new Map([[`f${id}`, 1], ...cols.map((c): [string, number] => [c.name, S - c.start])]), '<=', S);
        for (const c of cols) add(busy, c.name, c.end - c.start);
      }
      row(`di${id}`, busy, '>=', 0);
      add(levels[idleLevel]!, `i${id}`, 1);
    });
  };
  personDays(model.households.length, (c) => model.requests[c.r]!.households, 'h', 3, true, options.slotwiseHouseholdIdle ?? false);
  personDays(model.teachers.length, teachersOf, 't', 5, false, options.slotwiseTeacherIdle ?? true);
  // Extra days: e ≥ (days come) − 1, and e ≥ 0 by its bound; only where the household could come on two days.
  for (const entry of households) {
    const vs = dayVars[entry.h]!;
    if (vs.length < 2) continue;
    entry.e = `e${entry.h}`;
    bounds.set(entry.e, vs.length - 1);
    add(levels[2]!, entry.e, 1);
    row(`extra${entry.h}`, new Map([[entry.e, 1], ...vs.map((v): [string, number] => [v, -1])]), '>=', -1);
  }

  const pinned: string[] = [];
  for (const [r, booking] of locked) {
    const c = byRequest[r]!.find((x) => x.ci === booking.ci && x.interp.join() === booking.interp.join());
    if (c) pinned.push(c.name);
  }
  return { columns, rows, levels, binaries: columns.map((c) => c.name), bounds, pinned, groups, households };
}

/** The LP text minimising one level, with earlier levels held at their optimum. */
export function lpText(milp: Milp, level: number, held: number[]): string {
  const extra = held.map((value, j) => ` hold${j}: ${terms(milp.levels[j]!)} <= ${value}`);
  const bounds = [...milp.bounds].map(([name, ub]) => ` 0 <= ${name} <= ${ub}`);
  const pins = milp.pinned.map((name) => ` ${name} = 1`);
  return ['Minimize', ` obj: ${terms(milp.levels[level]!)}`, 'Subject To', ...milp.rows, ...extra, 'Bounds', ...bounds, ...pins, 'Binaries', ` ${milp.binaries.join('\n ')}`, 'End', ''].join('\n');
}

/** Values of every variable for a given assignment (request → candidate and interpreters): a MIP start. */
export function startValues(milp: Milp, requests: number, chosen: (r: number) => { ci: number; interp: number[] } | null): Map<string, number> {
  const values = new Map<string, number>();
  const picked = new Set<string>();
  for (const c of milp.columns) {
    const a = chosen(c.r);
    const on = a !== null && a.ci === c.ci && a.interp.join() === c.interp.join();
    values.set(c.name, on ? 1 : 0);
    if (on) picked.add(c.name);
  }
  for (let r = 0; r < requests; r++) values.set(`u${r}`, chosen(r) === null ? 1 : 0);
  const cameOn = new Map<number, number>();
  for (const g of milp.groups) {
    const mine = [...g.byRequest.values()].flat().filter((c) => picked.has(c.name));
    if (g.days) {
      values.set(`v${g.id}`, mine.length > 0 ? 1 : 0);
      if (mine.length > 0) cameOn.set(g.person, (cameOn.get(g.person) ?? 0) + 1);
    }
    if (!g.idle) continue;
    if (g.slotwise) {
      const [lo, hi] = g.slotwise;
      const on = (k: number) => mine.some((c) => c.start <= k && k < c.end);
      for (let k = lo; k < hi; k++) {
        const a = mine.some((c) => c.start <= k) ? 1 : 0;
        const b = mine.some((c) => c.end > k) ? 1 : 0;
        values.set(`a${g.id}_${k}`, a);
        values.set(`b${g.id}_${k}`, b);
        values.set(`z${g.id}_${k}`, Math.max(0, a + b - 1 - (on(k) ? 1 : 0)));
      }
      continue;
    }
    const first = mine.length > 0 ? Math.min(...mine.map((c) => c.start)) : g.slots;
    const last = mine.length > 0 ? Math.max(...mine.map((c) => c.end)) : 0;
    const busy = mine.reduce((a, c) => a + c.end - c.start, 0);
    values.set(`f${g.id}`, first);
    values.set(`l${g.id}`, last);
    values.set(`i${g.id}`, Math.max(0, last - first - busy));
  }
  for (const entry of milp.households) {
    const days = cameOn.get(entry.h) ?? 0;
    values.set(entry.w, days === 0 ? 1 : 0);
    if (entry.e) values.set(entry.e, Math.max(0, days - 1));
  }
  return values;
}
