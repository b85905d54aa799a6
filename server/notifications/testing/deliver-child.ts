// A worker process for the crash test: delivers the outbox by e-mail until nothing is due, then exits.
// The test kills it with SIGKILL part-way and starts it again.
import { pino } from 'pino';
import { openDatabase } from '../../db/database';
import { systemClock } from '../../core/context';
import { deliverDue } from '../notifications.service';
import { emailChannel } from '../channels';

const { CRASH_DB_URL, CRASH_DATA_DIR, CRASH_SMTP_PORT } = process.env;
const database = await openDatabase(CRASH_DB_URL ? { databaseUrl: CRASH_DB_URL } : { dataDir: CRASH_DATA_DIR! });
const sys = { db: database.db, clock: systemClock, log: pino({ level: 'silent' }) };
const email = emailChannel(`smtp://127.0.0.1:${CRASH_SMTP_PORT}`, 'Tillit <no-reply@tillit.test>');
const options = { emailAfterMinutes: 0, publicUrl: 'https://tillit.example.no', leaseMs: 1_500 };
for (;;) {
  const done = await deliverDue(sys, { email }, options, 20);
  if (done.length === 0) {
    const left = await database.db.selectFrom('notification_outbox').select('id').where('status', 'in', ['pending', 'sending']).limit(1).execute();
    if (left.length === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
}
await database.close();
// The pooled SMTP connections would keep the process alive.
process.exit(0);
