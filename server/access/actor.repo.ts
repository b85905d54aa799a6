import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Actor, GuardianLink } from './actor';
import { isAdultOn } from '@shared/dates';

/** Loads the actor for a user with every relation that may grant access, evaluated at `now`. */
export async function findActorByUserId(db: Kysely<DB>, userId: string, now: Date): Promise<Actor | undefined> {
  const person = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.person_id')
    .select(['users.id as userId', 'users.locale', 'persons.id as personId', 'persons.given_name', 'persons.family_name', 'persons.address_protection'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!person) return undefined;

  const [staff, guardianships, ownerAdmin] = await Promise.all([
    db
      .selectFrom('staff_roles')
      .select(['school_id', 'role', 'group_id', 'designated_for_protected'])
      .where('person_id', '=', person.personId)
      .execute(),
    db
      .selectFrom('guardianships as g')
      .innerJoin('students as s', 's.person_id', 'g.student_id')
      .innerJoin('persons as p', 'p.id', 'g.student_id')
      .innerJoin('schools as sc', 'sc.id', 's.school_id')
      .innerJoin('school_owners as o', 'o.id', 'sc.owner_id')
      .select([
        'g.student_id', 's.school_id', 'g.parental_responsibility', 'g.lives_with', 'g.situation_confirmed',
        'p.birth_date', 'o.residence_parent_only_until_confirmed',
      ])
      .where('g.guardian_id', '=', person.personId)
      .execute(),
    db.selectFrom('owner_admins').select('owner_id').where('person_id', '=', person.personId).execute(),
  ]);

  const guardianOf: GuardianLink[] = guardianships.map((g) => {
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
    userId: person.userId,
    personId: person.personId,
    givenName: person.given_name,
    familyName: person.family_name,
    locale: person.locale,
    addressProtection: person.address_protection,
    staff: staff.map((s) => ({ schoolId: s.school_id, role: s.role, groupId: s.group_id, designatedForProtected: s.designated_for_protected })),
    guardianOf,
    ownerAdminOf: ownerAdmin.map((o) => o.owner_id),
  };
}
