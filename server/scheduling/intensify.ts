// Intensification: a local search that finishes what the large neighbourhood search leaves rough. Its moves are
// small and exhaustive: put each conversation at its best time given all the others (single moves), and exchange
// the times of two conversations that share a teacher's day, a household or an interpreter's day (swaps, which a
// single move cannot make when each stands in the other's way). A move is kept only when the whole objective gets
// strictly better level by level, so no level can get worse for a better one below it: a better preference never
// costs a family a visit or a wait. It repeats until no move improves, or the time is up.
import { occupants } from './destroy';
import { chainPass, chainRound, idleChainPass } from './polish';
import { pushPass } from './push';
import { blockRound, moveBlocks, moveTeacherPairs, repackBlocks } from './repack';
import { resequencePass } from './resequence';
import { resourceKeys } from './repair';
import { blockersAt, candidateOf, compareCost, copyCost, relocate, type Cost, evaluate, insert, place, put, type State, unplace, zeroCost } from './state';

/**
 * Exchanges the times of a and b: each takes the other's start, or ends where the other ended (so two
 * conversations of different lengths back to back trade places). Kept only when the schedule gets better.
 */
function swap(s: State, a: number, b: number, out: Cost, before: Cost, best: Cost): boolean {
  const { model } = s;
  const ra = model.requests[a]!;
  const rb = model.requests[b]!;
  const [ca, cb] = [s.cand[a]!, s.cand[b]!];
  const [ia, ib] = [s.interp[a]!, s.interp[b]!];
  const ga = ra.candidates[ca]!;
  const gb = rb.candidates[cb]!;
  copyCost(s.cost, before);
  unplace(s, a);
  unplace(s, b);
  const starts: [number, number][] = [];
  for (const na of [gb, gb + rb.duration - ra.duration]) {
    for (const nb of [ga, ga + ra.duration - rb.duration]) if (!starts.some(([x, y]) => x === na && y === nb)) starts.push([na, nb]);
  }
  for (const [na, nb] of starts) {
    const xa = candidateOf(model, a, na);
    const xb = candidateOf(model, b, nb);
    if (xa < 0 || xb < 0 || !evaluate(s, a, xa, out)) continue;
    put(s, a, xa);
    if (evaluate(s, b, xb, out)) {
      put(s, b, xb);
      if (compareCost(s.cost, before) < 0) return true;
      unplace(s, b);
    }
    unplace(s, a);
  }
  // Then each to its best time with the other out of the way, in both orders: a family that would rather come the
  // other day takes a time next to the one it frees, not the same one.
  for (const [x, y] of [[a, b], [b, a]] as const) {
    if (insert(s, x, out, best) && insert(s, y, out, best) && compareCost(s.cost, before) < 0) return true;
    if (s.cand[y]! >= 0) unplace(s, y);
    if (s.cand[x]! >= 0) unplace(s, x);
  }
  place(s, a, ca, ia);
  place(s, b, cb, ib);
  return false;
}

/** Pairs of movable placed requests that share a teacher's day, a household or an interpreter's day. */
function swapPairs(s: State, byHousehold: number[][]): [number, number][] {
  const { model } = s;
  const D = model.days.length;
  const G = model.slotCount;
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const N = model.requests.length;
  const addAll = (list: number[]) => {
    const movable = list.filter((r) => s.cand[r]! >= 0 && !s.locked[r]);
    for (let i = 0; i < movable.length; i++) {
      for (let j = i + 1; j < movable.length; j++) {
        const [a, b] = movable[i]! < movable[j]! ? [movable[i]!, movable[j]!] : [movable[j]!, movable[i]!];
        if (seen.has(a * N + b)) continue;
        seen.add(a * N + b);
        pairs.push([a, b]);
      }
    }
  };
  const rows = (ledger: State['teachers'], people: number, wholeRound: boolean) => {
    for (let x = 0; x < people; x++) {
      const all: number[] = [];
      for (let d = 0; d < D; d++) {
        const k = x * D + d;
        if (ledger.count[k] === 0) continue;
        const mine = occupants(ledger.occ, x * G, ledger.first[k]!, ledger.last[k]!);
        if (wholeRound) all.push(...mine);
        else addAll(mine);
      }
      addAll(all);
    }
  };
  // A teacher's conversations over the whole round: a family that would rather come on Monday can trade with one
  // that does not mind.
  rows(s.teachers, model.teachers.length, true);
  for (const mine of byHousehold) if (mine.length >= 2) addAll(mine);
  rows(s.interpreters, model.interpreters.length, false);
  return pairs;
}

/**
 * An ejection: request a takes a time that is better for it but held by one or two other conversations, which
 * then go to their own best free times (a's old one included), or stay out when they have none; with two, both
 * orders are tried. Kept when the whole is better: so an unplaced request of a family with no conversation can
 * take the time of a sibling's second talk, as many requests staying unplaced and one more family reached.
 */
function eject(s: State, a: number, out: Cost, base: Cost, before: Cost, best: Cost, timeUp: () => boolean): boolean {
  const { model } = s;
  const ra = model.requests[a]!;
  const ca = s.cand[a]!;
  const ia = s.interp[a]!;
  for (let c = 0; c < ra.candidates.length && !timeUp(); c++) {
    if (c === ca) continue;
    const blockers = blockersAt(s, a, ra.candidates[c]!, 2);
    if (blockers === null || blockers.length === 0) continue;
    const was = blockers.map((b) => ({ b, cb: s.cand[b]!, ib: s.interp[b]! }));
    copyCost(s.cost, before);
    if (ca >= 0) unplace(s, a);
    for (const b of blockers) unplace(s, b);
    // a must gain by the move itself (with the blockers out of the way); a move where a blocker gains is found
    // when it is the one moving.
    if (evaluate(s, a, c, out) && (ca < 0 || (evaluate(s, a, ca, base) && compareCost(out, base) < 0))) {
      put(s, a, c);
      const orders = blockers.length === 2 ? [blockers, [blockers[1]!, blockers[0]!]] : [blockers];
      for (const order of orders) {
        for (const b of order) insert(s, b, out, best);
        if (compareCost(s.cost, before) < 0) return true;
        for (const b of order) if (s.cand[b]! >= 0) unplace(s, b);
      }
      unplace(s, a);
    }
    if (ca >= 0) place(s, a, ca, ia);
    for (const { b, cb, ib } of was) place(s, b, cb, ib);
  }
  return false;
}

/** Moves each request of the block by `shift` slots, all or none; kept when the schedule gets better. */
function shiftBlock(s: State, block: number[], shift: number, out: Cost, before: Cost): boolean {
  const { model } = s;
  const was = block.map((r) => ({ r, ci: s.cand[r]!, interp: s.interp[r]! }));
  copyCost(s.cost, before);
  for (const r of block) unplace(s, r);
  let placed = 0;
  for (const { r, ci } of was) {
    const c = candidateOf(model, r, model.requests[r]!.candidates[ci]! + shift);
    if (c < 0 || !evaluate(s, r, c, out)) break;
    put(s, r, c);
    placed++;
  }
  if (placed === block.length && compareCost(s.cost, before) < 0) return true;
  for (let i = 0; i < placed; i++) unplace(s, block[i]!);
  for (const { r, ci, interp } of was) place(s, r, ci, interp);
  return false;
}

/**
 * Closes the gaps in a teacher's day: the conversations after a gap move earlier, or those before it later, by
 * the whole gap or part of it, together (one conversation alone would only move the gap).
 */
function closeGaps(s: State, t: number, d: number, out: Cost, before: Cost): boolean {
  const { model } = s;
  const k = t * model.days.length + d;
  if (s.teachers.count[k]! < 2 || s.teachers.last[k]! - s.teachers.first[k]! === s.teachers.busy[k]!) return false;
  const mine = occupants(s.teachers.occ, t * model.slotCount, s.teachers.first[k]!, s.teachers.last[k]!);
  for (let i = 0; i + 1 < mine.length; i++) {
    const end = model.requests[mine[i]!]!.candidates[s.cand[mine[i]!]!]! + model.requests[mine[i]!]!.duration;
    const gap = model.requests[mine[i + 1]!]!.candidates[s.cand[mine[i + 1]!]!]! - end;
    if (gap <= 0) continue;
    const after = mine.slice(i + 1);
    const before_ = mine.slice(0, i + 1);
    for (let shift = gap; shift >= 1; shift--) {
      if (!after.some((r) => s.locked[r]) && shiftBlock(s, after, -shift, out, before)) return true;
      if (!before_.some((r) => s.locked[r]) && shiftBlock(s, before_, shift, out, before)) return true;
    }
  }
  return false;
}

/**
 * Changes which requests stay unplaced: b, sharing a teacher, household or interpreter language with the unplaced
 * request a, makes way for a and goes to its own best free time if there is one, else stays out. Then the other
 * conversations of a's and b's families move to their best times, if that is better (a's sibling follows a to
 * its new day; b's sibling takes the time a's sibling left): a family can only trade which child's talk stays
 * out when the other child's talk moves with it. Kept when the whole is better: one more request placed, or as
 * many with a family more reached, a wait fewer or fewer preference points.
 */
function exchange(s: State, a: number, candidatesB: readonly number[], family: readonly number[][], out: Cost, before: Cost, best: Cost, timeUp: () => boolean): boolean {
  for (const b of candidatesB) {
    if (timeUp()) break;
    if (s.cand[b]! < 0 || s.locked[b]) continue;
    const cb = s.cand[b]!;
    const ib = s.interp[b]!;
    copyCost(s.cost, before);
    unplace(s, b);
    if (insert(s, a, out, best)) {
      insert(s, b, out, best);
      if (compareCost(s.cost, before) < 0) return true;
      const followers = [...new Set([...family[b]!, ...family[a]!])].filter((q) => q !== a && q !== b && s.cand[q]! >= 0 && !s.locked[q]);
      if (followers.length > 0 && follow(s, followers, before, timeUp)) return true;
      if (s.cand[b]! >= 0) unplace(s, b);
      unplace(s, a);
    }
    place(s, b, cb, ib);
  }
  return false;
}

/**
 * A longer exchange, an ejection chain of depth two: b, sharing someone with the unplaced request a, makes way; a
 * takes a time held by one or two other conversations (a third family, say, whose time a's family can come at),
 * which go to their best free times (b's included, on the day b freed in a teacher's full day) or stay out; then b
 * goes to its best free time, or stays out; then the families' other conversations follow, as in `exchange`.
 * Kept when the whole is better than before b moved.
 */
function chainExchange(s: State, a: number, candidatesB: readonly number[], family: readonly number[][], out: Cost, before: Cost, best: Cost, timeUp: () => boolean): boolean {
  const { model } = s;
  const ra = model.requests[a]!;
  for (const b of candidatesB) {
    if (timeUp()) break;
    if (s.cand[b]! < 0 || s.locked[b]) continue;
    // b frees a place in a teacher's full day, which a or one of the conversations a displaces can take.
    const rb = model.requests[b]!;
    if (rb.teacher !== ra.teacher && rb.teacher !== ra.second && (rb.second < 0 || (rb.second !== ra.teacher && rb.second !== ra.second))) continue;
    const cb = s.cand[b]!;
    const ib = s.interp[b]!;
    copyCost(s.cost, before);
    unplace(s, b);
    for (let c = 0; c < ra.candidates.length; c++) {
      const blockers = blockersAt(s, a, ra.candidates[c]!, 2);
      if (blockers === null || blockers.length === 0) continue;
      const was = blockers.map((x) => ({ x, cx: s.cand[x]!, ix: s.interp[x]! }));
      for (const x of blockers) unplace(s, x);
      if (evaluate(s, a, c, out)) {
        put(s, a, c);
        const orders = blockers.length === 2 ? [blockers, [blockers[1]!, blockers[0]!]] : [blockers];
        for (const order of orders) {
          for (const x of order) insert(s, x, out, best);
          insert(s, b, out, best);
          if (compareCost(s.cost, before) < 0) return true;
          const followers = [...new Set([...family[b]!, ...family[a]!, ...order.flatMap((x) => family[x]!)])].filter((q) => q !== a && q !== b && !order.includes(q) && s.cand[q]! >= 0 && !s.locked[q]);
          if (followers.length > 0 && follow(s, followers, before, timeUp)) return true;
          if (s.cand[b]! >= 0) unplace(s, b);
          for (const x of order) if (s.cand[x]! >= 0) unplace(s, x);
        }
        unplace(s, a);
      }
      for (const { x, cx, ix } of was) place(s, x, cx, ix);
    }
    place(s, b, cb, ib);
  }
  return false;
}

const followScratch = { out: zeroCost(), base: zeroCost(), before: zeroCost(), best: zeroCost(), start: zeroCost() };

/**
 * The siblings' part of an exchange: each follower moves to its best time, or takes a better time held by one or
 * two others (an ejection), given the exchange just made. True when the schedule is then better than `target`;
 * otherwise every conversation these moves touched is back where it was.
 */
function follow(s: State, followers: readonly number[], target: Cost, timeUp: () => boolean): boolean {
  const { out, base, before, best, start } = followScratch;
  copyCost(target, start);
  const cand = s.cand.slice();
  const interp = s.interp.slice();
  let moved = false;
  // b's siblings first (they free times), a's after; again while one moved, as one's move can open a time for another.
  for (let round = 0, again = true; again && round < 3; round++) {
    again = false;
    for (const q of followers) if (relocate(s, q, out, base) !== null || eject(s, q, out, base, before, best, timeUp)) again = moved = true;
    if (moved && compareCost(s.cost, start) < 0) return true;
  }
  if (!moved) return false;
  const changed: number[] = [];
  for (let r = 0; r < cand.length; r++) if (s.cand[r] !== cand[r] || s.interp[r] !== interp[r]) changed.push(r);
  for (const r of changed) unplace(s, r);
  for (const r of changed) if (cand[r]! >= 0) place(s, r, cand[r]!, interp[r]!);
  return false;
}

export interface IntensifyStats { passes: number; moves: number }

export interface IntensifyOptions {
  /** Re-pack the windows around families' back-to-back blocks (repack.ts); default true. */
  repack?: boolean;
  /**
   * Try the ejection chains of `chainExchange` (depth two, last in a pass); default on where the exact chains are
   * off (the exact chains find what they found on small rounds, for a third of the time).
   */
  chains?: boolean;
  /**
   * At a local optimum of all the other moves, the exact ejection chains of polish.ts (a bounded branch and bound
   * over chains of up to four displacements); default on for rounds of at most 60 requests.
   */
  exactChains?: boolean;
  /**
   * Once the exact chains from every root find nothing, the teacher-idle phase: each teacher's day with idle time
   * re-sequenced exactly (resequence.ts), then chains rooted only beside a gap in a teacher's day with the whole
   * budget at every depth (`idleChainPass`, polish.ts); default true where the exact chains run.
   */
  idleChains?: boolean;
  /**
   * Where no cheaper move helps, a family's block moved whole to another day or time (`moveBlocks`, repack.ts);
   * default on for rounds of at most 190 requests, whose search is bounded by iterations, not by a time cap.
   */
  blocks?: boolean;
}

/**
 * Improves s until no move helps or `timeUp()` says stop. Each pass tries, in a fixed order (so the result is
 * deterministic), single moves, ejections, closing teachers' gaps, re-packing around families' blocks, changing
 * who stays unplaced, swaps and (on large rounds) the depth-two chains; where none of them helps, the moves of
 * several conversations at once (`IntensifyOptions`), then the exact chains and the teacher-idle phase. Every move
 * is taken as soon as it makes the schedule strictly better. The cheap moves come first, so that a pass cut short
 * by the time limit on a large school has done the most for its time.
 */
export function intensify(s: State, byHousehold: number[][], timeUp: () => boolean = () => false, options: IntensifyOptions = {}): IntensifyStats {
  const { model } = s;
  const exact = options.exactChains ?? chainRound(model);
  const blocks = options.blocks ?? blockRound(model);
  const chains = options.chains ?? !exact;
  const [out, scratch, before, best] = [zeroCost(), zeroCost(), zeroCost(), zeroCost()];
  const movable = model.requests.filter((r) => r.candidates.length > 0 && !s.locked[r.index]).map((r) => r.index);
  // Requests that share a teacher, household or possible interpreter with each request.
  const keys = resourceKeys(model);
  const holders = new Map<number, number[]>();
  keys.forEach((ks, r) => ks.forEach((k) => (holders.get(k) ?? holders.set(k, []).get(k)!).push(r)));
  const related = keys.map((ks, r) => [...new Set([...ks].flatMap((k) => holders.get(k)!))].filter((q) => q !== r));
  // The other requests of each request's households.
  const family = model.requests.map((req) => [...new Set(req.households.flatMap((h) => byHousehold[h]!))].filter((q) => q !== req.index));
  let passes = 0;
  let moves = 0;
  let idlePhase = false;
  const failed = new Map<number, string>();
  let improved = true;
  const tried = (ok: boolean) => {
    if (!ok) return;
    moves++;
    improved = true;
  };
  for (; improved && !timeUp(); passes++) {
    improved = false;
    for (const r of movable) {
      if (timeUp()) break;
      tried(s.cand[r]! < 0 ? insert(s, r, out, scratch) : relocate(s, r, out, scratch) !== null);
    }
    for (const r of movable) {
      if (timeUp()) break;
      tried(eject(s, r, out, scratch, before, best, timeUp));
    }
    for (let t = 0; t < model.teachers.length && !timeUp(); t++) {
      for (let d = 0; d < model.days.length; d++) while (closeGaps(s, t, d, out, scratch)) tried(true);
    }
    if (options.repack !== false && !timeUp()) tried(repackBlocks(s, timeUp));
    for (const a of movable) {
      if (timeUp()) break;
      if (s.cand[a]! < 0) tried(exchange(s, a, related[a]!, family, out, before, best, timeUp));
    }
    for (const [a, b] of swapPairs(s, byHousehold)) {
      if (timeUp()) break;
      // An earlier move in this pass may have taken one of them out; a pair found on one day may now be on two.
      if (s.cand[a]! >= 0 && s.cand[b]! >= 0) tried(swap(s, a, b, out, scratch, best));
    }
    // Last, as the dearest: on a large school cut short by its time limit the cheaper moves have had their turn.
    for (const a of movable) {
      if (!chains || timeUp()) break;
      if (s.cand[a]! < 0) tried(chainExchange(s, a, related[a]!, family, out, before, best, timeUp));
    }
    // Where no cheaper move helps: moves of several conversations at once that no chain of displacements makes, as
    // each step alone is worse. A family's block moved whole to another day or time, taking its times from the
    // conversations there (repack.ts; rounds of at most 190 requests); on small rounds also a conversation
    // inserted with the rest of its teacher's day pushed along (push.ts) and two of a teacher's conversations
    // moved together (repack.ts).
    if (!improved && blocks && !timeUp()) tried(moveBlocks(s, timeUp));
    if (!improved && exact && !timeUp()) tried(pushPass(s, timeUp));
    if (!improved && exact && !timeUp()) tried(moveTeacherPairs(s, timeUp));
    // Only where nothing else helps, as the dearest of all; a chain found starts another pass of the cheap moves.
    if (!improved && exact && !idlePhase && !timeUp()) {
      tried(chainPass(s, byHousehold, timeUp));
      idlePhase = !improved && options.idleChains !== false;
    }
    // Then, once the chains from every root find nothing, the teacher-idle phase (the chains from every root are
    // not tried again): each teacher's day with idle time re-sequenced exactly (resequence.ts), and the chains
    // rooted only beside the teachers' gaps with the whole budget at every depth (polish.ts).
    if (!improved && idlePhase && !timeUp()) tried(resequencePass(s, timeUp, failed));
    if (!improved && idlePhase && !timeUp()) tried(idleChainPass(s, byHousehold, timeUp));
  }
  return { passes, moves };
}
