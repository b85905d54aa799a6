// Tells in-process caches which tables this process may have just changed: the actor cache
// (access/actor-cache.ts) must never serve relations older than a write it could have seen.
import type { DatabaseConnection, Dialect, Driver } from 'kysely';

/** A statement that may have changed rows of `table` ('*' when the statement does not say, e.g. a script). */
export interface TableWrite {
  verb: 'insert' | 'update' | 'delete' | 'other';
  table: string;
}

export type WriteListener = (writes: readonly TableWrite[]) => void;

const READS = /^\s*(select|begin|start\s+transaction|commit|rollback|savepoint|release|set|show|explain)\b/i;
// Not the `update` of a locking read (FOR [NO KEY] UPDATE) or of an upsert (DO UPDATE SET: its INSERT names the
// table). Anything else that looks like a write is reported: too much is safe, too little is not.
const WRITE = /\b(insert\s+into|(?<!\b(?:for|key|do)\s+)update|delete\s+from|merge\s+into|truncate(?:\s+table)?)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

const verbOf = (keyword: string): TableWrite['verb'] => {
  const word = keyword.slice(0, 6).toLowerCase();
  return word === 'insert' || word === 'update' || word === 'delete' ? word : 'other';
};

/**
 * The tables a statement may write, from its text. A statement that is not a plain read and names no table
 * (DDL, DO blocks, scripts) is reported as '*'. Writes done by a function called from a SELECT would not be
 * seen: Tillit's SQL functions (guardian_access) only read.
 */
export function writesOf(text: string): TableWrite[] {
  const writes = [...text.matchAll(WRITE)].map(([, verb, table]): TableWrite => ({ verb: verbOf(verb!), table: table!.toLowerCase() }));
  if (writes.length === 0 && !READS.test(text)) return [{ verb: 'other', table: '*' }];
  return writes;
}

// Kysely sends values as parameters, so a process runs few distinct texts: each is read once, not on every run
// (the inbox statement is a few kB of SQL). Bounded: past the limit a text is read each time, as before.
const MAX_KNOWN_TEXTS = 1000;
const known = new Map<string, TableWrite[]>();
function knownWritesOf(text: string): TableWrite[] {
  let writes = known.get(text);
  if (!writes) {
    writes = writesOf(text);
    if (known.size < MAX_KNOWN_TEXTS) known.set(text, writes);
  }
  return writes;
}

/**
 * Wraps a dialect so that `report` hears of every statement that may have written, right after it ran and
 * before its caller continues, and again when the transaction it ran in ends: until the commit, other
 * connections still read the old rows, so a cache filled in between must be emptied once more.
 */
export function reportingWrites(dialect: Dialect, report: WriteListener): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => reportingDriver(dialect.createDriver(), report),
  };
}

function reportingDriver(driver: Driver, report: WriteListener): Driver {
  const watched = new WeakSet<DatabaseConnection>();
  // The writes of each connection's open transaction, reported again when it ends.
  const open = new WeakMap<DatabaseConnection, TableWrite[]>();
  const watch = (connection: DatabaseConnection): DatabaseConnection => {
    if (watched.has(connection)) return connection;
    watched.add(connection);
    // Patched in place: the drivers keep private state on the connection object itself.
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = async (query, options) => {
      const writes = knownWritesOf(query.sql);
      try {
        return await execute(query, options);
      } finally {
        if (writes.length > 0) {
          open.get(connection)?.push(...writes);
          report(writes);
        }
      }
    };
    return connection;
  };
  const ending = async (connection: DatabaseConnection, end: Promise<void>): Promise<void> => {
    try {
      await end;
    } finally {
      const writes = open.get(connection);
      open.delete(connection);
      if (writes?.length) report(writes);
    }
  };
  return {
    init: (options) => driver.init(options),
    acquireConnection: async (options) => watch(await driver.acquireConnection(options)),
    beginTransaction: async (connection, settings) => {
      await driver.beginTransaction(connection, settings);
      open.set(connection, []);
    },
    commitTransaction: (connection) => ending(connection, driver.commitTransaction(connection)),
    rollbackTransaction: (connection) => ending(connection, driver.rollbackTransaction(connection)),
    ...(driver.savepoint && { savepoint: driver.savepoint.bind(driver) }),
    ...(driver.rollbackToSavepoint && { rollbackToSavepoint: driver.rollbackToSavepoint.bind(driver) }),
    ...(driver.releaseSavepoint && { releaseSavepoint: driver.releaseSavepoint.bind(driver) }),
    releaseConnection: (connection, options) => driver.releaseConnection(connection, options),
    destroy: (options) => driver.destroy(options),
  };
}
