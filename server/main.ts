// Starts Tillit: configuration, database (migrated; a fresh embedded one gets the demo school), HTTP.
import { loadConfig, ConfigError } from './config';
import { openDatabase, DatabaseOpenError, type Database } from './db/database';
import { migrate, NewerDatabaseError } from './db/migrate';
import { buildApp } from './app';
import { systemClock } from './core/context';
import { seedDemoSchool } from './seed/demo';
import { pino } from 'pino';
import { startBackgroundWork } from './notifications/worker';
import { startBackgroundJobs } from './jobs/background';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const database: Database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { from, applied } = await migrate(database);
    if (applied.length) log.info({ applied }, 'database migrated');
    if (from === 0 && config.demo) {
      await seedDemoSchool({ db: database.db, log, clock: systemClock });
      log.info('demo school created');
    }
    const app = await buildApp({ database, config, clock: systemClock });
    const sys = { db: database.db, log: app.log, clock: systemClock };
    const background = startBackgroundWork(sys, config);
    const jobs = await startBackgroundJobs(sys);
    const stop = async (signal: string) => {
      log.info({ signal }, 'stopping');
      await Promise.all([background.stop(), jobs.stop()]);
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    log.info(`Tillit is running on ${config.publicUrl} (database: ${database.kind}${config.databaseUrl ? '' : ` in ${config.dataDir}`}${config.demo ? ', demo login on' : ''})`);
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}

main().catch((err: unknown) => {
  // Known start-up problems get a plain message; anything else is a bug and keeps its stack.
  if (err instanceof ConfigError || err instanceof DatabaseOpenError || err instanceof NewerDatabaseError) {
    console.error(`\n${err.message}\n`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`\nThe port is already in use. Stop the other program or set PORT to another number.\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
