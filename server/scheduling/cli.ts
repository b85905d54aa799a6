// npm run schedule -- instance.json [--out schedule.json] [--seed N] [--time-limit ms] [--iterations N] [--baseline]
// npm run schedule -- generate --pupils 250 [--seed N] [--days 4] [--out instance.json]
// npm run schedule -- freeze-suite        (re-writes bench/scheduling/instances/*.json)
// Prints the report and writes the schedule; bad input prints each problem with the field it concerns and exits 1.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { firstComeBaseline } from './baseline';
import { generateInstance } from './generator';
import { reportText } from './report-text';
import { buildResult } from './result';
import { solveSchedule } from './solve';
import { freezeSuite } from './suite';
import { parseInstance } from './validate';

export interface Io { out: (line: string) => void; err: (line: string) => void }

const USAGE = 'usage: npm run schedule -- instance.json [--out schedule.json] [--seed N] [--time-limit ms] [--iterations N] [--baseline]\n' +
  '       npm run schedule -- generate --pupils N [--seed N] [--days N] [--out instance.json]\n' +
  '       npm run schedule -- freeze-suite';

function whole(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${value}"`);
  return n;
}

function scheduleFile(file: string, values: Record<string, string | boolean | undefined>, io: Io): number {
  const seed = whole(values.seed as string | undefined, 'seed') ?? 1;
  const timeLimitMs = whole(values['time-limit'] as string | undefined, 'time-limit');
  const maxIterations = whole(values.iterations as string | undefined, 'iterations');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    io.err(`cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  const parsed = parseInstance(json);
  if (!parsed.ok) {
    io.err(`${file} is not a valid instance:`);
    for (const i of parsed.issues) io.err(`  ${i.path || '(root)'}: ${i.message}`);
    return 1;
  }
  const result = values.baseline
    ? buildResult(firstComeBaseline(parsed.model, seed), { solver: 'first-come baseline', seed, iterations: 0, elapsedMs: 0 })
    : solveSchedule(parsed.model, { seed, ...(timeLimitMs !== undefined ? { timeLimitMs } : {}), ...(maxIterations !== undefined ? { maxIterations } : {}) });
  const out = (values.out as string | undefined) ?? file.replace(/(\.json)?$/, '.schedule.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  io.out(reportText(result));
  io.out(`\nWrote ${out}`);
  return 0;
}

export function runCli(argv: string[], io: Io): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, seed: { type: 'string' }, 'time-limit': { type: 'string' }, iterations: { type: 'string' }, baseline: { type: 'boolean' }, pupils: { type: 'string' }, days: { type: 'string' } },
    });
    const [command, extra] = positionals;
    if (command === 'freeze-suite') {
      for (const f of freezeSuite()) io.out(`wrote ${f}`);
      return 0;
    }
    if (command === 'generate') {
      const pupils = whole(values.pupils, 'pupils');
      if (!pupils) throw new Error('generate needs --pupils');
      const instance = generateInstance({ pupils, seed: whole(values.seed, 'seed') ?? 1, days: whole(values.days, 'days') ?? 4 });
      const out = values.out ?? `${instance.name}.json`;
      writeFileSync(out, `${JSON.stringify(instance, null, 2)}\n`);
      io.out(`wrote ${out}: ${instance.requests.length} requests, ${instance.households.length} households, ${instance.teachers.length} teachers`);
      return 0;
    }
    if (!command || extra) throw new Error(USAGE);
    return scheduleFile(command, values, io);
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }
}

if (process.argv[1] === import.meta.filename) {
  process.exitCode = runCli(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
