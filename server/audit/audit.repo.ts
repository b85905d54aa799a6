import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
}

/** Domain 9.2: reads of sensitive records are logged. One statement for any number of entries. */
export async function insertAuditEntries(db: Kysely<DB>, entries: AuditEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(entries.map((e) => ({
      at,
      actor_user_id: e.actorUserId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      details: JSON.stringify(e.details ?? {}),
    })))
    .execute();
}

export async function findAuditEntries(db: Kysely<DB>, filter: { subjectId?: string; action?: string }) {
  let q = db.selectFrom('audit_log').select(['actor_user_id', 'action', 'subject_type', 'subject_id', 'details', 'at']).orderBy('at');
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.action) q = q.where('action', '=', filter.action);
  return q.execute();
}
