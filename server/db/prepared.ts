// Statements parsed and planned once, not on every run. Both drivers send each query unnamed, so PostgreSQL
// parses, analyses and plans it anew every time: for the queries every request runs (the inbox, the actor when
// not cached) that was most of their cost (bench/RESULTS.md, inbox). A named statement is parsed once per
// connection, and PostgreSQL may keep its plan (it plans the first five runs for their parameters, then uses a
// generic plan only where that is no dearer, and re-plans by itself when a table it uses changes).
import { protocol, parse, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';
import { CompiledQuery, type Compilable, type Kysely, type PGliteDialectConfig, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';

/**
 * What a connection keeps is bounded: a kept statement with its plan is a few kB to ~150 kB (the actor query)
 * of the server's memory, per connection. So a text is named only once it has run a few times (the per-request
 * queries do at once; a page used now and then, or a list of some rare length, stays unnamed), and at most
 * MAX_NAMED_STATEMENTS texts are.
 */
const MAX_NAMED_STATEMENTS = 200;
const RUNS_BEFORE_NAMING = 3;

// Only DML: scripts and DDL keep the unnamed path.
const DML = /^\s*(select|insert|update|delete|with)\b/i;

/** A name per SQL text that keeps coming back (Kysely sends every value as a parameter, so the texts are few). */
function statementNames() {
  const names = new Map<string, string>();
  const runs = new Map<string, number>();
  let next = 0;
  return {
    nameOf(text: string): string | undefined {
      const name = names.get(text);
      if (name !== undefined || names.size >= MAX_NAMED_STATEMENTS || !DML.test(text)) return name;
      const seen = (runs.get(text) ?? 0) + 1;
      if (seen < RUNS_BEFORE_NAMING) {
        // Counting is bounded too: texts seen once or twice are forgotten when many have piled up.
        if (runs.size >= 10 * MAX_NAMED_STATEMENTS) runs.clear();
        runs.set(text, seen);
        return undefined;
      }
      runs.delete(text);
      const named = `tillit_${next++}`;
      names.set(text, named);
      return named;
    },
    /** The kept statement is no longer valid: next time the text is parsed afresh under a new name. */
    forget(text: string): void {
      names.delete(text);
    },
  };
}

/** A table changed shape under a kept plan ("cached plan must not change result type"): only a new Parse helps. */
const isOutdatedPlan = (err: unknown): boolean => (err as { code?: string }).code === '0A000';

/** node-postgres: each pooled connection prepares a text the first time it runs it under its name. */
export function preparingStatements(pool: pg.Pool): PostgresPool {
  const names = statementNames();
  // One wrapper per pooled connection: Kysely keeps its connection state per client object.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const query = async (client: pg.PoolClient, text: string, values: unknown[]) => {
    const name = names.nameOf(text);
    try {
      return await client.query({ name, text, values });
    } catch (err) {
      // A failed Parse is not kept by node-postgres, so only an outdated plan needs a new name (the old one stays unused).
      if (name && isOutdatedPlan(err)) names.forget(text);
      throw err;
    }
  };
  // Kysely calls query(sql, parameters) only: the cursor form is for streaming, which no dialect config here enables.
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((text: string, values: unknown[]) => query(client, text, values)) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    Client: pg.Client,
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) wrappers.set(client, (wrapper = wrap(client)));
      return wrapper;
    },
    end: () => pool.end(),
  };
}

type KyselyPglite = Extract<PGliteDialectConfig['pglite'], { query: unknown }>;

const joined = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/**
 * PGlite: its query() sends Parse, Describe, Bind, Describe, Execute and Sync one call at a time into the one
 * backend; here a text is parsed once under a name, and each run is a single Bind + Describe + Execute + Sync.
 * Only statements outside a transaction take this path (a transaction's statements use PGlite's own), under
 * the same two locks query() takes, so nothing runs inside someone else's transaction. The locks are PGlite's
 * internal _runExclusive… methods: check them when upgrading PGlite (0.5.16); every API test runs through here.
 */
export function preparingPglite(pglite: PGlite): KyselyPglite {
  const names = statementNames();
  const paramTypes = new Map<string, number[]>();
  const { serialize } = protocol;
  const run = <T>(name: string, text: string, params: unknown[], options?: QueryOptions) =>
    pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(async () => {
      let types = paramTypes.get(name);
      if (!types) {
        const described = await pglite.execProtocolStream(joined([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
        types = parse.parseDescribeStatementResults(described);
        paramTypes.set(name, types);
      }
      // Serialized as PGlite's own query() does, by the parameter's type.
      const values = params.map((p, i) => (p === null || p === undefined ? null : (pglite.serializers[types[i]!] ?? String)(p)));
      const messages = await pglite.execProtocolStream(joined([serialize.bind({ statement: name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
      await pglite.syncToFs();
      return parse.parseResults(messages, pglite.parsers, options)[0] as Results<T>;
    }));
  return {
    close: () => pglite.close(),
    get closed() { return pglite.closed; },
    get ready() { return pglite.ready; },
    waitReady: pglite.waitReady,
    transaction: (callback) => pglite.transaction(callback),
    async query<T>(text: string, params: unknown[] = [], options?: QueryOptions) {
      const name = names.nameOf(text);
      if (!name) return pglite.query<T>(text, params, options);
      try {
        return await run<T>(name, text, params, options);
      } catch (err) {
        // A failed Parse creates nothing (the same name is parsed again next time); an outdated plan needs a new one.
        if (isOutdatedPlan(err)) {
          paramTypes.delete(name);
          names.forget(text);
        }
        throw err;
      }
    },
  };
}

/**
 * A query built once. Kysely's builder costs a request about as much CPU as the database spends on a small
 * prepared query, and a per-request query has one shape. `build` runs once, with a marker in place of each
 * argument; every call then sends the SQL text compiled that time, each argument where its marker was.
 * Arguments must be single values: a list (`in`) is compiled for its length, which differs from call to call.
 */
export function builtOnce<D, A extends unknown[], R>(build: (db: Kysely<D>, ...args: A) => Compilable<R>) {
  let compiled: { sql: string; slots: ({ arg: number } | { value: unknown })[] } | undefined;
  return async (db: Kysely<D>, ...args: A): Promise<R[]> => {
    if (args.some(Array.isArray)) throw new Error('builtOnce: arguments must be single values, not lists');
    if (!compiled) {
      const markers = args.map((_, i) => `\u0000builtOnce:${i}`);
      const query = build(db, ...(markers as A)).compile();
      const slots = query.parameters.map((p) => (markers.includes(p as string) ? { arg: markers.indexOf(p as string) } : { value: p }));
      if (markers.some((_, i) => !slots.some((s) => 'arg' in s && s.arg === i))) throw new Error(`builtOnce: an argument did not become a parameter of ${query.sql}`);
      compiled = { sql: query.sql, slots };
    }
    const { slots } = compiled;
    return (await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, slots.map((s) => ('arg' in s ? args[s.arg] : s.value))))).rows;
  };
}
