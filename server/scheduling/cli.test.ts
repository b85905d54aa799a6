import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScheduleResult } from '@shared/contracts/scheduling';
import { runCli } from './cli';
import { baseInstance, withHousehold } from './fixtures';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run schedule', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tillit-schedule-'));

  it('prints the report and writes a schedule that matches the contract', () => {
    const file = path.join(dir, 'school.json');
    writeFileSync(file, JSON.stringify(withHousehold(baseInstance(), 'h1', ['anna', 'bjorn'])));
    const { code, out } = run([file, '--seed', '3', '--iterations', '50']);
    expect(code).toBe(0);
    expect(out).toContain('Schedule for tiny: 2 conversations placed, 0 unplaced.');
    expect(out).toContain('2. households not reached     0');
    expect(out).toContain('3. extra household days       0  (1 household on 1 day)');
    const written = ScheduleResult.parse(JSON.parse(readFileSync(path.join(dir, 'school.schedule.json'), 'utf8')));
    expect(written.placements).toHaveLength(2);
    expect(written.report.search).toMatchObject({ seed: 3, iterations: expect.any(Number) });
  });

  it('prints each problem of a bad instance with its field and exits non-zero', () => {
    const input = withHousehold(baseInstance(), 'h1', ['anna']);
    input.requests[0]!.teacherId = 'nobody';
    input.requests[0]!.durationSlots = -1;
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(input));
    const { code, err } = run([file]);
    expect(code).toBe(1);
    expect(err).toContain('requests.0.durationSlots: a conversation lasts at least one slot');
    expect(err).toContain('requests.0.teacherId: unknown teacher "nobody"');
  });

  it('says what is wrong with the command line', () => {
    expect(run([])).toMatchObject({ code: 2, err: expect.stringContaining('usage: npm run schedule') });
    expect(run([path.join(dir, 'missing.json')])).toMatchObject({ code: 1, err: expect.stringContaining('cannot read') });
    expect(run(['x.json', '--seed', 'many'])).toMatchObject({ code: 2, err: '--seed must be a whole number, not "many"' });
  });
});
