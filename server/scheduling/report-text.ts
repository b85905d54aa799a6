// The report as text for a person at a terminal: the objective level by level, the households it does not reach,
// how many come more than once, who waits, who interprets how much, and every unplaced request with its reason.
import type { ScheduleResult } from '@shared/contracts/scheduling';

const hours = (minutes: number) => `${Math.floor(minutes / 60)} h ${minutes % 60} min`;

export function reportText(result: ScheduleResult): string {
  const { report, placements } = result;
  const o = report.objective;
  const visits = new Map<number, number>();
  for (const h of report.households) if (h.conversations > 0) visits.set(h.days, (visits.get(h.days) ?? 0) + 1);
  const unreached = report.households.filter((h) => h.requests > 0 && h.conversations === 0).map((h) => h.householdId);
  const waiting = report.households.filter((h) => h.idleMinutes > 0).sort((a, b) => b.idleMinutes - a.idleMinutes);
  const lines = [
    `Schedule for ${result.instance}: ${placements.length} conversations placed, ${o.unplaced} unplaced.`,
    '',
    'Objective (in order of priority):',
    `  1. unplaced requests          ${o.unplaced}`,
    `  2. households not reached     ${o.householdsWithoutConversation}${unreached.length > 0 ? `  (${unreached.slice(0, 5).join(', ')}${unreached.length > 5 ? ', …' : ''})` : ''}`,
    `  3. extra household days       ${o.extraHouseholdDays}  (${[...visits].sort((a, b) => a[0] - b[0]).map(([d, n]) => `${n} household${n === 1 ? '' : 's'} on ${d} day${d === 1 ? '' : 's'}`).join(', ') || 'none'})`,
    `  4. household idle time        ${hours(o.householdIdleMinutes)}  (${waiting.length} households wait between conversations${waiting[0] ? `, longest ${waiting[0].idleMinutes} min: ${waiting[0].householdId}` : ''})`,
    `  5. preference penalty         ${o.preferencePenalty} points`,
    `  6. teacher idle time          ${hours(o.teacherIdleMinutes)}`,
  ];
  if (report.interpreters.length > 0) {
    lines.push('', 'Interpreters:');
    for (const p of report.interpreters) lines.push(`  ${p.interpreterId.padEnd(12)} ${String(p.conversations).padStart(3)} conversations, ${p.bookedMinutes} of ${p.availableMinutes} min (${Math.round(p.utilisation * 100)} %)`);
  }
  const teachers = [...report.teachers].sort((a, b) => b.idleMinutes - a.idleMinutes).slice(0, 5);
  lines.push('', 'Teachers with the most idle time:');
  for (const t of teachers) lines.push(`  ${t.teacherId.padEnd(12)} ${String(t.conversations).padStart(3)} conversations on ${t.days} day(s), idle ${t.idleMinutes} min`);
  if (report.unplaced.length > 0) {
    lines.push('', 'Unplaced:');
    for (const u of report.unplaced) lines.push(`  ${u.requestId}: ${u.reason} (${u.message})`);
  }
  const s = report.search;
  lines.push('', `Search: ${s.solver}, seed ${s.seed}, ${s.iterations} iterations, ${s.elapsedMs} ms.`);
  return lines.join('\n');
}
