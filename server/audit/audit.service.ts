import type { Ctx } from '../core/context';
import { insertAuditEntries, type AuditEntry } from './audit.repo';

/** Records that the actor read something sensitive. */
export async function auditReads(ctx: Ctx, entries: Omit<AuditEntry, 'actorUserId'>[]): Promise<void> {
  await insertAuditEntries(ctx.db, entries.map((e) => ({ ...e, actorUserId: ctx.actor.userId })), ctx.clock.now());
}

/** Records that the actor changed a setting that decides who has access (same log, its own name at the call). */
export const auditChanges = auditReads;
