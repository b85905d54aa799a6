import type { Kysely, QueryCreator } from 'kysely';
import { sql } from 'kysely';
import type { AddressProtection, DB } from '../db/schema';

/**
 * The one definition of reach that the class view lists and the school view counts: a row per guardian with access
 * (guardian_access, on a date) and child of theirs enrolled in a group, with the channels Tillit can reach them on
 * and whether they have read anything since a date. A working channel is an app login, an e-mail address that has
 * not bounced (email_bounces) or a phone; reached is having read an announcement or a conversation.
 */
function guardianReachRows(db: QueryCreator<DB>, onDate: string, since: Date) {
  const hasLogin = sql<boolean>`(u.id IS NOT NULL)`;
  const hasEmail = sql<boolean>`(coalesce(g.email, '') <> '' AND b.person_id IS NULL)`;
  const hasPhone = sql<boolean>`(coalesce(g.phone, '') <> '')`;
  return db
    .selectFrom('enrolments as e')
    .innerJoin(sql<{ guardian_id: string; student_id: string }>`guardian_access(${onDate}::date)`.as('ga'), 'ga.student_id', 'e.student_id')
    .innerJoin('persons as g', 'g.id', 'ga.guardian_id')
    .leftJoin('users as u', 'u.person_id', 'g.id')
    .leftJoin('email_bounces as b', (j) => j.onRef('b.person_id', '=', 'g.id').on('b.address', '=', sql<string>`lower(g.email)`))
    .select([
      'e.group_id', 'e.student_id', 'g.id as guardian_id', 'g.preferred_language', 'g.interpreter_needed', 'g.address_protection',
      hasLogin.as('has_login'),
      hasEmail.as('has_email'),
      sql<boolean>`(coalesce(g.email, '') <> '' AND b.person_id IS NOT NULL)`.as('email_bounced'),
      hasPhone.as('has_phone'),
      sql<boolean>`(${hasLogin} OR ${hasEmail} OR ${hasPhone})`.as('has_channel'),
      (eb) => eb.or([
        eb.exists(eb.selectFrom('announcement_recipients as r').select('r.person_id').whereRef('r.person_id', '=', 'g.id').where('r.read_at', '>=', since)),
        eb.exists(eb.selectFrom('conversation_participants as cp').select('cp.person_id').whereRef('cp.person_id', '=', 'g.id').where('cp.last_read_at', '>=', since)),
      ]).as('reached'),
    ]);
}

/** The group's rows of guardianReachRows, with the names of the guardian and the child and the phone to call, to be listed. */
export async function findGuardianReach(db: Kysely<DB>, groupId: string, onDate: string, since: Date) {
  return guardianReachRows(db, onDate, since)
    .innerJoin('persons as s', 's.id', 'e.student_id')
    .select(['s.given_name as student_given_name', 's.family_name as student_family_name', 'g.given_name', 'g.family_name', 'g.phone'])
    .where('e.group_id', '=', groupId)
    .orderBy('s.family_name')
    .orderBy('s.given_name')
    .orderBy('g.family_name')
    .orderBy('g.given_name')
    .execute();
}

/** guardianReachRows of every group of a school. */
const schoolRows = (db: Kysely<DB>, schoolId: string, onDate: string, since: Date) =>
  guardianReachRows(db, onDate, since).innerJoin('groups as sg', 'sg.id', 'e.group_id').where('sg.school_id', '=', schoolId);

/** What the school view counts of one group, or (`id` null) of the whole school, each family and guardian once. */
export interface ReachCountRow {
  id: string | null;
  name: string | null;
  kind: 'class' | 'aks' | null;
  families: number;
  not_reached_families: number;
  no_channel_guardians: number;
}

/**
 * Per group of the school (classes and AKS groups, in the school page's order) and for the whole school, from
 * guardianReachRows in one statement: the families (children with a guardian with access), those of them none of
 * whose guardians was reached, and the guardians without a working channel, counted only where their channels are
 * shown to the reader (`channelsShownFor`: the address protections whose phone and e-mail the reader may see). A
 * child in a class and an AKS group, or a parent of children in two classes, counts once in the school's total.
 */
export async function countSchoolReach(db: Kysely<DB>, schoolId: string, onDate: string, since: Date, channelsShownFor: readonly AddressProtection[]) {
  const rows = schoolRows(db, schoolId, onDate, since);
  const shown = channelsShownFor.length > 0 ? sql<boolean>`f.address_protection IN (${sql.join(channelsShownFor)})` : sql<boolean>`false`;
  const { rows: counts } = await sql<ReachCountRow>`
    WITH r AS (${rows}),
    f AS (SELECT r.*, bool_or(r.reached) OVER (PARTITION BY r.student_id) AS family_reached FROM r)
    SELECT gr.id, gr.name, gr.kind,
      count(DISTINCT f.student_id)::int AS families,
      (count(DISTINCT f.student_id) FILTER (WHERE NOT f.family_reached))::int AS not_reached_families,
      (count(DISTINCT f.guardian_id) FILTER (WHERE NOT f.has_channel AND ${shown}))::int AS no_channel_guardians
    FROM groups gr
    LEFT JOIN f ON f.group_id = gr.id
    WHERE gr.school_id = ${schoolId}
    GROUP BY GROUPING SETS ((gr.id, gr.name, gr.kind, gr.level), ())
    ORDER BY GROUPING(gr.id), gr.kind, length(gr.level), gr.level, gr.name`.execute(db);
  return counts;
}

/**
 * Per group of the school and for the whole school (`group_id` null), the families with a guardian whose preferred
 * language is not one of `except`, by that language, and how many of them have such a guardian who needs an
 * interpreter. A family whose guardians prefer two languages counts under each.
 */
export async function countSchoolLanguages(db: Kysely<DB>, schoolId: string, onDate: string, since: Date, except: readonly string[]) {
  const rows = schoolRows(db, schoolId, onDate, since);
  const other = except.length > 0 ? sql<boolean>`r.preferred_language NOT IN (${sql.join(except)})` : sql<boolean>`true`;
  const { rows: counts } = await sql<{ group_id: string | null; language: string; families: number; need_interpreter: number }>`
    WITH r AS (${rows})
    SELECT r.group_id, r.preferred_language AS language,
      count(DISTINCT r.student_id)::int AS families,
      (count(DISTINCT r.student_id) FILTER (WHERE r.interpreter_needed))::int AS need_interpreter
    FROM r
    WHERE ${other}
    GROUP BY GROUPING SETS ((r.group_id, r.preferred_language), (r.preferred_language))
    ORDER BY r.preferred_language`.execute(db);
  return counts;
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
