// Each person decides for themselves how Tillit may reach them; the policy is simply "your own settings".
import type { Ctx } from '../core/context';
import type { NotificationPreferences } from '@shared/contracts/notifications';
import * as repo from './notifications.repo';

export async function readMyPreferences(ctx: Ctx): Promise<NotificationPreferences> {
  const { prefs, settings } = await repo.findPreferences(ctx.db, ctx.actor.personId);
  return {
    categories: Object.fromEntries(prefs.map((p) => [p.category, p.mode])),
    quietFrom: settings?.quiet_from ?? 21,
    quietUntil: settings?.quiet_until ?? 7,
  };
}

export async function saveMyPreferences(ctx: Ctx, input: NotificationPreferences): Promise<NotificationPreferences> {
  await ctx.db.transaction().execute(async (tx) => {
    for (const [category, mode] of Object.entries(input.categories)) {
      if (mode) await repo.upsertPreference(tx, ctx.actor.personId, category as keyof NotificationPreferences['categories'], mode);
    }
    await repo.upsertQuietHours(tx, ctx.actor.personId, input.quietFrom, input.quietUntil);
  });
  return readMyPreferences(ctx);
}
