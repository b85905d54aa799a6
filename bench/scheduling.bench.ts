// The conference scheduling engine (issue 5) on the frozen suite (bench/scheduling/instances): its gap to the exact
// MILP optimum (HiGHS) on the small instances, its time to a schedule for whole schools, and what it gives
// families compared with first-come self-booking. BENCH_MILP_SECONDS sets HiGHS's time per instance (default 45).
// The engine's time limits run on this process's CPU time, not the wall clock: on a shared, loaded machine the
// wall clock would hand the search a fraction of a core and measure the neighbours. Both times are printed.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScheduleResult } from '@shared/contracts/scheduling';
import { firstComeBaseline } from '../server/scheduling/baseline';
import { describeGap, gapTo, IDLE_LEVELS } from '../server/scheduling/gap';
import type { Model } from '../server/scheduling/model';
import { solveReference } from '../server/scheduling/reference';
import { buildResult } from '../server/scheduling/result';
import { ITERATION_ROUND, SAFETY_STOP_MS, solveState } from '../server/scheduling/solve';
import { SUITE, SUITE_DIR } from '../server/scheduling/suite';
import { parseInstance } from '../server/scheduling/validate';
import { table, writeSection } from './lib/results';

const MILP_SECONDS = Number(process.env.BENCH_MILP_SECONDS ?? 45);
const load = () => os.loadavg()[0]!.toFixed(1);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function read(name: string): { json: unknown; model: Model } {
  const json = JSON.parse(readFileSync(path.join(SUITE_DIR, `${name}.json`), 'utf8')) as unknown;
  const parsed = parseInstance(json);
  if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  return { json, model: parsed.model };
}

const tuple = (c: readonly number[], slot: number) => c.map((v, i) => (IDLE_LEVELS.includes(i) ? v * slot : v)).join(' / ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(0);
const loads: string[] = [load()];

// Warm the JIT once, as a running server would be.
solveState(read('school-100').model, { maxIterations: 300, clock: cpu });

// 1. Gap to the exact optimum.
const gapRows: (string | number)[][] = [];
const relatives: number[] = [];
let exact = 0;
let smallCount = 0;
const boundNotes: string[] = [];
let firstFour = 0;
let firstFive = 0;
/** Over seeds 1–5 and all instances: runs, runs optimal on levels 1–5, and the preference gaps where levels 1–4 are. */
const seedRuns = { runs: 0, fiveOptimal: 0, preferenceGaps: [] as number[] };
for (const entry of SUITE.filter((e) => e.size === 'small' || e.name === 'school-100')) {
  const { model } = read(entry.name);
  const engine = solveState(model, { seed: 1, clock: cpu });
  const ref = await solveReference(model, { timeLimitSeconds: entry.size === 'small' ? MILP_SECONDS : 2 * MILP_SECONDS, start: engine.state });
  const gap = gapTo(engine.state.cost, ref);
  const longer = solveState(model, { seed: 1, timeLimitMs: 2000, stallIterations: Infinity, clock: cpu });
  const longerGap = gapTo(longer.state.cost, ref);
  // The goal is for the small instances, which HiGHS proves; school-100 is measured against HiGHS's bound.
  const small = entry.size === 'small';
  if (small) {
    smallCount++;
    if (gap.level !== null && gap.relative !== null) relatives.push(gap.relative);
    if (gap.level === null && gap.against === 'optimum') exact++;
    if (gap.matched >= 4) firstFour++;
    if (gap.matched >= 5) firstFive++;
  } else {
    const unproved = ref.levels.find((l) => l.status !== 'optimal');
    const i = unproved ? ref.levels.indexOf(unproved) : -1;
    const minutes = (v: number | null) => (v === null ? '–' : IDLE_LEVELS.includes(i) ? `${v * model.slotMinutes} min` : String(v));
    boundNotes.push(`${entry.name} (HiGHS did not finish in ${2 * MILP_SECONDS} s): ${describeGap(gap, model.slotMinutes)}` +
      (unproved ? `; HiGHS's bound there is ${minutes(unproved.bound)}, the best schedule it found itself ${minutes(unproved.value)}, so this is a gap to a bound, not to an optimum` : ''));
  }
  // The search's luck varies with the seed: seeds 1–5 with the default limits, on the levels HiGHS proved.
  let five = 0;
  const prefGaps: number[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const run = seed === 1 ? engine : solveState(model, { seed, clock: cpu });
    const g = gapTo(run.state.cost, ref);
    if (small) seedRuns.runs++;
    if (g.matched >= 5) five++;
    const pref = ref.levels[4];
    if (g.matched >= 4 && pref?.status === 'optimal' && pref.value! > 0) prefGaps.push((run.state.cost[4] - pref.value!) / pref.value!);
  }
  if (small) {
    seedRuns.fiveOptimal += five;
    seedRuns.preferenceGaps.push(...prefGaps);
  }
  const seedCell = `levels 1–5 optimal in ${five}/5${prefGaps.length > 0 ? `; preference points +${((100 * prefGaps.reduce((a, b) => a + b, 0)) / prefGaps.length).toFixed(1)} % on average (max +${(100 * Math.max(...prefGaps)).toFixed(1)} %)` : ''}`;
  // Idle levels are counted in slots; shown in minutes like the engine's.
  const unit = (i: number, v: number | null) => (v === null ? '–' : IDLE_LEVELS.includes(i) ? v * model.slotMinutes : v);
  const levels = ref.levels.map((l, i) => (l.status === 'optimal' ? String(unit(i, l.value)) : `${Number.isFinite(l.bound) ? `≥ ${unit(i, l.bound)}` : 'no bound'} (${l.status}, best ${unit(i, l.value)})`)).join(' / ');
  gapRows.push([
    entry.name, model.requests.length, ms(engine.elapsedMs), tuple(engine.state.cost, model.slotMinutes), levels, ref.levels.reduce((a, l) => a + l.seconds, 0).toFixed(1), describeGap(gap, model.slotMinutes),
    seedCell,
    `${tuple(longer.state.cost, model.slotMinutes)}: ${describeGap(longerGap, model.slotMinutes)}`,
  ]);
  console.log(entry.name, gapRows[gapRows.length - 1]!.slice(2).join(' | '));
}
loads.push(load());

// 2. Time to a schedule: reading, checking, solving with the default limits, and writing the result.
const timeRows: (string | number)[][] = [];
const goals: Record<string, number> = { 'school-250': 300, 'school-1000': 2000 };
for (const entry of SUITE.filter((e) => e.size !== 'small')) {
  const text = readFileSync(path.join(SUITE_DIR, `${entry.name}.json`), 'utf8');
  const totals: number[] = [];
  const walls: number[] = [];
  const firsts: number[] = [];
  let last: ScheduleResult | null = null;
  let iterations = 0;
  for (const seed of [1, 2, 3]) {
    const w0 = performance.now();
    const t0 = cpu();
    const parsed = parseInstance(JSON.parse(text));
    if (!parsed.ok) throw new Error(entry.name);
    const t1 = cpu();
    const run = solveState(parsed.model, { seed, clock: cpu });
    last = buildResult(run.state, { solver: 'alns', seed, iterations: run.iterations, elapsedMs: run.elapsedMs });
    totals.push(cpu() - t0);
    walls.push(performance.now() - w0);
    iterations = run.iterations;
    const c0 = cpu();
    solveState(parsed.model, { seed, maxIterations: 0 });
    firsts.push(t1 - t0 + cpu() - c0);
  }
  const { model } = read(entry.name);
  const long = solveState(model, { seed: 1, timeLimitMs: 10_000, stallIterations: Infinity, clock: cpu });
  const o = last!.report.objective;
  const goal = goals[entry.name];
  timeRows.push([
    entry.name, model.requests.length, ms(median(firsts)), `${ms(median(totals))} (${ms(median(walls))})`, goal ? `< ${goal} ms: ${median(totals) < goal ? 'met' : 'missed'}` : '–', iterations,
    Object.values(o).join(' / '), tuple(long.state.cost, model.slotMinutes),
  ]);
  console.log(entry.name, timeRows[timeRows.length - 1]!.slice(2).join(' | '));
}
loads.push(load());

// 3. Against first-come self-booking, on the same instances (baseline: mean of five arrival orders).
const baseRows: (string | number)[][] = [];
const stats = (r: ScheduleResult) => [r.report.households.filter((h) => h.days > 1).length, r.report.objective.householdIdleMinutes, r.report.objective.unplaced, r.report.objective.householdsWithoutConversation, r.report.objective.preferencePenalty, r.report.objective.teacherIdleMinutes];
const hm = (m: number) => `${Math.floor(m / 60)} h ${String(Math.round(m % 60)).padStart(2, '0')} min`;
for (const entry of SUITE) {
  const { model } = read(entry.name);
  const seeds = [1, 2, 3, 4, 5];
  const base = seeds.map((seed) => stats(buildResult(firstComeBaseline(model, seed), { solver: 'baseline', seed, iterations: 0, elapsedMs: 0 })));
  const mean = base[0]!.map((_, i) => base.reduce((a, b) => a + b[i]!, 0) / seeds.length);
  const run = solveState(model, { seed: 1, clock: cpu });
  const eng = stats(buildResult(run.state, { solver: 'alns', seed: 1, iterations: run.iterations, elapsedMs: run.elapsedMs }));
  baseRows.push([entry.name, model.households.length, `${mean[0]!.toFixed(1)} → ${eng[0]}`, `${hm(mean[1]!)} → ${hm(eng[1]!)}`, `${mean[2]!.toFixed(1)} → ${eng[2]}`, `${mean[3]!.toFixed(1)} → ${eng[3]}`, `${mean[4]!.toFixed(0)} → ${eng[4]}`, `${hm(mean[5]!)} → ${hm(eng[5]!)}`]);
  console.log(baseRows[baseRows.length - 1]!.join(' | '));
}
loads.push(load());

const meanGap = relatives.length ? (relatives.reduce((a, b) => a + b, 0) / relatives.length) * 100 : 0;
const prefs = seedRuns.preferenceGaps;
const meanPref = prefs.length ? (100 * prefs.reduce((a, b) => a + b, 0)) / prefs.length : 0;
writeSection({
  name: 'scheduling',
  title: 'Conference scheduling engine (issue 5)',
  command: 'npm run bench -- scheduling',
  dataSize: `the frozen suite in bench/scheduling/instances: ${SUITE.map((e) => `${e.name} (${e.pupils} pupils, ${e.days} days)`).join(', ')}; HiGHS ${MILP_SECONDS} s per small instance, ${2 * MILP_SECONDS} s for school-100; 1-minute load average during the run ${loads.join(' → ')} on ${os.cpus().length} cores`,
  body: [
    'Objective tuples are (unplaced / households not reached / extra household days / household idle min / preference points / teacher idle min), compared level by level.',
    '',
    '### Gap to the exact optimum (HiGHS, one level at a time)',
    `The engine ran with its default limits (300 iterations per request: for up to ${ITERATION_ROUND} requests, school-100 included, bounded by iterations alone, with a ${SAFETY_STOP_MS / 1000} s safety stop that does not steer the search; seed 1, and seeds 1–5 in their own column) and, in the last column, with 2 s. The gap is taken at the first level where it differs from the optimum, or from HiGHS's proven bound where HiGHS ran out of time. Goal ≤ 2 % on the small instances: with the default limits ${exact} of ${smallCount} equal the optimum on all six levels, ${firstFive} of ${smallCount} on the first five (all but teacher idle) and ${firstFour} of ${smallCount} on the four before preferences (unplaced, households not reached, extra days, household idle); ${relatives.length ? `where the engine is worse than a non-zero optimum (${relatives.length} instance(s)), the mean gap is ${meanGap.toFixed(1)} %` : 'none is worse than its optimum'}. Over seeds 1–5 (${seedRuns.runs} runs), ${seedRuns.fiveOptimal} are optimal on levels 1–5, and where levels 1–4 are optimal the preference points are ${meanPref.toFixed(2)} % above the optimum on average (${prefs.length} runs with a non-zero optimum). ${boundNotes.join('. ')}. A gap against a bound of 0 has no percentage and is given in minutes.`,
    '',
    table(['instance', 'requests', 'engine (ms)', 'engine objective', 'HiGHS per level', 'HiGHS (s)', 'gap', 'seeds 1–5', 'engine with 2 s: objective and gap'], gapRows),
    '',
    '### Time to a schedule',
    'Median of three seeds, from the JSON text to the finished result (validate, build the model, construct, improve with the default limits, write the report), in CPU milliseconds of this process, with the wall clock in brackets (the machine was shared; see the load average above). "first schedule" stops after the constructive start. The last column is the objective after 10 s of search, for how much the default run leaves on the table.',
    '',
    table(['instance', 'requests', 'first schedule (ms)', 'default run: CPU (wall) ms', 'goal (CPU)', 'iterations', 'objective (default)', 'objective (10 s)'], timeRows),
    '',
    '### Against first-come self-booking',
    'Baseline → engine. The baseline books households in random arrival order; each takes a free time beside its own earlier booking if there is one, else the earliest free time meeting its wishes (mean of five orders).',
    '',
    table(['instance', 'households', 'households on > 1 day', 'household idle time', 'unplaced', 'households not reached', 'preference points', 'teacher idle time'], baseRows),
  ].join('\n'),
});
