// Inserting with a push. A conversation takes a time in its teacher's row that others hold, and those others move
// along that day, each to its first possible time past the one before it (later, or earlier when pushing the other
// way), until one can stay where it is; one that no longer fits that day goes to its best free time elsewhere (the
// inserted one's old place included), or stays out. On small-48-2 (seed 2) the step HiGHS found from the engine's
// schedule (390 preference points, optimum 380) is exactly this: a conversation from the second day into the first
// at 47, the three after it pushed along, the last to the place on the second day the first one left. No ejection
// chain of four reaches it, as each of the pushed ones moves (and costs) before the last one frees anything.
import { occupants } from './destroy';
import { compareCost, copyCost, type Cost, evaluate, insert, place, type Placement, put, type State, unplace, zeroCost } from './state';

/**
 * Request x at candidate cx, pushing what holds its teacher then later (`dir` 1) or earlier (−1) that day. True
 * when the schedule is strictly better (and left so); otherwise everything is back as it was.
 */
export function pushInsert(s: State, x: number, cx: number, dir: 1 | -1, out: Cost, before: Cost, best: Cost): boolean {
  const { model } = s;
  const req = model.requests[x]!;
  const g = req.candidates[cx]!;
  const d = model.dayOf[g]!;
  const t = req.teacher;
  const k = t * model.days.length + d;
  const L = s.teachers;
  if (L.count[k] === 0) return false;
  // x's own conversation stays where the push needs it out of the way: it is taken out first.
  const row = dir === 1
    ? occupants(L.occ, t * model.slotCount, g, L.last[k]!)
    : occupants(L.occ, t * model.slotCount, L.first[k]!, g + req.duration).reverse();
  const pushed = row.filter((r) => r !== x);
  if (pushed.length === 0 || pushed.some((r) => s.locked[r])) return false;
  const first = pushed[0]!;
  const fr = model.requests[first]!;
  const fg = fr.candidates[s.cand[first]!]!;
  if (fg >= g + req.duration || fg + fr.duration <= g) return false; // the time is free: a single move
  const was: Placement[] = [x, ...pushed].filter((r) => s.cand[r]! >= 0).map((r) => ({ r, ci: s.cand[r]!, interp: s.interp[r]! }));
  const wasOf = new Map(was.map((p) => [p.r, p]));
  copyCost(s.cost, before);
  const restore = () => {
    unplace(s, x);
    for (const y of pushed) unplace(s, y);
    for (const p of was) place(s, p.r, p.ci, p.interp);
  };
  for (const p of was) unplace(s, p.r);
  if (!evaluate(s, x, cx, out)) {
    restore();
    return false;
  }
  put(s, x, cx);
  // The edge the next one must clear: the end of the last placed (pushing later) or its start (earlier).
  let edge = dir === 1 ? g + req.duration : g;
  const ejected: number[] = [];
  let i = 0;
  for (; i < pushed.length; i++) {
    const y = pushed[i]!;
    const ry = model.requests[y]!;
    const at = wasOf.get(y)!;
    const gy = ry.candidates[at.ci]!;
    if (ry.second >= 0) break;
    if ((dir === 1 ? gy >= edge : gy + ry.duration <= edge) && evaluate(s, y, at.ci, out)) break;
    let pick = -1;
    if (dir === 1) {
      for (let c = ry.byDay[d]!; c < ry.byDay[d + 1]! && pick < 0; c++) if (ry.candidates[c]! >= edge && evaluate(s, y, c, out)) pick = c;
    } else {
      for (let c = ry.byDay[d + 1]! - 1; c >= ry.byDay[d]! && pick < 0; c--) if (ry.candidates[c]! + ry.duration <= edge && evaluate(s, y, c, out)) pick = c;
    }
    if (pick < 0) {
      ejected.push(y);
      continue;
    }
    put(s, y, pick);
    edge = dir === 1 ? ry.candidates[pick]! + ry.duration : ry.candidates[pick]!;
  }
  // The rest stay where they were, if they still can (a two-teacher one in the way ends the push; none is locked).
  for (; i < pushed.length; i++) {
    const at = wasOf.get(pushed[i]!)!;
    if (!evaluate(s, at.r, at.ci, out)) {
      restore();
      return false;
    }
    place(s, at.r, at.ci, at.interp);
  }
  for (const y of ejected) insert(s, y, out, best);
  if (compareCost(s.cost, before) < 0) return true;
  restore();
  return false;
}

/**
 * Every movable single-teacher request (the unplaced ones too) at every time its teacher holds with another
 * conversation, pushing either way; true at the first that makes the schedule better.
 */
export function pushPass(s: State, timeUp: () => boolean = () => false): boolean {
  const { model } = s;
  const [out, before, best] = [zeroCost(), zeroCost(), zeroCost()];
  for (const req of model.requests) {
    if (timeUp()) break;
    if (req.second >= 0 || s.locked[req.index]) continue;
    for (let c = 0; c < req.candidates.length; c++) {
      if (c === s.cand[req.index]) continue;
      if (pushInsert(s, req.index, c, 1, out, before, best) || pushInsert(s, req.index, c, -1, out, before, best)) return true;
    }
  }
  return false;
}
