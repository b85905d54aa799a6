// How far the engine is from the exact reference, told honestly for a lexicographic objective: levels are compared
// in order, and the gap is the one at the first level where the engine differs, relative to the optimum there
// (or to HiGHS's proven bound, when HiGHS ran out of time on that level). Levels below a difference are not
// comparable: a schedule one idle minute worse for households can have any teacher idle time.
import type { ReferenceResult } from './reference';
import { type Cost, LEVELS } from './state';

export const LEVEL_NAMES = ['unplaced', 'households not reached', 'extra household days', 'household idle', 'preference penalty', 'teacher idle'];

/** The levels counted in slots, shown in minutes. */
export const IDLE_LEVELS = [3, 5];

export interface Gap {
  /** First level where the engine is worse than the reference or its bound; null when equal on every level reached. */
  level: number | null;
  against: 'optimum' | 'bound' | null;
  /** (engine − reference) ÷ reference at that level; null when the reference is 0 there. */
  relative: number | null;
  engine: number | null;
  reference: number | null;
  /** Levels the engine matched the proven optimum on. */
  matched: number;
}

export function gapTo(engine: Cost, ref: ReferenceResult): Gap {
  let matched = 0;
  for (let i = 0; i < ref.levels.length; i++) {
    const l = ref.levels[i]!;
    // A level HiGHS stopped on before it proved any bound tells nothing.
    if (l.status !== 'optimal' && !Number.isFinite(l.bound)) break;
    const target = l.status === 'optimal' ? l.value! : l.bound;
    const against = l.status === 'optimal' ? 'optimum' : 'bound';
    if (engine[i]! > target) return { level: i, against, relative: target > 0 ? (engine[i]! - target) / target : null, engine: engine[i]!, reference: target, matched };
    if (l.status !== 'optimal') return { level: null, against: 'bound', relative: 0, engine: engine[i]!, reference: target, matched };
    matched++;
  }
  return { level: null, against: matched === LEVELS ? 'optimum' : null, relative: 0, engine: null, reference: null, matched };
}

/** One line for a table: "optimal", "+6.8 % preference penalty (418 vs 391)", "+20 min household idle (optimum 0)". */
export function describeGap(g: Gap, slotMinutes: number): string {
  if (g.level === null) {
    if (g.against === 'optimum') return `optimal on all ${LEVELS} levels`;
    if (g.against === 'bound') return `equals the optimum on levels 1–${g.matched}, meets HiGHS's bound on level ${g.matched + 1}`;
    return `equals the optimum on levels 1–${g.matched} (HiGHS reached no further)`;
  }
  const minutes = IDLE_LEVELS.includes(g.level);
  const unit = (v: number) => (minutes ? `${v * slotMinutes} min` : String(v));
  const head = g.relative === null ? `+${unit(g.engine! - g.reference!)}` : `+${(g.relative * 100).toFixed(1)} %`;
  return `${head} on ${LEVEL_NAMES[g.level]} (${unit(g.engine!)} vs ${g.against} ${unit(g.reference!)})${g.matched > 0 ? `; levels 1–${g.matched} optimal` : ''}`;
}
