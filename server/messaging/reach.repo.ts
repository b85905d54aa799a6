import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../db/schema';

/**
 * Guardians with access to the group's students, with the channels Tillit can reach them on (a login; an e-mail
 * address and whether it bounced, email_bounces; a phone) and whether they have read anything since a date.
 */
export async function findGuardianReach(db: Kysely<DB>, groupId: string, onDate: string, since: Date) {
  return db
    .selectFrom('enrolments as e')
    .innerJoin(sql<{ guardian_id: string; student_id: string }>`guardian_access(${onDate}::date)`.as('ga'), 'ga.student_id', 'e.student_id')
    .innerJoin('persons as g', 'g.id', 'ga.guardian_id')
    .innerJoin('persons as s', 's.id', 'e.student_id')
    .leftJoin('users as u', 'u.person_id', 'g.id')
    .leftJoin('email_bounces as b', (j) => j.onRef('b.person_id', '=', 'g.id').on('b.address', '=', sql<string>`lower(g.email)`))
    .select([
      's.id as student_id', 's.given_name as student_given_name', 's.family_name as student_family_name',
      'g.id', 'g.given_name', 'g.family_name', 'g.preferred_language', 'g.interpreter_needed', 'g.email', 'g.phone', 'g.address_protection', 'u.id as user_id',
      'b.person_id as bounced',
      (eb) => eb.or([
        eb.exists(eb.selectFrom('announcement_recipients as r').select('r.person_id').whereRef('r.person_id', '=', 'g.id').where('r.read_at', '>=', since)),
        eb.exists(eb.selectFrom('conversation_participants as cp').select('cp.person_id').whereRef('cp.person_id', '=', 'g.id').where('cp.last_read_at', '>=', since)),
      ]).as('reached'),
    ])
    .where('e.group_id', '=', groupId)
    .orderBy('s.family_name')
    .orderBy('s.given_name')
    .orderBy('g.family_name')
    .orderBy('g.given_name')
    .execute();
}

/**
 * Per student of the group: when the school last said something positive to the family, and how many positive and
 * concerned things it said since a date, all counted from the same messages: the tone staff gave their messages in
 * conversations about the student, and positive announcements to chosen students with this one among them (news
 * about the child; a positive announcement to the whole class is not).
 */
export async function findToneCounts(db: Kysely<DB>, groupId: string, since: Date) {
  const { rows } = await sql<{ id: string; given_name: string; family_name: string; last_positive: Date | string | null; positives: number; concerns: number }>`
    SELECT s.id, s.given_name, s.family_name,
      max(t.at) FILTER (WHERE t.tone = 'positive') AS last_positive,
      (count(*) FILTER (WHERE t.tone = 'positive' AND t.at >= ${since}))::int AS positives,
      (count(*) FILTER (WHERE t.tone = 'concern' AND t.at >= ${since}))::int AS concerns
    FROM enrolments e
    JOIN persons s ON s.id = e.student_id
    LEFT JOIN LATERAL (
      SELECT m.created_at AS at, m.tone::text AS tone
      FROM conversations c
      JOIN conversation_messages m ON m.conversation_id = c.id
      JOIN conversation_participants cp ON cp.conversation_id = c.id AND cp.person_id = m.sender_id AND cp.kind = 'staff'
      WHERE c.student_id = s.id AND m.tone <> 'neutral'
      UNION ALL
      SELECT a.sent_at, 'positive'
      FROM announcements a
      WHERE a.category = 'positive' AND a.sent_at IS NOT NULL
        AND a.audience @> jsonb_build_object('type', 'students', 'studentIds', jsonb_build_array(s.id))
    ) t ON true
    WHERE e.group_id = ${groupId}
    GROUP BY s.id, s.given_name, s.family_name
    ORDER BY s.family_name, s.given_name`.execute(db);
  return rows;
}
