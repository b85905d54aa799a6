// npm run seed -- [--students N] [--seed S] [--owner-name NAME]
// Generates a municipality into the configured database (TILLIT_DATA_DIR or DATABASE_URL). Stop a running
// Tillit on the same embedded data directory first: only one process may use it.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { generateMunicipality } from './generator';
import { insertMunicipality, rowCounts } from './municipality.repo';

const { values } = parseArgs({ options: { students: { type: 'string', default: '230' }, seed: { type: 'string', default: '1' }, 'owner-name': { type: 'string' } } });
const students = Number(values.students);
const seed = Number(values.seed);
if (!Number.isInteger(students) || students < 1 || students > 2_000_000 || !Number.isInteger(seed)) {
  console.error('Usage: npm run seed -- --students <1–2000000> [--seed <integer>] [--owner-name <name>]');
  process.exit(2);
}

try {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    const started = Date.now();
    const m = generateMunicipality({ students, seed, ownerName: values['owner-name'], startYear: new Date().getUTCMonth() >= 7 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1 });
    await database.db.transaction().execute((tx) => insertMunicipality(tx, m));
    // Fresh statistics, so the planner uses the indexes at once (PGlite runs no autovacuum).
    await database.execScript('ANALYZE');
    console.log(`Created "${m.owner.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s:`, rowCounts(m));
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
