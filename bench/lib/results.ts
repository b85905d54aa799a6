// Writes one benchmark's section of bench/RESULTS.md, leaving the other sections as they are,
// so each benchmark can be re-run alone and the file stays a record of the latest figures.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// BENCH_RESULTS points a trial run (a small BENCH_STUDENTS) at another file, so it does not replace the record.
const RESULTS = process.env.BENCH_RESULTS ?? path.join(import.meta.dirname, '..', 'RESULTS.md');
const HEADER = '# Benchmark results\n\nWritten by `npm run bench` (each section by its own benchmark). Figures are from one noisy 2-core machine: compare the ratios within a section, not across runs.\n';

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export interface Section {
  name: string;        // stable key, e.g. "seed"
  title: string;       // heading shown in the file
  command: string;     // how to reproduce
  dataSize: string;    // what was measured on
  body: string;        // markdown: tables and notes
}

export function writeSection(section: Section): void {
  const start = `<!-- bench:${section.name} -->`;
  const end = `<!-- /bench:${section.name} -->`;
  const block = [
    start,
    `## ${section.title}`,
    '',
    `- Command: \`${section.command}\``,
    `- Data: ${section.dataSize}`,
    `- Machine: ${machineLine()}`,
    `- Date: ${new Date().toISOString()}`,
    '',
    section.body.trim(),
    end,
  ].join('\n');
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : HEADER;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = re.test(current) ? current.replace(re, block) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(RESULTS, next);
}

/** Markdown table from rows of cells. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
