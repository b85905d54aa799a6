// The access matrix's vocabulary. Each module lists its rows in <module>.access.ts (exporting `accessCases`);
// server/access/access-matrix.test.ts runs them all and fails on any route no row covers.
import type { Session, TestApp } from '../test/harness';

/** The demo people (server/seed/demo.ts), each standing for a relation. */
export type Who = 'anonymous' | 'kari' | 'per' | 'sara' | 'ali' | 'ingrid' | 'nils' | 'ole' | 'marit' | 'anders' | 'tor' | 'hanne';

/**
 * Ids of what a module's rows need beyond the demo school (a conversation, an announcement with an attachment),
 * made through the API once, before any row runs, by the module's `accessSetup`: so a refusal is proven on a
 * thing that exists, not only on an id that does not.
 */
export type Made = Record<string, string>;
export type AccessSetup = (t: TestApp, sessionOf: (who: Who) => Session) => Promise<Made>;

export interface AccessCase {
  /** "METHOD /pattern" exactly as registered. */
  route: string;
  url: (t: TestApp, made: Made) => string;
  /** The request body, or a function of what the setups made. */
  body?: unknown;
  /** The status each person gets. Refusals (401/403/404) must carry an error body and no data. */
  expect: Partial<Record<Who, number>>;
}
