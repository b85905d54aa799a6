// A rektor's list of leave applications (GET /api/leave, issue 4): every application of the school with its own
// checks (the year's other approved days, the blackouts it meets, who decides), beside a floor measured in turn in
// the same run: the same application rows read by one raw SQL statement with the same joins. BENCH_APPLICATIONS
// sets how many (default 1,000, over the demo school's students; a third approved, so the checks have days to
// count, and two blackouts of the owner).
import { sql } from 'kysely';
import { pino } from 'pino';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { systemClock } from '../server/core/context';
import { seedDemoSchool } from '../server/seed/demo';
import { table, writeSection } from './lib/results';
import { withEachDatabase } from './lib/databases';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => x.toFixed(1);

const rows: (string | number)[][] = [];
let students = 0;
await withEachDatabase(async ({ label, database }) => {
  const { db } = database;
  const demo = await seedDemoSchool({ db, log: pino({ level: 'silent' }), clock: systemClock });
  const school = (await db.selectFrom('students').select('school_id').where('person_id', '=', demo.people.emma).executeTakeFirstOrThrow()).school_id;
  const pupils = await db.selectFrom('students').select('person_id').where('school_id', '=', school).execute();
  students = pupils.length;
  const now = new Date();
  const applications = Array.from({ length: APPLICATIONS }, (_, i) => {
    // Spread over the spring term's school days (2027-01-04 … 2027-05-28), one or two days each.
    const day = new Date(Date.UTC(2027, 0, 4) + (i % 140) * 86_400_000).toISOString().slice(0, 10);
    return {
      student_id: pupils[i % pupils.length]!.person_id, school_id: school, applied_by: demo.people.kari, kind: 'ordinary' as const,
      from_date: day, to_date: day, school_days: 1 + (i % 2), reason: 'Familiebesøk', status: i % 3 === 0 ? 'approved' as const : 'pending' as const,
      created_at: now, updated_at: now,
    };
  });
  for (let i = 0; i < applications.length; i += 500) await db.insertInto('leave_applications').values(applications.slice(i, i + 500)).execute();
  await db.insertInto('leave_blackouts').values([
    { owner_id: demo.ownerId, school_id: null, starts_on: '2027-02-15', ends_on: '2027-02-19', label: 'Vinterferie' },
    { owner_id: demo.ownerId, school_id: school, starts_on: '2027-03-08', ends_on: '2027-03-10', label: 'Nasjonale prøver' },
  ]).execute();

  const app = await buildApp({ database, config: loadConfig({ TILLIT_DEMO: '1', LOG_LEVEL: 'silent', PORT: '0' }), clock: { now: () => new Date('2026-11-23T09:00:00Z') } }, { logger: false });
  const login = await app.inject({ method: 'POST', url: '/api/auth/demo', payload: { userId: demo.users.marit }, headers: { 'x-tillit-request': '1' } });
  const cookie = login.headers['set-cookie'];
  const cookieHeader = (Array.isArray(cookie) ? cookie : [cookie ?? '']).map((c) => c.split(';')[0]).join('; ');

  const list = async () => {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: '/api/leave', headers: { cookie: cookieHeader } });
    const took = performance.now() - started;
    const count = (res.json() as { applications: unknown[] }).applications.length;
    if (res.statusCode !== 200 || count !== APPLICATIONS) throw new Error(`GET /api/leave: ${res.statusCode}, ${count} applications`);
    return took;
  };
  // The floor: the rows the list is made from, with the names of student, applicant and decider, in one statement.
  const floor = async () => {
    const started = performance.now();
    const r = await sql`SELECT l.*, s.given_name, s.family_name, ab.given_name AS ab_given, ab.family_name AS ab_family, sc.name, d.*, db.given_name AS db_given
      FROM leave_applications l JOIN persons s ON s.id = l.student_id JOIN persons ab ON ab.id = l.applied_by JOIN schools sc ON sc.id = l.school_id
      LEFT JOIN leave_decisions d ON d.application_id = l.id LEFT JOIN persons db ON db.id = d.decided_by
      WHERE l.school_id = ${school} ORDER BY l.from_date, l.created_at`.execute(db);
    JSON.stringify(r.rows);
    return performance.now() - started;
  };
  await list();
  await floor();
  const lists: number[] = [];
  const floors: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await floor());
    lists.push(await list());
  }
  const [l, f] = [median(lists), median(floors)];
  console.log(`${label}: list ${lists.map(ms).join(', ')} ms; floor ${floors.map(ms).join(', ')} ms`);
  rows.push([label, APPLICATIONS.toLocaleString('en'), ms(l), ms(f), `${(l / f).toFixed(1)} ×`, `${((l - f) / APPLICATIONS * 1000).toFixed(0)} µs`]);
  await app.close();
});

const body = [
  table(['database', 'applications', 'GET /api/leave (ms, median)', 'floor (ms, median)', 'list ÷ floor', 'beyond the floor, per application'], rows),
  '',
  `The list is requested in the server's own process (\`app.inject\`, no socket), as the rektor, ${ROUNDS} times in turn with the floor; medians. The floor reads the same ${APPLICATIONS.toLocaleString('en')} application rows with the names joined in one raw SQL statement and serialises them. The list does that and, for every application, the owner's rules, the year's other approved days (itself left out) and the blackouts it meets, and who may decide it.`,
  'Before (2026-12-02, measured by hand, not by this benchmark: 300 applications on PGlite, the median of 9 requests): 708 ms, when the list read about seven statements per application (its student\'s place, rules, school year, approved days, blackouts). Since e94674c it reads the places of all its students at once and the checks from one read each of the school years, the approved ordinary leave and the blackouts (`leaveFacts` in `server/absence/leave.service.ts`): 82 ms.',
].join('\n');
console.log(body);
writeSection({
  name: 'leave',
  title: 'A rektor\'s list of leave applications (issue 4)',
  command: 'npm run bench -- leave',
  dataSize: `${APPLICATIONS.toLocaleString('en')} applications over the ${students} students of one demo school, a third approved, 2 blackouts`,
  body,
});
