// The LibreTranslate HTTP API (https://docs.libretranslate.com): `GET {url}/languages` answers
// `[{ code, name, targets }]`; `POST {url}/translate` takes JSON `{ q, source, target, format, api_key? }`, q a
// text or a list of texts, and answers `{ translatedText }` (a list for a list), with `detectedLanguage` when the
// source was 'auto'. Errors are `{ error }` with 400 (a bad request, a language it lacks), 403 (a wrong API key),
// 429 (too many) or 500. Every failure, a timeout too, becomes TranslatorUnavailable: Tillit never shows a half answer.
import { z } from 'zod';
import { TranslatorUnavailable, type ServiceLanguage, type TranslateRequest, type TranslateResult, type Translator } from './translator';

export interface LibreTranslateOptions {
  url: string;
  apiKey?: string | undefined;
  /** How long to wait for an answer, whole body included. */
  timeoutMs: number;
}

const Languages = z.array(z.object({ code: z.string().min(1), name: z.string(), targets: z.array(z.string()).optional() }));
const Detected = z.object({ language: z.string().min(1), confidence: z.number().optional() });
const Translated = z.object({
  translatedText: z.union([z.string(), z.array(z.string())]),
  detectedLanguage: z.union([Detected, z.array(Detected)]).optional(),
});
const ErrorBody = z.object({ error: z.string() });

export function libreTranslate(options: LibreTranslateOptions): Translator {
  const base = options.url.replace(/\/+$/, '');

  async function call<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${base}${path}`, body === undefined
        ? { method: 'GET', headers: { accept: 'application/json' }, signal }
        : { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
      text = await res.text();
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new TranslatorUnavailable('timeout');
      throw new TranslatorUnavailable('unreachable', undefined, (err as Error).message);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!res.ok) throw new TranslatorUnavailable('refused', res.status, ErrorBody.safeParse(data).data?.error);
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new TranslatorUnavailable('bad_answer', res.status, 'not the LibreTranslate answer');
    return parsed.data;
  }

  return {
    provider: 'libretranslate',

    async languages(): Promise<ServiceLanguage[]> {
      const list = await call('/languages', Languages);
      // Versions before targets were listed translate every language into every other.
      return list.map((l) => ({ code: l.code, name: l.name, targets: l.targets ?? list.map((t) => t.code) }));
    },

    async translate({ texts, source, target }: TranslateRequest): Promise<TranslateResult> {
      // One text as a string, as every version takes it; several as a list (one request for a title and its text).
      const q = texts.length === 1 ? texts[0]! : texts;
      const answer = await call('/translate', Translated, { q, source, target, format: 'text', ...(options.apiKey ? { api_key: options.apiKey } : {}) });
      const translated = typeof answer.translatedText === 'string' ? [answer.translatedText] : answer.translatedText;
      if (translated.length !== texts.length) throw new TranslatorUnavailable('bad_answer', 200, `${translated.length} texts for ${texts.length}`);
      const detected = [answer.detectedLanguage].flat()[0]?.language;
      if (source === 'auto' && !detected) throw new TranslatorUnavailable('bad_answer', 200, 'no detected language');
      return { texts: translated, source: source === 'auto' ? detected! : source };
    },
  };
}
