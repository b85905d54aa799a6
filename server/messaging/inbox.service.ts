// The guardian inbox: what opening the app shows first, the newest conversations and announcements.
//
// The app asks for it on every start and after every page change, and almost always nothing has changed. So the
// answer is kept per person, as the bytes that were sent, beside the stamp of the rows it was built from (read in
// the same statement, inbox.repo.ts) and the actor's links that decided what it leaves out. A request reads the
// stamp alone (one small statement) and sends the kept bytes while stamp and links are the same; anything else
// builds the page anew. The stamp is read from the database on every request, so a change made by any process,
// or directly in SQL, is seen by the next request: the kept page is never stale, only sometimes rebuilt.
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { InboxResponse } from '@shared/contracts/messaging';
import type { Ctx } from '../core/context';
import type { Actor } from '../access/actor';
import type { DB } from '../db/schema';
import { findInboxOf, findInboxStamp } from './inbox.repo';
import { presentConversationList } from './conversations.service';
import { presentReceived } from './announcements.service';

const PAGE = 20;
/** Kept pages per database, the least recently asked for going first: a full page is about 13 kB. */
const KEPT_INBOXES = 2_000;

// The route's own response contract, checked when a page is built rather than on each send.
const serialize = serializerCompiler({ schema: InboxResponse, method: 'GET', url: '/api/inbox' }) as (data: unknown) => string;

/**
 * A page as sent: the JSON bytes, and the same gzip-compressed for clients that accept it (every browser does),
 * made once on first asking and then kept with it: the bench's full page of 13,050 bytes goes as about 1,700
 * (bench/RESULTS.md). The page holds nothing its reader does not already have (no token or other secret beside
 * text someone else chose), so its compressed length gives nothing away (as in BREACH).
 */
export class InboxPage {
  #gzip: Buffer | undefined;
  constructor(readonly json: Buffer) {}
  get gzip(): Buffer {
    return (this.#gzip ??= gzipSync(this.json));
  }
}

type Kept = { stamp: string; links: string; page: InboxPage };
const keptByDatabase = new WeakMap<Kysely<DB>, Map<string, Kept>>();

/**
 * What of the actor the two lists' rules read (announcements.policy canReadAsRecipient, the closed threads of
 * presentConversationList): each link's student and access, which change with the 18th birthday or a court order
 * without any row of the inbox changing.
 */
const linksOf = (actor: Actor): string => actor.guardianOf.map((g) => `${g.studentId}:${g.hasAccess}:${g.noAccessReason}`).sort().join(',');

function present(actor: Actor, rows: Awaited<ReturnType<typeof findInboxOf>>) {
  return { conversations: presentConversationList(actor, rows.conversations), announcements: presentReceived(actor, rows.announcements) };
}

/**
 * The inbox built anew, as the JSON the route sends, with the stamp of what it was built from: both first pages
 * from one statement, each list with its own rule of what this actor may still read.
 */
export async function buildInboxJson(ctx: Ctx): Promise<{ stamp: string; body: Buffer }> {
  const rows = await findInboxOf(ctx.db, ctx.actor.personId, PAGE);
  return { stamp: rows.stamp, body: Buffer.from(serialize(present(ctx.actor, rows))) };
}

/** The inbox as the route sends it: the kept page while nothing it was built from has changed. */
export async function readInboxPage(ctx: Ctx): Promise<InboxPage> {
  const { actor, db } = ctx;
  let kept = keptByDatabase.get(db);
  if (!kept) keptByDatabase.set(db, (kept = new Map()));
  const links = linksOf(actor);
  const before = kept.get(actor.personId);
  if (before && before.links === links && before.stamp === (await findInboxStamp(db, actor.personId, PAGE))) {
    // Most recently used goes last (a Map keeps insertion order), unless a concurrent request has replaced it.
    if (kept.get(actor.personId) === before) {
      kept.delete(actor.personId);
      kept.set(actor.personId, before);
    }
    return before.page;
  }
  const built = await buildInboxJson(ctx);
  const page = new InboxPage(built.body);
  kept.delete(actor.personId);
  kept.set(actor.personId, { stamp: built.stamp, links, page });
  if (kept.size > KEPT_INBOXES) kept.delete(kept.keys().next().value!);
  return page;
}
