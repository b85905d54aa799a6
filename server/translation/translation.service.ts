// Machine translation as an aid (domain 10.5): an announcement in a guardian's own language, a guardian's message in
// Norwegian for the school. Only on a reader's request, only for someone who may read the text, and each text is
// sent to the service once per language: the translation is kept (0017), keyed by a hash of the text as it was.
import { createHash } from 'node:crypto';
import type { Ctx } from '../core/context';
import { AppError, notFound } from '../core/errors';
import { isNorwegian, sameLanguage, type TranslationOffers, type TranslationView } from '@shared/contracts/translation';
import * as repo from './translation.repo';
import { mayMachineTranslateAnnouncement } from './translation.policy';
import { loadReadableAnnouncement } from '../messaging/announcements.service';
import { loadReadable } from '../messaging/conversations.participants';
import { TranslatorUnavailable, type ServiceLanguage, type Translator } from './translator';

/** The translation service of this Tillit, and what it knows of it; null in the context when none is configured. */
export interface TranslationDeps {
  translator: Translator;
  /** The service's languages: asked again every 10 minutes (an operator installs a model now and then). */
  languages(now: Date): Promise<ServiceLanguage[]>;
  /** Translations on their way, so two readers asking at once send the text once. */
  inflight: Map<string, Promise<Stored>>;
}

export type TranslationCtx = Ctx & { translation: TranslationDeps | null };

type Stored = NonNullable<Awaited<ReturnType<typeof repo.findTranslation>>>;

const LANGUAGES_FOR_MS = 10 * 60_000;

export function translationDeps(translator: Translator): TranslationDeps {
  let known: { at: number; list: ServiceLanguage[] } | undefined;
  let asking: Promise<ServiceLanguage[]> | undefined;
  return {
    translator,
    inflight: new Map(),
    async languages(now) {
      if (known && now.getTime() - known.at < LANGUAGES_FOR_MS) return known.list;
      asking ??= translator.languages().then((list) => {
        known = { at: now.getTime(), list };
        return list;
      }).finally(() => { asking = undefined; });
      try {
        return await asking;
      } catch (err) {
        // A service that knew its languages a while ago still knows them; it is asked again next time.
        if (known) return known.list;
        throw err;
      }
    },
  };
}

/** Who wrote a text, as far as its language goes: staff write Norwegian; a guardian's language is detected by the service. */
type Source = 'norwegian' | 'auto';

/** The service's own code for Norwegian (LibreTranslate: 'nb'), or undefined when it has none. */
const norwegianCode = (list: ServiceLanguage[]): string | undefined => ['nb', 'no', 'nn'].find((c) => list.some((l) => l.code === c));

/** The service's code for a language a person has registered: the same code, else the same language ('zh' → 'zh-Hans'). */
function serviceCode(code: string, list: ServiceLanguage[]): string | undefined {
  if (isNorwegian(code)) return norwegianCode(list);
  return list.find((l) => l.code === code)?.code ?? list.find((l) => sameLanguage(l.code, code))?.code;
}

/** Whether the service translates from `from` into `to` (service codes), a language into itself not counted. */
function offers(list: ServiceLanguage[], from: string, to: string): boolean {
  if (!list.some((l) => l.code === to)) return false;
  if (from === 'auto') return true;
  return !sameLanguage(from, to) && (list.find((l) => l.code === from)?.targets.includes(to) ?? false);
}

function unavailable(ctx: Ctx, err: unknown): AppError {
  if (!(err instanceof TranslatorUnavailable)) throw err;
  // What failed, for the operator; never the text.
  ctx.log.warn({ reason: err.reason, status: err.status, detail: err.message }, 'translation service unavailable');
  return new AppError('translation_unavailable', 'The translation service is not available right now');
}

function configured(ctx: TranslationCtx): TranslationDeps {
  if (!ctx.translation) throw new AppError('translation_off', 'Machine translation is not set up here');
  return ctx.translation;
}

async function languagesOf(ctx: Ctx, deps: TranslationDeps): Promise<ServiceLanguage[]> {
  try {
    return await deps.languages(ctx.clock.now());
  } catch (err) {
    throw unavailable(ctx, err);
  }
}

/**
 * The language to offer a reader for texts of this source, as the service names it; null when it offers none. When
 * the service cannot say which languages it has, the reader is offered their own: asking then says it is unavailable.
 */
async function offeredTarget(ctx: Ctx, deps: TranslationDeps, reader: string, source: Source): Promise<string | null> {
  let list: ServiceLanguage[];
  try {
    list = await languagesOf(ctx, deps);
  } catch (err) {
    if (err instanceof AppError && err.code === 'translation_unavailable') return reader;
    throw err;
  }
  const to = serviceCode(reader, list);
  const from = source === 'norwegian' ? norwegianCode(list) : 'auto';
  return to && from && offers(list, from, to) ? to : null;
}

interface Text {
  announcementId: string | null;
  messageId: string | null;
  source: Source;
  title: string | null;
  body: string;
}

const present = (t: Stored): TranslationView => ({
  language: t.language, sourceLanguage: t.source_language, title: t.title, body: t.body, provider: t.provider, translatedAt: t.created_at.toISOString(),
});

/** The kept translation of this text as it is now, or one made by the service now and kept. */
async function translate(ctx: Ctx, deps: TranslationDeps, text: Text, to: string): Promise<TranslationView> {
  const sourceSha256 = createHash('sha256').update(JSON.stringify([text.source, text.title, text.body])).digest('hex');
  const key: repo.TranslationKey = { announcementId: text.announcementId, messageId: text.messageId, sourceSha256, language: to };
  const kept = await repo.findTranslation(ctx.db, key);
  if (kept) return present(kept);
  const flight = `${text.announcementId ?? text.messageId}:${to}:${sourceSha256}`;
  let made = deps.inflight.get(flight);
  if (!made) {
    made = askService(ctx, deps, text, key).finally(() => deps.inflight.delete(flight));
    deps.inflight.set(flight, made);
  }
  return present(await made);
}

async function askService(ctx: Ctx, deps: TranslationDeps, text: Text, key: repo.TranslationKey): Promise<Stored> {
  const list = await languagesOf(ctx, deps);
  const from = text.source === 'norwegian' ? norwegianCode(list) : 'auto';
  if (!from || !offers(list, from, key.language)) throw new AppError('language_not_offered', `The translation service does not translate this into ${key.language}`);
  const texts = text.title === null ? [text.body] : [text.title, text.body];
  let result;
  try {
    result = await deps.translator.translate({ texts, source: from, target: key.language });
  } catch (err) {
    throw unavailable(ctx, err);
  }
  const [title, body] = text.title === null ? [null, result.texts[0]!] : [result.texts[0]!, result.texts[1]!];
  return repo.storeTranslation(ctx.db, key, { sourceLanguage: result.source, title, body, provider: deps.translator.provider, at: ctx.clock.now() });
}

// A translation shows nobody anything they could not read: the same loaders as the announcement view and the
// conversation, with their read checks.
const readableAnnouncement = async (ctx: Ctx, id: string) => (await loadReadableAnnouncement(ctx, id)).a;
const readableConversation = async (ctx: Ctx, id: string) => (await loadReadable(ctx, id)).participants;

const NOTHING: TranslationOffers = { offers: [], withheld: [] };

/** An announcement's title and text in `to`: staff wrote them in Norwegian. Refused for a confidential one. */
export async function translateAnnouncement(ctx: TranslationCtx, id: string, to: string): Promise<TranslationView> {
  const a = await readableAnnouncement(ctx, id);
  const deps = configured(ctx);
  if (!mayMachineTranslateAnnouncement(a)) throw new AppError('confidential_not_translated', 'A confidential announcement is not sent to machine translation');
  return translate(ctx, deps, { announcementId: a.id, messageId: null, source: 'norwegian', title: a.title, body: a.body }, to);
}

/** What a reader is offered for an announcement: their own language, unless they read Norwegian; a confidential one is withheld. */
export async function readAnnouncementOffers(ctx: TranslationCtx, id: string): Promise<TranslationOffers> {
  const a = await readableAnnouncement(ctx, id);
  if (!ctx.translation) return NOTHING;
  const reader = await repo.findPreferredLanguage(ctx.db, ctx.actor.personId);
  if (isNorwegian(reader)) return NOTHING;
  if (!mayMachineTranslateAnnouncement(a)) return { offers: [], withheld: [{ id: a.id, reason: 'confidential' }] };
  const to = await offeredTarget(ctx, ctx.translation, reader, 'norwegian');
  return to ? { offers: [{ id: a.id, to }], withheld: [] } : NOTHING;
}

/** Staff (and anyone no longer in it) write Norwegian; what a guardian or student wrote, the service detects. */
function sourceOf(participants: Awaited<ReturnType<typeof readableConversation>>, senderId: string): { source: Source; language: string } {
  const p = participants.find((x) => x.person_id === senderId);
  return !p || p.kind === 'staff' ? { source: 'norwegian', language: 'nb' } : { source: 'auto', language: p.preferred_language };
}

/** A message in `to`. */
export async function translateMessage(ctx: TranslationCtx, conversationId: string, messageId: string, to: string): Promise<TranslationView> {
  const participants = await readableConversation(ctx, conversationId);
  const message = await repo.findMessage(ctx.db, conversationId, messageId);
  if (!message) throw notFound('message');
  const deps = configured(ctx);
  return translate(ctx, deps, { announcementId: null, messageId, source: sourceOf(participants, message.sender_id).source, title: null, body: message.body }, to);
}

/**
 * The messages of others a reader is offered in their own language: those whose writer is registered with another
 * language than the reader (staff as Norwegian), so the school is offered a guardian's message in Norwegian and the
 * guardian the school's in hers.
 */
export async function readConversationOffers(ctx: TranslationCtx, conversationId: string): Promise<TranslationOffers> {
  const participants = await readableConversation(ctx, conversationId);
  if (!ctx.translation) return NOTHING;
  const reader = participants.find((p) => p.person_id === ctx.actor.personId)!.preferred_language;
  const messages = (await repo.findMessageSenders(ctx.db, conversationId)).filter((m) => m.sender_id !== ctx.actor.personId);
  const targets = new Map<Source, string | null>();
  const result: TranslationOffers = { offers: [], withheld: [] };
  for (const m of messages) {
    const { source, language } = sourceOf(participants, m.sender_id);
    if (sameLanguage(language, reader)) continue;
    if (!targets.has(source)) targets.set(source, await offeredTarget(ctx, ctx.translation, reader, source));
    const to = targets.get(source);
    if (to) result.offers.push({ id: m.id, to });
  }
  return result;
}
