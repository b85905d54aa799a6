// How long it takes to seed a 100,000-student municipality, beside the floor: a raw INSERT … SELECT from
// generate_series of the same number of rows into tables of the same shape, in the same run.
import { sql } from 'kysely';
import { generateMunicipality } from '../server/seed/generator';
import { insertMunicipality, rowCounts } from '../server/seed/municipality.repo';
import { table, writeSection } from './lib/results';
import { perSecond, seconds, withEachDatabase } from './lib/databases';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 100_000);
const rows: (string | number)[][] = [];

const started = Date.now();
const m = generateMunicipality({ students: STUDENTS, seed: 2026, startYear: 2026 });
const generateMs = Date.now() - started;
const counts = rowCounts(m);
const total = Object.values(counts).reduce((a, b) => a + b, 0) + m.schoolYears.length + m.ownerAdmins.length + 1;
console.log(`generated ${total} rows in ${seconds(generateMs)} s`, counts);

await withEachDatabase(async ({ label, database }) => {
  const t0 = Date.now();
  await database.db.transaction().execute((tx) => insertMunicipality(tx, m));
  const seedMs = Date.now() - t0;

  // The floor: the same row counts, written by the database alone, into copies of the tables without foreign keys.
  await database.execScript(`
    CREATE TABLE floor_persons (LIKE persons INCLUDING DEFAULTS);
    CREATE TABLE floor_students (LIKE students);
    CREATE TABLE floor_enrolments (LIKE enrolments);
    CREATE TABLE floor_guardianships (LIKE guardianships INCLUDING DEFAULTS);`);
  const t1 = Date.now();
  await database.db.transaction().execute(async (tx) => {
    await sql`INSERT INTO floor_persons (id, given_name, family_name, birth_date, email, phone, street_address, postal_code, city)
      SELECT gen_random_uuid(), 'Navn' || i, 'Etternavn' || i, date '2015-01-01' + (i % 3000), 'p' || i || '@example.no', '+47 9' || i, 'Gate ' || i, '4000', 'By'
      FROM generate_series(1, ${counts.persons}) i`.execute(tx);
    await sql`INSERT INTO floor_students SELECT gen_random_uuid(), gen_random_uuid() FROM generate_series(1, ${counts.students})`.execute(tx);
    await sql`INSERT INTO floor_enrolments SELECT gen_random_uuid(), gen_random_uuid() FROM generate_series(1, ${counts.enrolments})`.execute(tx);
    await sql`INSERT INTO floor_guardianships (guardian_id, student_id, parental_responsibility) SELECT gen_random_uuid(), gen_random_uuid(), true FROM generate_series(1, ${counts.guardianships})`.execute(tx);
  });
  const floorMs = Date.now() - t1;
  const floorRows = counts.persons + counts.students + counts.enrolments + counts.guardianships;
  console.log(`${label}: seed ${seconds(seedMs)} s (${perSecond(total, seedMs)} rows/s); floor ${seconds(floorMs)} s for ${floorRows} rows`);
  rows.push([label, seconds(seedMs), perSecond(total, seedMs), seconds(floorMs), perSecond(floorRows, floorMs), `${(seedMs / floorMs).toFixed(2)} ×`]);
});

writeSection({
  name: 'seed',
  title: 'Seeding a municipality (issue 2)',
  command: 'npm run bench -- seed',
  dataSize: `${STUDENTS.toLocaleString('en')} students: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')} (${total.toLocaleString('en')} rows)`,
  body: [
    `Generating the rows in TypeScript: ${seconds(generateMs)} s. Writing them: one \`INSERT … SELECT FROM unnest(…)\` per table per 20,000 rows, in one transaction, with foreign keys and indexes in place.`,
    'The floor writes the four biggest tables\' row counts with `INSERT … SELECT … FROM generate_series` into copies of the tables without foreign keys or indexes: what the database itself needs to store that many rows.',
    '',
    table(['database', 'seed (s)', 'seed rows/s', 'floor (s)', 'floor rows/s', 'seed ÷ floor'], rows),
  ].join('\n'),
});
