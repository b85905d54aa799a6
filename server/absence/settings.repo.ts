// The owner's absence and leave rules, its blackout periods, and each school's time for the morning check.
import type { Db } from './absence.repo';
import type { AbsenceTables } from './absence.tables';

export async function findOwnerRules(db: Db, ownerId: string) {
  return db.selectFrom('absence_rules').selectAll().where('owner_id', '=', ownerId).executeTakeFirst();
}

export async function findBlackouts(db: Db, ownerId: string) {
  return db.selectFrom('leave_blackouts').select(['id', 'school_id', 'starts_on', 'ends_on', 'label'])
    .where('owner_id', '=', ownerId).orderBy('starts_on').execute();
}

/** Every blackout of these owners, each school's and the owner-wide ones, by start. */
export async function findBlackoutsOfOwners(db: Db, ownerIds: string[]) {
  if (ownerIds.length === 0) return [];
  return db.selectFrom('leave_blackouts').select(['owner_id', 'school_id', 'label', 'starts_on', 'ends_on'])
    .where('owner_id', 'in', [...new Set(ownerIds)])
    .orderBy('starts_on').orderBy('ends_on').orderBy('label').execute();
}

/** The rule values, without who set them when. */
export type OwnerRulesRow = Omit<AbsenceTables['absence_rules'], 'owner_id' | 'updated_at' | 'updated_by'>;

/** Replaces the owner's rules and blackout list in one transaction (the caller's). */
export async function replaceOwnerRules(db: Db, ownerId: string, rules: OwnerRulesRow, blackouts: { school_id: string | null; starts_on: string; ends_on: string; label: string }[], by: string, at: Date) {
  await db.insertInto('absence_rules').values({ owner_id: ownerId, ...rules, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('owner_id').doUpdateSet({ ...rules, updated_at: at, updated_by: by }))
    .execute();
  await db.deleteFrom('leave_blackouts').where('owner_id', '=', ownerId).execute();
  if (blackouts.length > 0) await db.insertInto('leave_blackouts').values(blackouts.map((b) => ({ owner_id: ownerId, ...b }))).execute();
}

export async function findSchoolIdsOfOwner(db: Db, ownerId: string): Promise<string[]> {
  return (await db.selectFrom('schools').select('id').where('owner_id', '=', ownerId).execute()).map((r) => r.id);
}

export async function findCheckTime(db: Db, schoolId: string): Promise<string | undefined> {
  return (await db.selectFrom('absence_school_settings').select('check_time').where('school_id', '=', schoolId).executeTakeFirst())?.check_time;
}

/** Every school with its check time (null where the school keeps the default). */
export async function findAllCheckTimes(db: Db) {
  return db.selectFrom('schools as s').leftJoin('absence_school_settings as a', 'a.school_id', 's.id')
    .select(['s.id as school_id', 'a.check_time']).execute();
}

export async function upsertCheckTime(db: Db, schoolId: string, checkTime: string, by: string, at: Date) {
  await db.insertInto('absence_school_settings').values({ school_id: schoolId, check_time: checkTime, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('school_id').doUpdateSet({ check_time: checkTime, updated_at: at, updated_by: by }))
    .execute();
}
