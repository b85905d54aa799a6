// Issue 4's figures, the "morning rush" of a 100,000-student municipality on one school day: guardians' absence
// reports and page loads in one burst over HTTP, the teachers' class registers, then the 09:00 check of
// unexplained absence over every school, run from the job queue as the worker runs it, beside a floor (one raw
// INSERT … SELECT of as many notification rows). The day and the clock are fixed, so the run is the same
// whatever today's date is.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { pino } from 'pino';
import { generateMunicipality } from '../server/seed/generator';
import { insertMunicipality } from '../server/seed/municipality.repo';
import { createRandom } from '../server/seed/names';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createSession } from '../server/auth/auth.service';
import { CSRF_HEADER, SESSION_COOKIE } from '../server/core/http';
import type { Clock, SystemCtx } from '../server/core/context';
import type { Database } from '../server/db/database';
import { osloDateTime } from '../server/jobs/queue';
import { runDueJobs } from '../server/jobs/worker';
import { jobs } from '../server/absence/absence.jobs';
import { planMorningChecks } from '../server/absence/morning-check.service';
import { UNEXPLAINED_ABSENCE_TOPIC } from '../server/absence/absence.notify';
import { addDays, isSchoolDay } from '../shared/oslo-time';
import { runLoad, type LatencyStats, type LoadResult, type PlannedRequest } from './lib/load';
import { table, writeSection } from './lib/results';
import { perSecond, seconds, withEachDatabase, withPostgres } from './lib/databases';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 100_000);
const CONNECTIONS = 64;
/** A Monday in the school year 2026/27 (winter time: 09:00 in Oslo is 08:00 UTC). */
const DAY = '2026-11-23';
const REPORTS = Math.round(STUDENTS / 10);
const PAGE_LOADS = Math.round(STUDENTS / 2);
/** The GETs of a guardian opening the app in the morning: start, home, inbox, then the child's absence page. */
const VISIT = ['/api/me', '/api/auth/session', '/api/me/children', '/api/inbox', '/api/students/:id/absence', '/api/students/:id/absence/subjects'];
const VISITS = Math.ceil(PAGE_LOADS / VISIT.length);
const ABSENT = Math.round(STUDENTS * 0.03);
const UNREPORTED = Math.round(ABSENT * 0.15);
const LATE = Math.round((ABSENT - UNREPORTED) * 0.2);
const LEAVES_EARLY = Math.round(REPORTS * 0.2);
const WORKER_CONCURRENCY = 4; // startWorker's default, as startBackgroundJobs runs it

const m = generateMunicipality({ students: STUDENTS, seed: 2026, startYear: 2026 });
const classOf = new Map(m.groups.filter((g) => g.kind === 'class').map((g) => [g.id, g]));
const classOfStudent = new Map(m.enrolments.filter((e) => classOf.has(e.group_id)).map((e) => [e.student_id, e.group_id]));
const teachers = m.staffRoles.filter((r) => r.role === 'kontaktlaerer' && r.group_id && classOf.has(r.group_id));
const leaders = [...new Set(m.staffRoles.filter((r) => r.role === 'rektor' || r.role === 'avdelingsleder').map((r) => r.person_id))];
const log = pino({ level: 'silent' });
const config = loadConfig({ LOG_LEVEL: 'silent', TILLIT_DEMO: '0', PORT: '0' });
const burstRows: (string | number)[][] = [];
const kindRows: (string | number)[][] = [];
const checkRows: (string | number)[][] = [];
const notes: string[] = [];
let termSize = '';

/** Oslo wall-clock time on DAY that then runs on in real time. */
function benchClock(): Clock & { set(at: string): void } {
  let origin = 0;
  let real = 0;
  return {
    now: () => new Date(origin + (performance.now() - real)),
    set(at) { origin = osloDateTime(DAY, at).getTime(); real = performance.now(); },
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const rnd = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const nextSchoolDay = (date: string, days: number): string => {
  let d = addDays(date, days);
  while (!isSchoolDay(d)) d = addDays(d, 1);
  return d;
};

async function inParallel<T, R>(items: T[], width: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await run(items[i]!);
  }));
  return out;
}

/**
 * The term so far, set-based: every school day since the school year began, each class's day register by its
 * contact teacher, ~3 % absent, 85 % of them reported by a guardian, the rest followed up and resolved; with
 * their history rows. So the tables, their indexes and the planner's statistics are those of a November Monday.
 */
async function seedTermSoFar(database: Database, from: string): Promise<Record<string, number>> {
  const at = (date: string, time: string) => `((${date} + time '${time}') AT TIME ZONE 'Europe/Oslo')`;
  const absent = `(SELECT m.student_id, m.group_id, m.date, r.registered_at, r.registered_by FROM attendance_marks m
    JOIN attendance_registers r USING (group_id, date, period) WHERE m.status = 'absent') m`;
  const steps: Record<string, string> = {
    registers: `INSERT INTO attendance_registers (group_id, date, period, registered_by, registered_at)
      SELECT g.id, d.day, 0, t.person_id, ${at('d.day', '08:20')}
      FROM groups g JOIN staff_roles t ON t.group_id = g.id AND t.role = 'kontaktlaerer'
      CROSS JOIN (SELECT day::date FROM generate_series(date '${from}', date '${DAY}' - 1, interval '1 day') day WHERE extract(isodow FROM day) < 6) d
      WHERE g.kind = 'class'`,
    marks: `INSERT INTO attendance_marks (group_id, date, period, student_id, status)
      SELECT r.group_id, r.date, 0, e.student_id, CASE WHEN abs(hashtext(e.student_id || ':' || r.date)) % 1000 < 30 THEN 'absent' ELSE 'present' END
      FROM attendance_registers r JOIN enrolments e ON e.group_id = r.group_id`,
    reports: `INSERT INTO absence_reports (student_id, school_id, reported_by, from_date, to_date, reason, created_at, updated_at, updated_by)
      SELECT m.student_id, s.school_id, g.guardian_id, m.date, m.date, 'ill', ${at('m.date', '07:15')}, ${at('m.date', '07:15')}, g.guardian_id
      FROM ${absent} JOIN students s ON s.person_id = m.student_id
      CROSS JOIN LATERAL (SELECT guardian_id FROM guardianships WHERE student_id = m.student_id ORDER BY guardian_id LIMIT 1) g
      WHERE abs(hashtext(m.student_id || ':' || m.date || ':r')) % 100 < 85`,
    followups: `INSERT INTO absence_followups (school_id, group_id, student_id, date, created_at, guardians_alerted, resolved_at, resolved_by, resolution)
      SELECT g.school_id, m.group_id, m.student_id, m.date, ${at('m.date', '09:00')}, 1, ${at('m.date', '11:00')}, m.registered_by, 'reached_family'
      FROM ${absent} JOIN groups g ON g.id = m.group_id
      WHERE NOT EXISTS (SELECT 1 FROM absence_reports a WHERE a.student_id = m.student_id AND a.from_date = m.date)`,
    history: `INSERT INTO absence_history (at, actor_id, student_id, record_type, record_id, action, after)
      SELECT m.registered_at, m.registered_by, m.student_id, 'attendance', m.group_id || ':' || m.date || ':0', 'registered',
        jsonb_build_object('status', 'absent', 'date', m.date::text, 'period', 0, 'subject', NULL)
      FROM ${absent}
      UNION ALL SELECT created_at, reported_by, student_id, 'report', id::text, 'reported',
        jsonb_build_object('fromDate', from_date::text, 'toDate', to_date::text, 'reason', reason, 'status', 'active')
      FROM absence_reports
      UNION ALL SELECT created_at, NULL, student_id, 'followup', id::text, 'unexplained_absence_alert', jsonb_build_object('date', date::text, 'guardiansAlerted', 1)
      FROM absence_followups`,
  };
  const tables = { registers: 'attendance_registers', marks: 'attendance_marks', reports: 'absence_reports', followups: 'absence_followups', history: 'absence_history' } as const;
  for (const [name, statement] of Object.entries(steps)) {
    const t0 = performance.now();
    // The rows are consistent by construction: skip the per-row foreign-key triggers (millions of lookups), and
    // give the next step statistics, as autovacuum would have them (without, it joins as if the tables were empty).
    await database.execScript(`SET LOCAL session_replication_role = replica; ${statement}; ANALYZE ${tables[name as keyof typeof tables]};`);
    console.log(`  ${name} in ${seconds(performance.now() - t0)} s`);
  }
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    counts[name] = Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  return counts;
}

/** The report each reporting guardian sends, in the proportions of a morning: most for today, some ahead. */
function reportBody(i: number, studentId: string): { body: object; absentToday: boolean } {
  const reason = i % 10 < 7 ? 'ill' : i % 10 < 9 ? 'other' : null;
  const reportedAbsent = ABSENT - UNREPORTED;
  if (i < reportedAbsent - LATE) return { body: { studentIds: [studentId], fromDate: DAY, toDate: nextSchoolDay(DAY, i % 3), reason }, absentToday: true };
  if (i < reportedAbsent) return { body: { studentIds: [studentId], fromDate: DAY, untilTime: '10:30', reason: 'other' }, absentToday: true };
  if (i < reportedAbsent + LEAVES_EARLY) return { body: { studentIds: [studentId], fromDate: DAY, fromTime: '12:00', reason: 'other' }, absentToday: false };
  const from = nextSchoolDay(DAY, 1 + (i % 14));
  return { body: { studentIds: [studentId], fromDate: from, toDate: i % 4 === 0 ? nextSchoolDay(from, 1) : from, reason }, absentToday: false };
}

const kindLabel = (s: LatencyStats) => [s.label, s.count.toLocaleString('en'), s.errors, s.p50, s.p99, s.max];
const burstLine = (label: string, what: string, r: LoadResult) =>
  [label, what, r.all.count.toLocaleString('en'), seconds(r.durationMs), r.requestsPerSecond.toLocaleString('en'), r.all.errors, r.all.p50, r.all.p99, r.all.max];

const each = process.env.BENCH_PGLITE === '1' ? withEachDatabase : withPostgres;
await each(async ({ label, database }) => {
  const { db } = database;
  const clock = benchClock();
  const sys: SystemCtx = { db, clock, log };
  await db.transaction().execute((tx) => insertMunicipality(tx, m));
  const tTerm = performance.now();
  const term = await seedTermSoFar(database, nextSchoolDay(m.schoolYears[0]!.starts_on, 0));
  console.log(`${label}: the term so far in ${seconds(performance.now() - tTerm)} s`, term);
  termSize = Object.entries(term).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ');
  clock.set('00:05');
  await planMorningChecks(sys, DAY); // what absence.plan-morning-checks does each night

  // Who takes part: guardians with access on the day (the database's own rule), each guardian once, each child once.
  const { rows: access } = await sql<{ guardian_id: string; student_id: string }>`
    SELECT guardian_id, student_id FROM guardian_access(${DAY}::date) ORDER BY guardian_id, student_id`.execute(db);
  const pairs = shuffled(access, 4);
  const usedGuardians = new Set<string>();
  const reportedStudents = new Set<string>();
  const reporters: typeof pairs = [];
  const visitors: typeof pairs = [];
  for (const p of pairs) {
    if (reporters.length === REPORTS) break;
    if (usedGuardians.has(p.guardian_id) || reportedStudents.has(p.student_id)) continue;
    usedGuardians.add(p.guardian_id);
    reportedStudents.add(p.student_id);
    reporters.push(p);
  }
  for (const p of pairs) {
    if (visitors.length === VISITS) break;
    if (usedGuardians.has(p.guardian_id)) continue;
    usedGuardians.add(p.guardian_id);
    visitors.push(p);
  }
  const unreported = shuffled(m.students.map((s) => s.person_id), 5).filter((id) => !reportedStudents.has(id)).slice(0, UNREPORTED);
  const reports = reporters.map((p, i) => ({ ...reportBody(i, p.student_id), guardian: p.guardian_id, student: p.student_id }));
  const absentToday = new Set([...reports.filter((r) => r.absentToday).map((r) => r.student), ...unreported]);

  // A user and a session for each of them, through the service that makes a login's session.
  const people = [...reporters.map((p) => p.guardian_id), ...visitors.map((p) => p.guardian_id), ...new Set([...teachers.map((t) => t.person_id), ...leaders])];
  const userOf = new Map<string, string>();
  for (let i = 0; i < people.length; i += 5_000) {
    const rows = await db.insertInto('users').values(people.slice(i, i + 5_000).map((person_id) => ({ person_id }))).returning(['id', 'person_id']).execute();
    for (const r of rows) userOf.set(r.person_id, r.id);
  }
  const t0 = performance.now();
  const sessions = new Map((await inParallel(people, 10, async (person) => [person, await createSession(sys, config, userOf.get(person)!)] as const)));
  const sessionMs = performance.now() - t0;
  console.log(`${label}: ${sessions.size} sessions in ${seconds(sessionMs)} s`);
  const headersOf = (person: string, write = false) => {
    const s = sessions.get(person)!;
    return { cookie: `${SESSION_COOKIE}=${s.token}`, ...(write ? { [CSRF_HEADER]: s.csrfToken } : {}) };
  };

  const app = await buildApp({ database, config, clock }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // 1. 07:30: the burst. Reports and page loads mixed, each request with its own guardian's session.
  const burst: PlannedRequest[] = [
    ...reports.map((r): PlannedRequest => ({ label: 'POST /api/absence/reports', method: 'POST', path: '/api/absence/reports', headers: headersOf(r.guardian, true), body: JSON.stringify(r.body) })),
    ...visitors.flatMap((v) => VISIT.map((path): PlannedRequest => ({ label: `GET ${path}`, method: 'GET', path: path.replace(':id', v.student_id), headers: headersOf(v.guardian_id) }))).slice(0, PAGE_LOADS),
  ];
  clock.set('07:30');
  const loadBefore = os.loadavg()[0]!;
  const rush = await runLoad(base, shuffled(burst, 6), CONNECTIONS);
  console.log(`${label}: burst ${rush.all.count} requests in ${seconds(rush.durationMs)} s, ${rush.requestsPerSecond} req/s, p99 ${rush.all.p99} ms, errors ${rush.all.errors}`, rush.failures, rush.failureSamples);
  burstRows.push(burstLine(label, 'burst: reports + page loads', rush));
  const order = ['POST /api/absence/reports', ...VISIT.map((path) => `GET ${path}`)];
  kindRows.push(...rush.byLabel.sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label)).map((s) => [label, ...kindLabel(s)]));

  // 2. 08:15: every contact teacher saves the day's register of the class, the absent tapped.
  const absentIn = new Map<string, string[]>();
  for (const id of absentToday) absentIn.set(classOfStudent.get(id)!, [...(absentIn.get(classOfStudent.get(id)!) ?? []), id]);
  const registers = teachers.map((t): PlannedRequest => ({
    label: 'PUT /api/groups/:id/attendance', method: 'PUT', path: `/api/groups/${t.group_id}/attendance`, headers: headersOf(t.person_id, true),
    body: JSON.stringify({ date: DAY, absentStudentIds: absentIn.get(t.group_id!) ?? [] }),
  }));
  clock.set('08:15');
  const kept = await runLoad(base, registers, CONNECTIONS);
  console.log(`${label}: ${kept.all.count} registers in ${seconds(kept.durationMs)} s, ${kept.requestsPerSecond} req/s, p99 ${kept.all.p99} ms, errors ${kept.all.errors}`, kept.failures, kept.failureSamples);
  burstRows.push(burstLine(label, 'class registers', kept));

  // 3. 09:00: the morning check of every school, claimed and run from the job queue as the worker does.
  clock.set('09:00');
  const handlers = Object.fromEntries(jobs.map((j) => [j.kind, j.handler]));
  const t1 = performance.now();
  const outcomes = await runDueJobs({ db, clock, log, handlers, workerId: 'bench', concurrency: WORKER_CONCURRENCY });
  const checkMs = performance.now() - t1;

  // 4. 09:05: every contact teacher and school leader opens the task list of families not yet heard from.
  const taskLists = shuffled([
    ...teachers.map((t): PlannedRequest => ({ label: 'GET /api/absence/follow-ups (contact teacher)', method: 'GET', path: '/api/absence/follow-ups', headers: headersOf(t.person_id) })),
    ...leaders.map((l): PlannedRequest => ({ label: 'GET /api/absence/follow-ups (leader)', method: 'GET', path: '/api/absence/follow-ups', headers: headersOf(l) })),
  ], 7);
  clock.set('09:05');
  const lists = await runLoad(base, taskLists, CONNECTIONS);
  console.log(`${label}: ${lists.all.count} task lists in ${seconds(lists.durationMs)} s, p99 ${lists.all.p99} ms, errors ${lists.all.errors}`, lists.failures, lists.failureSamples);
  burstRows.push(burstLine(label, 'task lists', lists));
  kindRows.push(...lists.byLabel.sort((a, b) => a.label.localeCompare(b.label)).map((s) => [label, ...kindLabel(s)]));
  await app.close();
  const notDone = outcomes.filter((o) => o.outcome !== 'done').length;
  const followups = await db.selectFrom('absence_followups').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('guardians_alerted').as('alerted')]).where('date', '=', DAY).executeTakeFirstOrThrow();
  const { n: notifications } = await db.selectFrom('notification_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('topic', '=', UNEXPLAINED_ABSENCE_TOPIC).executeTakeFirstOrThrow();

  // The floor: as many notification rows by one raw INSERT … SELECT into a copy of the outbox.
  await database.execScript('CREATE TABLE floor_outbox (LIKE notification_outbox INCLUDING ALL)');
  const t2 = performance.now();
  await sql`INSERT INTO floor_outbox (person_id, topic, subject_id, channel, category, confidential, due_at, created_at)
    SELECT gen_random_uuid(), ${UNEXPLAINED_ABSENCE_TOPIC}, gen_random_uuid(), (ARRAY['email', 'sms', 'push'])[1 + i % 3], 'urgent', false, now(), now()
    FROM generate_series(1, ${Number(notifications)}) i`.execute(db);
  const floorMs = performance.now() - t2;
  // For scale: the commits alone of one small transaction per school, as many at a time as the worker runs.
  const t3 = performance.now();
  await inParallel(outcomes, WORKER_CONCURRENCY, () => sql`INSERT INTO floor_outbox (person_id, topic, subject_id, channel, category, due_at)
    VALUES (gen_random_uuid(), ${UNEXPLAINED_ABSENCE_TOPIC}, gen_random_uuid(), 'email', 'urgent', now())`.execute(db));
  const commitsMs = performance.now() - t3;
  console.log(`${label}: morning check ${outcomes.length} jobs (${notDone} not done) in ${seconds(checkMs)} s: ${followups.n} follow-ups (expected ${UNREPORTED}), ${followups.alerted} guardians, ${notifications} notifications; floor ${seconds(floorMs)} s`);
  checkRows.push([label, outcomes.length, notDone, absentToday.size.toLocaleString('en'), `${Number(followups.n).toLocaleString('en')} (${UNREPORTED.toLocaleString('en')})`,
    Number(followups.alerted ?? 0).toLocaleString('en'), Number(notifications).toLocaleString('en'), seconds(checkMs), `${Math.round(checkMs / outcomes.length)} ms`,
    (floorMs / 1000).toFixed(3), `${Math.round(checkMs / floorMs)} ×`, seconds(commitsMs)]);
  const errors = rush.all.errors + kept.all.errors + lists.all.errors;
  if (Number(followups.n) !== UNREPORTED || notDone > 0 || errors > 0) {
    notes.push(`**${label}: the run did not do what was planned**: ${errors} errors (${JSON.stringify({ ...rush.failures, ...kept.failures, ...lists.failures })}), ${notDone} jobs not done, ${followups.n} follow-ups for ${UNREPORTED} unexplained absences.`);
    process.exitCode = 1;
  }
  notes.push(`${label}: the ${sessions.size.toLocaleString('en')} sessions were made beforehand with \`createSession\`, 10 at a time, in ${seconds(sessionMs)} s (${perSecond(sessions.size, sessionMs)}/s). 1-minute load average ${loadBefore.toFixed(1)} when the burst began (the bench itself, its PostgreSQL and anything else running on the ${os.cpus().length} cores).`);
});

writeSection({
  name: 'absence',
  title: 'The morning rush: absence reports, page loads, registers and the 09:00 check (issue 4)',
  command: `${STUDENTS === 100_000 ? '' : `BENCH_STUDENTS=${STUDENTS} `}${process.env.BENCH_PGLITE === '1' ? 'BENCH_PGLITE=1 ' : ''}npm run bench -- absence`,
  dataSize: `${STUDENTS.toLocaleString('en')}-student generated municipality (${m.schools.length} schools, ${m.guardianships.length.toLocaleString('en')} guardianships) on Monday ${DAY}, injected clock, with the term so far (${termSize}); ${CONNECTIONS} connections`,
  body: [
    `Burst at 07:30: ${REPORTS.toLocaleString('en')} \`POST /api/absence/reports\` (each from a different guardian with access, for their own child, with the session cookie and \`${CSRF_HEADER}\`) and ${PAGE_LOADS.toLocaleString('en')} guardian page loads (${VISITS.toLocaleString('en')} other guardians, each the GETs the web app makes when opened in the morning: \`/api/me\` and \`/api/auth/session\` (start), \`/api/me/children\` (home, report page), \`/api/inbox\`, and the child's absence page \`/api/students/:id/absence\` and \`…/absence/subjects\`), shuffled into one list and sent once each by a load client in a worker thread (\`bench/lib/load.ts\`), ${CONNECTIONS} at a time over keep-alive sockets; every latency is kept, so p99 is exact.`,
    `Of the reports, ${(ABSENT - UNREPORTED - LATE).toLocaleString('en')} are for whole days from today, ${LATE.toLocaleString('en')} "comes at 10:30", ${LEAVES_EARLY.toLocaleString('en')} "leaves at 12:00" and the rest for days ahead. At 08:15 each class's contact teacher saves the register (\`PUT /api/groups/:id/attendance\`): ${ABSENT.toLocaleString('en')} students (3 %) absent, ${UNREPORTED.toLocaleString('en')} of them (15 %) without a report.`,
    '',
    table(['database', 'phase', 'requests', 'duration (s)', 'req/s', 'errors', 'p50 (ms)', 'p99 (ms)', 'max (ms)'], burstRows),
    '',
    `Per kind of request (the burst, and at 09:05 the task lists of ${teachers.length.toLocaleString('en')} contact teachers and ${leaders.length.toLocaleString('en')} school leaders):`,
    '',
    table(['database', 'request', 'count', 'errors', 'p50 (ms)', 'p99 (ms)', 'max (ms)'], kindRows),
    '',
    `At 09:00 every school's \`absence.morning-check\` job (queued at 00:05 by \`planMorningChecks\`) is claimed and run by \`runDueJobs\` with the worker's concurrency (${WORKER_CONCURRENCY}): \`runMorningAbsenceCheck\` per school, each in its own transaction. Floor: as many notification rows written by one raw \`INSERT … SELECT … generate_series\` into a copy of \`notification_outbox\`. "Commits alone": one 1-row transaction per school, ${WORKER_CONCURRENCY} at a time, what a transaction per school costs before it does anything.`,
    '',
    table(['database', 'jobs', 'not done', 'absent', 'follow-ups (expected)', 'guardians alerted', 'notification rows', 'check run (s)', 'per school', 'floor (s)', 'run ÷ floor', 'commits alone (s)'], checkRows),
    '',
    ...notes,
  ].join('\n'),
});
