// Statements prepared once and queries built once must answer exactly what the unprepared path answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Generated, type Kysely } from 'kysely';
import { openDatabase, type Database } from './database';
import { builtOnce } from './prepared';

interface Notes { notes: { id: number; body: string | null; at: Generated<Date> } }
// A text is prepared from its third run on (prepared.ts): each case runs more often than that.
const RUNS = 5;

let database: Database;
let db: Kysely<Notes>;
beforeAll(async () => {
  database = await openDatabase({ inMemory: true });
  await database.execScript(`CREATE TABLE notes (id int PRIMARY KEY, body text, at timestamptz NOT NULL DEFAULT '2026-11-23T08:00:00Z');
    INSERT INTO notes (id, body) VALUES (1, 'en'), (2, NULL), (3, 'tre')`);
  db = database.db as unknown as Kysely<Notes>;
});
afterAll(async () => { await database.close(); });

describe('statements prepared once on the embedded database', () => {
  it('answers as PGlite itself does, run after run, with each run its own parameters', async () => {
    for (const id of [1, 2, 1, 2, 1, 3]) {
      const prepared = await db.selectFrom('notes').selectAll().where('id', '=', id).execute();
      const own = await database.pglite!.query('SELECT * FROM notes WHERE id = $1', [id]);
      expect(prepared).toEqual(own.rows);
    }
    expect((await db.selectFrom('notes').select('at').where('id', '=', 1).executeTakeFirstOrThrow()).at).toEqual(new Date('2026-11-23T08:00:00Z'));
    // The named path was taken: PostgreSQL holds the statement.
    const held = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'tillit%'`.execute(db);
    expect(held.rows.map((r) => r.statement)).toContain('select * from "notes" where "id" = $1');
  });

  it('keeps working after a statement fails, inside a transaction and out', async () => {
    for (let i = 0; i < RUNS; i++) {
      await expect(db.insertInto('notes').values({ id: 1, body: 'again' }).execute()).rejects.toMatchObject({ code: '23505' });
      await expect(sql`SELECT * FROM no_such_table`.execute(db)).rejects.toMatchObject({ code: '42P01' });
      expect(await db.selectFrom('notes').select('body').where('id', '=', 1).execute()).toEqual([{ body: 'en' }]);
    }
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('notes').set({ body: 'to' }).where('id', '=', 2).execute();
    });
    expect(await db.selectFrom('notes').select('body').orderBy('id').execute()).toEqual([{ body: 'en' }, { body: 'to' }, { body: 'tre' }]);
  });
});

describe('a query built once', () => {
  it('puts each call its own arguments where the builder put them, and keeps its constants', async () => {
    const between = builtOnce((k: Kysely<Notes>, from: number, to: number) =>
      k.selectFrom('notes').select('id').where('id', '>=', from).where('id', '<=', to).where('body', 'is not', null).orderBy('id'));
    expect(await between(db, 1, 2)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await between(db, 2, 3)).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('refuses a list argument, and an argument that did not become a parameter', async () => {
    const list = builtOnce((k: Kysely<Notes>, ids: number[]) => k.selectFrom('notes').select('id').where('id', 'in', ids));
    await expect(list(db, [1, 2])).rejects.toThrow(/single values/);
    const unused = builtOnce((k: Kysely<Notes>, _id: number) => k.selectFrom('notes').select('id'));
    await expect(unused(db, 1)).rejects.toThrow(/did not become a parameter/);
  });
});
