// The actor cache trusts these reports to hear of every change to the relations it keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database';
import { writesOf, type TableWrite } from './writes';

describe('reading the tables a statement writes from its text', () => {
  it('finds no write in reads, transaction commands and locking reads', () => {
    for (const text of [
      'select "u"."id" from "users" as "u" where "u"."id" = $1',
      'SELECT 1',
      'begin', 'commit', 'rollback', 'savepoint sp1', 'release sp1',
      'select "id" from "jobs" where "run_at" <= $1 for update skip locked',
      'SELECT id FROM announcements WHERE id = $1 FOR NO KEY UPDATE',
    ]) expect(writesOf(text), text).toEqual([]);
  });

  it('names the table of each insert, update and delete, as Kysely writes them and as raw SQL', () => {
    expect(writesOf('insert into "sessions" ("token_hash") values ($1)')).toEqual([{ verb: 'insert', table: 'sessions' }]);
    expect(writesOf('update "guardianships" set "situation_confirmed" = $1 where "student_id" = $2')).toEqual([{ verb: 'update', table: 'guardianships' }]);
    expect(writesOf('delete from "sessions" where "token_hash" = $1')).toEqual([{ verb: 'delete', table: 'sessions' }]);
    expect(writesOf('\n    INSERT INTO announcement_recipients (announcement_id) SELECT $1 ON CONFLICT (x) DO UPDATE SET read_at = NULL'))
      .toEqual([{ verb: 'insert', table: 'announcement_recipients' }]);
    expect(writesOf('WITH gone AS (DELETE FROM owner_admins WHERE person_id = $1 RETURNING owner_id) UPDATE persons SET email = NULL'))
      .toEqual([{ verb: 'delete', table: 'owner_admins' }, { verb: 'update', table: 'persons' }]);
  });

  it('takes a statement it cannot read (DDL, a DO block) as a write of anything', () => {
    expect(writesOf('ALTER TABLE persons ADD COLUMN x int')).toEqual([{ verb: 'other', table: '*' }]);
    expect(writesOf('DO $$ BEGIN PERFORM 1; END $$')).toEqual([{ verb: 'other', table: '*' }]);
  });
});

describe('hearing of writes through the database', () => {
  let database: Database;
  const heard: TableWrite[][] = [];
  beforeAll(async () => {
    database = await openDatabase({ inMemory: true });
    await database.execScript('CREATE TABLE notes (id int PRIMARY KEY, body text)');
    database.onWrite((w) => heard.push([...w]));
  });
  afterAll(async () => { await database.close(); });

  it('hears a write when it has run, and again when its transaction ends, committed or rolled back', async () => {
    heard.length = 0;
    await sql`INSERT INTO notes (id, body) VALUES (1, 'a')`.execute(database.db);
    expect(heard).toEqual([[{ verb: 'insert', table: 'notes' }]]);

    heard.length = 0;
    await database.db.transaction().execute(async (tx) => {
      await sql`UPDATE notes SET body = 'b' WHERE id = 1`.execute(tx);
      expect(heard).toEqual([[{ verb: 'update', table: 'notes' }]]);
    });
    expect(heard).toEqual([[{ verb: 'update', table: 'notes' }], [{ verb: 'update', table: 'notes' }]]);

    heard.length = 0;
    await expect(database.db.transaction().execute(async (tx) => {
      await sql`DELETE FROM notes WHERE id = 1`.execute(tx);
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    expect(heard).toEqual([[{ verb: 'delete', table: 'notes' }], [{ verb: 'delete', table: 'notes' }]]);
  });

  it('hears nothing of reads, and anything of a script', async () => {
    heard.length = 0;
    await sql`SELECT * FROM notes`.execute(database.db);
    expect(heard).toEqual([]);
    await database.execScript('UPDATE notes SET body = NULL; UPDATE notes SET body = $$c$$');
    expect(heard).toEqual([[{ verb: 'other', table: '*' }]]);
  });
});
