// The guardian inbox: what opening the app shows first, the newest conversations and announcements.
import type { Ctx } from '../core/context';
import { findInboxOf } from './inbox.repo';
import { presentConversationList } from './conversations.service';
import { presentReceived } from './announcements.service';

/** Both first pages from one statement; each list keeps its own rule of what this actor may still read. */
export async function readInbox(ctx: Ctx, limit = 20) {
  const rows = await findInboxOf(ctx.db, ctx.actor.personId, limit);
  return { conversations: presentConversationList(ctx.actor, rows.conversations), announcements: presentReceived(ctx.actor, rows.announcements) };
}
