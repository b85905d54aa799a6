import type { Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../db/schema';
import { builtOnce } from '../db/prepared';
import type { Actor, GuardianLink } from './actor';
import { isAdultOn } from '@shared/dates';

/**
 * The actor and every relation that may grant access, in ONE query: it runs on every request (unless the actor
 * cache has it), so it is the floor under every route (bench/RESULTS.md, inbox). Relations come back as JSON
 * arrays beside the person.
 */
function actorQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('persons as p', 'p.id', 'u.person_id')
    .select((eb) => [
      'u.id as user_id', 'u.locale', 'p.id as person_id', 'p.given_name', 'p.family_name', 'p.address_protection', 'p.preferred_language',
      jsonArrayFrom(eb.selectFrom('staff_roles as r').select(['r.school_id', 'r.role', 'r.group_id', 'r.designated_for_protected']).whereRef('r.person_id', '=', 'p.id')).as('staff'),
      jsonArrayFrom(
        eb.selectFrom('guardianships as g')
          .innerJoin('students as s', 's.person_id', 'g.student_id')
          .innerJoin('persons as sp', 'sp.id', 'g.student_id')
          .innerJoin('schools as sc', 'sc.id', 's.school_id')
          .innerJoin('school_owners as o', 'o.id', 'sc.owner_id')
          .select(['g.student_id', 's.school_id', 'g.parental_responsibility', 'g.lives_with', 'g.situation_confirmed', 'sp.birth_date', 'o.residence_parent_only_until_confirmed'])
          .whereRef('g.guardian_id', '=', 'p.id'),
      ).as('guardianships'),
      jsonArrayFrom(eb.selectFrom('owner_admins as oa').select('oa.owner_id').whereRef('oa.person_id', '=', 'p.id')).as('owner_admin'),
    ]);
}

/**
 * Every table actorQuery and the session lookup read. A write to any of them empties the actor cache
 * (actor-cache.ts), so a table added to the query must be added here.
 */
export const ACTOR_TABLES: readonly string[] = ['users', 'persons', 'sessions', 'staff_roles', 'guardianships', 'students', 'schools', 'school_owners', 'owner_admins'];

type ActorRow = NonNullable<Awaited<ReturnType<ReturnType<typeof actorQuery>['executeTakeFirst']>>>;

function toActor(row: ActorRow, now: Date): Actor {
  const guardianOf: GuardianLink[] = row.guardianships.map((g) => {
    let noAccessReason: GuardianLink['noAccessReason'] = null;
    if (!g.parental_responsibility) noAccessReason = 'no_parental_responsibility';
    else if (g.residence_parent_only_until_confirmed && !g.situation_confirmed && !g.lives_with) noAccessReason = 'residence_not_confirmed';
    // Consent from an adult student (domain 5.2) comes with its own module; until then access ends at 18.
    else if (isAdultOn(g.birth_date, now)) noAccessReason = 'student_adult';
    return {
      studentId: g.student_id,
      schoolId: g.school_id,
      parentalResponsibility: g.parental_responsibility,
      hasAccess: noAccessReason === null,
      noAccessReason,
    };
  });
  return {
    userId: row.user_id,
    personId: row.person_id,
    givenName: row.given_name,
    familyName: row.family_name,
    locale: row.locale,
    preferredLanguage: row.preferred_language,
    addressProtection: row.address_protection,
    staff: row.staff.map((s) => ({ schoolId: s.school_id, role: s.role, groupId: s.group_id, designatedForProtected: s.designated_for_protected })),
    guardianOf,
    ownerAdminOf: row.owner_admin.map((o) => o.owner_id),
  };
}

/** Loads the actor for a user with every relation that may grant access, evaluated at `now`. */
export async function findActorByUserId(db: Kysely<DB>, userId: string, now: Date): Promise<Actor | undefined> {
  const row = await actorQuery(db).where('u.id', '=', userId).executeTakeFirst();
  return row && toActor(row, now);
}

// Built once (db/prepared.ts): on a cache miss it is the request's first query.
const sessionQuery = builtOnce((db: Kysely<DB>, tokenHash: string, now: Date) => actorQuery(db)
  .innerJoin('sessions as se', 'se.user_id', 'u.id')
  .select(['se.token_hash', 'se.csrf_token', 'se.expires_at'])
  .where('se.token_hash', '=', tokenHash)
  .where('se.expires_at', '>', now));

/**
 * The live session behind a token hash, with its actor's relations as stored: the one query of a request whose
 * session the actor cache (actor-cache.ts) does not hold. sessionActorAt turns it into the session and actor.
 */
export async function findSessionRow(db: Kysely<DB>, tokenHash: string, now: Date) {
  return (await sessionQuery(db, tokenHash, now))[0];
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionRow>>>;

/**
 * What a session row means at `now`: nothing once the session has expired, else the session and the actor with
 * each relation's access evaluated at `now` (the 18th birthday comes at midnight, cached row or not).
 */
export function sessionActorAt(row: SessionRow, now: Date) {
  if (row.expires_at.getTime() <= now.getTime()) return undefined;
  return { session: { tokenHash: row.token_hash, csrfToken: row.csrf_token }, actor: toActor(row, now) };
}
