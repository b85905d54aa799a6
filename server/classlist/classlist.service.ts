import type { Ctx } from '../core/context';
import type { ClassListResponse, SharedField } from '@shared/contracts/class-list';
import { AppError, notFound } from '../core/errors';
import * as repo from './classlist.repo';
import { canChooseClassListSharing, canReadClassList } from './classlist.policy';

export async function readClassList(ctx: Ctx, groupId: string): Promise<ClassListResponse> {
  const group = await repo.findClassGroup(ctx.db, groupId);
  const studentIds = group ? await repo.findStudentIdsInGroup(ctx.db, groupId) : [];
  if (!group || !canReadClassList(ctx.actor, group, studentIds)) throw notFound('class list');

  const rows = await repo.findSharedEntries(ctx.db, groupId);
  const entries = new Map<string, ClassListResponse['entries'][number]>();
  for (const r of rows) {
    const entry = entries.get(r.student_id) ?? { student: { givenName: r.student_given_name, familyName: r.student_family_name }, guardians: [] };
    const shows = (f: SharedField) => r.fields.includes(f);
    entry.guardians.push({
      givenName: r.given_name,
      familyName: r.family_name,
      phone: shows('phone') ? r.phone : null,
      email: shows('email') ? r.email : null,
      address: shows('address') && r.street_address ? `${r.street_address}, ${r.postal_code ?? ''} ${r.city ?? ''}`.trim() : null,
    });
    entries.set(r.student_id, entry);
  }
  return { group: { id: group.id, name: group.name }, entries: [...entries.values()] };
}

export async function readMySharing(ctx: Ctx, studentId: string) {
  if (!canChooseClassListSharing(ctx.actor, studentId)) throw notFound('child');
  const [row, protectedFamily] = await Promise.all([repo.findSharing(ctx.db, ctx.actor.personId, studentId), repo.isFamilyProtected(ctx.db, studentId)]);
  return { fields: (protectedFamily ? [] : (row?.fields ?? [])) as SharedField[], allowed: !protectedFamily };
}

export async function chooseMySharing(ctx: Ctx, studentId: string, fields: SharedField[]) {
  if (!canChooseClassListSharing(ctx.actor, studentId)) throw notFound('child');
  if (fields.length > 0 && (await repo.isFamilyProtected(ctx.db, studentId))) {
    // Domain 9.8: a protected family stays off class lists, also by name, even if they would like to be on it.
    throw new AppError('protected_family', 'This family has a protected address and cannot be shown on class lists');
  }
  const unique = [...new Set(fields)];
  await repo.upsertSharing(ctx.db, { guardianId: ctx.actor.personId, studentId, fields: unique, at: ctx.clock.now() });
  return { fields: unique, allowed: true };
}
