// A worker process for the fan-out crash test: sends the scheduled announcements that are due, then exits.
import { pino } from 'pino';
import { openDatabase } from '../../db/database';
import { systemClock } from '../../core/context';
import { sendDueAnnouncements } from '../announcements.service';

const { CRASH_DB_URL, CRASH_DATA_DIR } = process.env;
const database = await openDatabase(CRASH_DB_URL ? { databaseUrl: CRASH_DB_URL } : { dataDir: CRASH_DATA_DIR! });
console.log('fan-out starting');
const sent = await sendDueAnnouncements({ db: database.db, clock: systemClock, log: pino({ level: 'silent' }) });
console.log(`fan-out done: ${sent.length}`);
await database.close();
process.exit(0);
