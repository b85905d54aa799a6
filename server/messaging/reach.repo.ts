import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';

/** Guardians with access to the group's students, with the channels Tillit can reach them on and when they last read anything. */
export async function findGuardianReach(db: Kysely<DB>, groupId: string, onDate: string, since: Date) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin(sql<{ guardian_id: string; student_id: string }>`guardian_access(${onDate}::date)`.as('ga'), 'ga.student_id', 'e.student_id')
    .innerJoin('persons as g', 'g.id', 'ga.guardian_id')
    .innerJoin('persons as s', 's.id', 'e.student_id')
    .leftJoin('users as u', 'u.person_id', 'g.id')
    .select([
      's.id as student_id', 's.given_name as student_given_name', 's.family_name as student_family_name',
      'g.id', 'g.given_name', 'g.family_name', 'g.preferred_language', 'g.interpreter_needed', 'g.email', 'g.phone', 'u.id as user_id',
      (eb) => eb.or([
        eb.exists(eb.selectFrom('announcement_recipients as r').select('r.person_id').whereRef('r.person_id', '=', 'g.id').where('r.read_at', '>=', since)),
        eb.exists(eb.selectFrom('conversation_participants as cp').select('cp.person_id').whereRef('cp.person_id', '=', 'g.id').where('cp.last_read_at', '>=', since)),
      ]).as('reached'),
    ])
    .where('e.group_id', '=', groupId)
    .orderBy('s.family_name')
    .orderBy('s.given_name')
    .execute();
}

/** Per student of the group: the tone of what the school has said to the family since a date. */
export async function findToneCounts(db: Kysely<DB>, groupId: string, since: Date) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin('persons as s', 's.id', 'e.student_id')
    .select([
      's.id', 's.given_name', 's.family_name',
      (eb) => eb.selectFrom('conversation_messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select((x) => x.fn.max('m.created_at').as('t')).whereRef('c.student_id', '=', 's.id').where('m.tone', '=', 'positive').as('last_positive_message'),
      (eb) => eb.selectFrom('announcement_recipients as r').innerJoin('announcements as a', 'a.id', 'r.announcement_id')
        .select((x) => x.fn.max('a.sent_at').as('t')).whereRef('r.student_id', '=', 's.id').where('a.category', '=', 'positive').as('last_positive_announcement'),
      (eb) => eb.selectFrom('conversation_messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select(sql<number>`count(*)::int`.as('n')).whereRef('c.student_id', '=', 's.id').where('m.tone', '=', 'concern').where('m.created_at', '>=', since).as('concerns'),
      (eb) => eb.selectFrom('conversation_messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select(sql<number>`count(*)::int`.as('n')).whereRef('c.student_id', '=', 's.id').where('m.tone', '=', 'positive').where('m.created_at', '>=', since).as('positive_messages'),
      (eb) => eb.selectFrom('announcement_recipients as r').innerJoin('announcements as a', 'a.id', 'r.announcement_id')
        .select(sql<number>`count(DISTINCT a.id)::int`.as('n')).whereRef('r.student_id', '=', 's.id').where('a.category', '=', 'positive')
        .where('a.audience', '@>', sql<unknown>`'{"type":"students"}'::jsonb`).where('a.sent_at', '>=', since).as('positive_announcements'),
    ])
    .where('e.group_id', '=', groupId)
    .orderBy('s.family_name')
    .orderBy('s.given_name')
    .execute();
}
