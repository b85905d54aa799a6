import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, DatabaseOpenError } from './database';
import { latestVersion, migrate, NewerDatabaseError } from './migrate';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tillit-db-'));
  dirs.push(d);
  return d;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('the embedded database', () => {
  it('keeps its data when Tillit is stopped and started again', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await first.db.insertInto('school_owners').values({ name: 'Vardø kommune', kind: 'kommune' }).execute();
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    expect((await migrate(second)).applied).toEqual([]);
    const owners = await second.db.selectFrom('school_owners').select('name').execute();
    expect(owners).toEqual([{ name: 'Vardø kommune' }]);
    await second.close();
  });

  it('refuses a data directory another running Tillit holds, with a message saying what to do', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(path.join(dir, 'tillit.lock'), String(other.pid));
      const attempt = openDatabase({ dataDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseOpenError);
      await expect(attempt).rejects.toThrow(/in use by another Tillit process/);
    } finally {
      other.kill();
    }
  });

  it('refuses a database written by a newer Tillit instead of guessing', async () => {
    const database = await openDatabase({ inMemory: true });
    await migrate(database);
    await database.db.insertInto('schema_migrations').values({ version: latestVersion() + 1, name: 'from_the_future' }).execute();
    await expect(migrate(database)).rejects.toBeInstanceOf(NewerDatabaseError);
    await expect(migrate(database)).rejects.toThrow(/newer version of Tillit/);
    await database.close();
  });

  it('applies a migration that arrives with a lower number than one already applied, and only once', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '0001_first.sql'), 'CREATE TABLE first_module (id int);');
    writeFileSync(path.join(dir, '0003_third.sql'), 'CREATE TABLE third_module (id int);');
    const database = await openDatabase({ inMemory: true });
    expect((await migrate(database, dir)).applied).toEqual([1, 3]);
    writeFileSync(path.join(dir, '0002_second.sql'), 'CREATE TABLE second_module (id int); INSERT INTO second_module VALUES (2);');
    expect(await migrate(database, dir)).toEqual({ from: 3, to: 3, applied: [2] });
    expect((await migrate(database, dir)).applied).toEqual([]);
    expect(await database.db.selectFrom('second_module' as 'persons').select('id').execute()).toEqual([{ id: 2 }]);
    await database.close();
  });

  it('fails with a plain message when a PostgreSQL server cannot be reached', async () => {
    await expect(openDatabase({ databaseUrl: 'postgres://tillit@127.0.0.1:1/none' })).rejects.toThrow(/Cannot reach the PostgreSQL server at postgres:\/\/…@127\.0\.0\.1:1/);
  });
});
