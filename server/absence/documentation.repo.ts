// SQL for the documentation the school accepts for absence (3.11): a category and a span, never a diagnosis.
import type { Db } from './absence.repo';
import type { DocumentationCategory } from './absence.tables';

export async function insertDocumentation(db: Db, d: { studentId: string; schoolId: string; fromDate: string; toDate: string; category: DocumentationCategory; by: string; at: Date }) {
  return db.insertInto('absence_documentation')
    .values({ student_id: d.studentId, school_id: d.schoolId, from_date: d.fromDate, to_date: d.toDate, category: d.category, accepted_by: d.by, accepted_at: d.at })
    .returning(['id', 'student_id', 'school_id', 'from_date', 'to_date', 'category', 'accepted_by', 'accepted_at'])
    .executeTakeFirstOrThrow();
}

export async function findDocumentation(db: Db, id: string) {
  return db.selectFrom('absence_documentation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The documentation in force for students over a span (withdrawn documentation left out). */
export async function findDocumentationOf(db: Db, studentIds: string[], from: string, to: string) {
  if (studentIds.length === 0) return [];
  return db.selectFrom('absence_documentation')
    .select(['id', 'student_id', 'from_date', 'to_date', 'category', 'accepted_by', 'accepted_at'])
    .where('student_id', 'in', studentIds).where('withdrawn_at', 'is', null)
    .where('from_date', '<=', to).where('to_date', '>=', from)
    .orderBy('from_date')
    .execute();
}

export async function markWithdrawn(db: Db, id: string, by: string, at: Date) {
  await db.updateTable('absence_documentation').set({ withdrawn_by: by, withdrawn_at: at }).where('id', '=', id).where('withdrawn_at', 'is', null).execute();
}
