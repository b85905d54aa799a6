// The school accepts documentation for a student's absence (3.11), or withdraws it; the per-subject view counts
// it. Only a category is kept, never a diagnosis; every change is in the history (3.5).
import type { Ctx } from '../core/context';
import type { DocumentAbsenceRequest } from '@shared/contracts/absence';
import { AppError, notFound } from '../core/errors';
import { osloDate } from '@shared/dates';
import { findStudentPlace, insertHistory } from './absence.repo';
import { canDocumentAbsenceOf } from './absence.policy';
import * as repo from './documentation.repo';
import { subjectAbsence } from './overview.service';

export async function documentAbsence(ctx: Ctx, studentId: string, input: DocumentAbsenceRequest) {
  const now = ctx.clock.now();
  const place = await findStudentPlace(ctx.db, studentId, osloDate(now));
  if (!place || !canDocumentAbsenceOf(ctx.actor, place)) throw notFound('student');
  await ctx.db.transaction().execute(async (tx) => {
    const row = await repo.insertDocumentation(tx, { studentId, schoolId: place.schoolId, ...input, by: ctx.actor.personId, at: now });
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId, recordType: 'documentation', recordId: row.id, action: 'accepted', after: row }]);
  });
  return subjectAbsence(ctx, studentId, {});
}

export async function withdrawDocumentation(ctx: Ctx, documentationId: string) {
  const now = ctx.clock.now();
  const doc = await repo.findDocumentation(ctx.db, documentationId);
  const place = doc && (await findStudentPlace(ctx.db, doc.student_id, osloDate(now)));
  if (!doc || !place || !canDocumentAbsenceOf(ctx.actor, place)) throw notFound('documentation');
  if (doc.withdrawn_at) throw new AppError('already_changed', 'This documentation is already withdrawn');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.markWithdrawn(tx, doc.id, ctx.actor.personId, now);
    await insertHistory(tx, now, [{ actorId: ctx.actor.personId, studentId: doc.student_id, recordType: 'documentation', recordId: doc.id, action: 'withdrawn', before: doc }]);
  });
  return subjectAbsence(ctx, doc.student_id, {});
}
