// Sets a local account's password: npx tsx server/auth/accounts.cli.ts set-password <username> < password-file
// (the password is read from standard input, so it never appears in the shell history or process list).
import { pino } from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { systemClock } from '../core/context';
import { AppError } from '../core/errors';
import { setPassword } from './auth.service';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const [command, username] = process.argv.slice(2);
if (command !== 'set-password' || !username) {
  console.error('Usage: npx tsx server/auth/accounts.cli.ts set-password <username>   (password on standard input)');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(database);
  await setPassword({ db: database.db, clock: systemClock, log: pino({ level: 'warn' }) }, username, await readStdin());
  console.log(`Password set for ${username}.`);
} catch (err) {
  console.error(err instanceof AppError ? err.message : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
