// The frozen benchmark suite (bench/scheduling/instances/*.json): instances written once from the generator and
// committed, so the figures in bench/RESULTS.md stay comparable when the generator changes. Small ones are slices
// of a school (one or two classes over two days) that the exact MILP reference can prove; the rest are whole schools.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateInstance } from './generator';

export interface SuiteEntry { name: string; pupils: number; days: number; seed: number; size: 'small' | 'medium' | 'large' }

export const SUITE: SuiteEntry[] = [
  ...[1, 2, 3].map((seed): SuiteEntry => ({ name: `small-24-${seed}`, pupils: 24, days: 2, seed, size: 'small' })),
  ...[1, 2, 3].map((seed): SuiteEntry => ({ name: `small-48-${seed}`, pupils: 48, days: 2, seed, size: 'small' })),
  { name: 'school-100', pupils: 100, days: 4, seed: 1, size: 'medium' },
  { name: 'school-250', pupils: 250, days: 4, seed: 1, size: 'medium' },
  { name: 'school-500', pupils: 500, days: 4, seed: 1, size: 'large' },
  { name: 'school-1000', pupils: 1000, days: 4, seed: 1, size: 'large' },
];

export const SUITE_DIR = path.join(import.meta.dirname, '..', '..', 'bench', 'scheduling', 'instances');

export function freezeSuite(dir = SUITE_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return SUITE.map((e) => {
    const file = path.join(dir, `${e.name}.json`);
    writeFileSync(file, `${JSON.stringify(generateInstance({ pupils: e.pupils, days: e.days, seed: e.seed, name: e.name }))}\n`);
    return file;
  });
}
