// The exact reference: the MILP (milp.ts) solved with HiGHS, one level at a time. Level k is minimised with
// levels 0…k−1 held at their optimum, each solve starting from the previous level's solution (the first from the
// heuristic's, when given). Every objective level is a whole number, so a gap below 1 proves optimality. When a
// level runs out of time, its proven lower bound is what the heuristic is measured against, and the levels below
// it are not reached.
import loadHighs from 'highs';
import { buildMilp, lpText, type MilpOptions, startValues } from './milp';
import type { Model } from './model';
import { type Cost, createState, LEVELS, place, type State, zeroCost } from './state';

export interface LevelOutcome { status: 'optimal' | 'time limit' | 'infeasible' | 'other'; value: number | null; bound: number; seconds: number }

export interface ReferenceResult {
  levels: LevelOutcome[];
  /** All six levels proven optimal. */
  optimal: boolean;
  /** The best solution found, as a schedule (null if HiGHS found none). */
  state: State | null;
  columns: number;
  rows: number;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | null = null;

function stateFrom(model: Model, chosen: Map<number, { ci: number; interp: number[] }>, locked: ReadonlyMap<number, unknown>): State {
  const s = createState(model);
  for (const [r, a] of chosen) {
    place(s, r, a.ci, a.interp);
    if (locked.has(r)) s.locked[r] = 1;
  }
  return s;
}

export async function solveReference(
  model: Model,
  options: { timeLimitSeconds: number; start?: State | null; locked?: ReadonlyMap<number, { ci: number; interp: number[] }>; milp?: MilpOptions },
): Promise<ReferenceResult> {
  highs ??= loadHighs();
  const solver = await highs;
  const locked = options.locked ?? new Map();
  const milp = buildMilp(model, locked, options.milp);
  const started = performance.now();
  const levels: LevelOutcome[] = [];
  const held: number[] = [];
  const start = options.start;
  let values: Map<string, number> | null = start ? startValues(milp, model.requests.length, (r) => (start.cand[r]! < 0 ? null : { ci: start.cand[r]!, interp: start.interp[r]! })) : null;
  let chosen: Map<number, { ci: number; interp: number[] }> | null = null;

  for (let level = 0; level < LEVELS; level++) {
    const remaining = options.timeLimitSeconds - (performance.now() - started) / 1000;
    if (remaining <= 0) break;
    const t0 = performance.now();
    const m = solver.createModel({ format: 'lp', data: lpText(milp, level, held) });
    try {
      m.options.set({ output_flag: false, time_limit: remaining, mip_rel_gap: 0, mip_abs_gap: 0.999, random_seed: 0 });
      const n = m.getDimensions().numCols;
      const names = Array.from({ length: n }, (_, i) => m.getColName(i));
      if (values) {
        const v = values;
        m.setSolution({ colValue: names.map((name) => v.get(name) ?? 0) });
      }
      m.run();
      const code = m.getModelStatus();
      const statuses = solver.constants.modelStatus;
      const status: LevelOutcome['status'] = code === statuses.optimal ? 'optimal' : code === statuses.timeLimit ? 'time limit' : code === statuses.infeasible ? 'infeasible' : 'other';
      const hasSolution = m.info.get('primal_solution_status') === 2;
      const value = hasSolution ? Math.round(m.getObjectiveValue()) : null;
      // Every level is a whole number, so the proven bound can be rounded up.
      const bound = status === 'optimal' && value !== null ? value : Math.ceil(Number(m.info.get('mip_dual_bound')) - 1e-6);
      levels.push({ status, value, bound, seconds: (performance.now() - t0) / 1000 });
      if (hasSolution) {
        const x = m.getSolution().colValue;
        values = new Map(names.map((name, i) => [name, x[i]!]));
        chosen = new Map();
        for (const c of milp.columns) if ((values.get(c.name) ?? 0) > 0.5) chosen.set(c.r, { ci: c.ci, interp: c.interp });
      }
      if (status !== 'optimal' || value === null) break;
      held.push(value);
    } finally {
      m.dispose();
    }
  }
  return {
    levels,
    optimal: levels.length === LEVELS && levels.every((l) => l.status === 'optimal'),
    state: chosen ? stateFrom(model, chosen, locked) : null,
    columns: milp.columns.length,
    rows: milp.rows.length,
  };
}

/** The best possible cost known: each level's proven bound, levels not reached as 0 (unknown). */
export function boundOf(result: ReferenceResult): Cost {
  const cost: Cost = zeroCost();
  result.levels.forEach((l, i) => (cost[i] = l.bound));
  return cost;
}
