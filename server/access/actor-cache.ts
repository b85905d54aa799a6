// A few seconds' memory of the actor behind each session, so most requests skip the actor query that every
// /api request otherwise pays before its route runs (bench/RESULTS.md, inbox).
//
// What it may serve: the relations as stored when the row was read, evaluated at each request's own time (the
// 18th birthday and session expiry are exact). Any write by this process to a table the actor is read from
// (ACTOR_TABLES) empties it, when the statement has run and again when its transaction ends, and so does a
// logout (it deletes the session row). A change made by ANOTHER process (a second server on the same
// PostgreSQL, the accounts CLI) is seen within ACTOR_CACHE_MS. PGlite has one process by construction.
import type { Database } from '../db/database';
import { ACTOR_TABLES, findSessionRow, sessionActorAt, type SessionRow } from './actor.repo';

/** How long a cached row may be served: the staleness a change by another process may have. */
export const ACTOR_CACHE_MS = 5_000;
/** Sessions kept at most (the oldest goes first): a few kB each. */
export const ACTOR_CACHE_ENTRIES = 10_000;

export interface ActorCache {
  /** The live session behind a token hash and its actor at `now`, as findSessionRow and sessionActorAt answer. */
  find(tokenHash: string, now: Date): Promise<ReturnType<typeof sessionActorAt>>;
  close(): void;
}

const touchesActors = (w: { verb: string; table: string }): boolean =>
  // A new session changes no one's actor (logins would empty the cache all morning); everything else may.
  (w.table === '*' || ACTOR_TABLES.includes(w.table)) && !(w.table === 'sessions' && w.verb === 'insert');

export function createActorCache(database: Database): ActorCache {
  const entries = new Map<string, { row: SessionRow; until: number }>();
  // Bumped by every relevant write: a row read while one happened is served to its request but not kept.
  let generation = 0;
  const unsubscribe = database.onWrite((writes) => {
    if (!writes.some(touchesActors)) return;
    generation++;
    entries.clear();
  });
  return {
    async find(tokenHash, now) {
      const hit = entries.get(tokenHash);
      if (hit && hit.until > performance.now()) return sessionActorAt(hit.row, now);
      if (hit) entries.delete(tokenHash);
      const seen = generation;
      const row = await findSessionRow(database.db, tokenHash, now);
      if (!row) return undefined;
      if (seen === generation) {
        if (entries.size >= ACTOR_CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(tokenHash, { row, until: performance.now() + ACTOR_CACHE_MS });
      }
      return sessionActorAt(row, now);
    },
    close: unsubscribe,
  };
}
