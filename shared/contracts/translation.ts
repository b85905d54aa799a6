// Machine translation as an aid (domain 10.5): what the school wrote, in the reader's language, and a guardian's
// answer in Norwegian. The original always applies; server/translation/ and docs/MESSAGING.md say what is sent where.
import { z } from 'zod';

/** A language as the translation service names it: ISO 639-1 (or -3), perhaps with a script or region ('zh-Hans', 'pt-BR'). */
export const LanguageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/);

export const TranslationQuery = z.object({ to: LanguageCode });
export const MessageTranslationParams = z.object({ conversationId: z.uuid(), messageId: z.uuid() });

/** GET /api/announcements/:id/translation?to=ar and GET /api/conversations/:id/messages/:id/translation?to=nb. */
export const TranslationView = z.object({
  /** The language it was translated into. */
  language: z.string(),
  /**
   * The language it was translated from: Norwegian for what staff write, as the service detected it for what a
   * guardian writes. The same as `language` when the text was already in it (nothing was changed).
   */
  sourceLanguage: z.string(),
  /** An announcement's title; null for a message. */
  title: z.string().nullable(),
  body: z.string(),
  /** Which service translated it ('libretranslate'). */
  provider: z.string(),
  translatedAt: z.string(),
});
export type TranslationView = z.infer<typeof TranslationView>;

/**
 * GET /api/announcements/:id/translation-offers and GET /api/conversations/:id/translation-offers: what this reader
 * may have machine translated, and into which language (their preferred language, where the text is not already in
 * it and the service offers it). `id` is the announcement's or the message's. Empty when the feature is off.
 */
export const TranslationOffers = z.object({
  offers: z.array(z.object({ id: z.uuid(), to: z.string() })),
  /** Texts in another language than the reader's that are not machine translated: a confidential announcement (ask for an interpreter). */
  withheld: z.array(z.object({ id: z.uuid(), reason: z.enum(['confidential']) })),
});
export type TranslationOffers = z.infer<typeof TranslationOffers>;

const NORWEGIAN = new Set(['nb', 'nn', 'no']);
const base = (code: string): string => code.toLowerCase().split('-')[0]!;

/** Bokmål, nynorsk and "Norwegian": one language to a reader, who is not offered a translation between them. */
export const isNorwegian = (code: string): boolean => NORWEGIAN.has(base(code));

/** Whether a reader of `a` reads `b` as it is: the same language, whatever the script or region, and Norwegian as one. */
export const sameLanguage = (a: string, b: string): boolean => base(a) === base(b) || (isNorwegian(a) && isNorwegian(b));
