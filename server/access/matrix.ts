// The access matrix's vocabulary. Each module lists its rows in <module>.access.ts (exporting `accessCases`);
// server/access/access-matrix.test.ts runs them all and fails on any route no row covers.
import type { TestApp } from '../test/harness';

/** The demo people (server/seed/demo.ts), each standing for a relation. */
export type Who = 'anonymous' | 'kari' | 'per' | 'sara' | 'ali' | 'ingrid' | 'nils' | 'ole' | 'marit' | 'anders' | 'tor' | 'hanne';

export interface AccessCase {
  /** "METHOD /pattern" exactly as registered. */
  route: string;
  url: (t: TestApp) => string;
  body?: unknown;
  /** The status each person gets. Refusals (401/403/404) must carry an error body and no data. */
  expect: Partial<Record<Who, number>>;
}
