// A LibreTranslate on loopback for tests (no real one can run here): it speaks the real protocol over HTTP, as
// LibreTranslate's own app.py does (GET /languages; POST /translate with JSON { q, source, target, format, api_key },
// q a text or a list; errors as { error } with 400, 403 and 500), checks every request's shape and API key, and
// translates deterministically: "[nb→ar] Foreldremøte" is "Foreldremøte" from bokmål into Arabic. With source
// 'auto' it detects Arabic script as Arabic, Cyrillic as Ukrainian and anything else as bokmål.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleLanguage {
  code: string;
  name: string;
  targets: string[];
}

/** The languages a typical self-hosted LibreTranslate has: no Tigrinya (ti), so it can be refused. */
const CODES = ['nb', 'en', 'ar', 'so', 'pl', 'uk'];
const NAMES: Record<string, string> = { nb: 'Norwegian', en: 'English', ar: 'Arabic', so: 'Somali', pl: 'Polish', uk: 'Ukrainian' };
// As argos-translate, each language translates into every other and into itself (the text as it is).
export const DEFAULT_LANGUAGES: DoubleLanguage[] = CODES.map((code) => ({ code, name: NAMES[code]!, targets: [...CODES] }));

export interface TranslateCall {
  q: string | string[];
  source: string;
  target: string;
  format: string | undefined;
  apiKey: string | undefined;
}

export interface LibreTranslateDouble {
  url: string;
  /** How many requests each endpoint has answered (or held, in 'hang'). */
  calls: { languages: number; translate: number };
  /** Every well-formed POST /translate, as received. */
  translations: TranslateCall[];
  /**
   * 'ok' answers; 'error' answers 500 as LibreTranslate does when a model fails; 'hang' answers nothing until
   * the double closes (a service that stopped responding).
   */
  mode: 'ok' | 'error' | 'hang';
  close(): Promise<void>;
}

/** The double's translation: marked with where it came from and where it went, so a test sees exactly what was asked. */
export const translated = (text: string, source: string, target: string): string => (source === target ? text : `[${source}→${target}] ${text}`);

function detect(text: string): string {
  if (/\p{Script=Arabic}/u.test(text)) return 'ar';
  if (/\p{Script=Cyrillic}/u.test(text)) return 'uk';
  return 'nb';
}

export async function startLibreTranslateDouble(options: { apiKey?: string; languages?: DoubleLanguage[] } = {}): Promise<LibreTranslateDouble> {
  const languages = options.languages ?? DEFAULT_LANGUAGES;
  const held: http.ServerResponse[] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const double: LibreTranslateDouble = {
    url: '',
    calls: { languages: 0, translate: 0 },
    translations: [],
    mode: 'ok',
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  const answerTranslate = (res: http.ServerResponse, req: http.IncomingMessage, raw: string) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 400, { error: 'Invalid request: missing q parameter' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, 400, { error: 'Invalid JSON format' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return send(res, 400, { error: 'Invalid JSON format' });
    const apiKey = typeof body.api_key === 'string' ? body.api_key : undefined;
    if (options.apiKey !== undefined) {
      if (apiKey !== undefined && apiKey !== options.apiKey) return send(res, 403, { error: 'Invalid API key' });
      if (apiKey === undefined) return send(res, 400, { error: 'Please contact the server operator to get an API key' });
    }
    const { q, source, target, format } = body;
    const texts = typeof q === 'string' ? [q] : Array.isArray(q) && q.every((t) => typeof t === 'string') ? (q as string[]) : null;
    if (!texts || texts.length === 0 || texts.some((t) => t === '')) return send(res, 400, { error: 'Invalid request: missing q parameter' });
    if (typeof source !== 'string' || !source) return send(res, 400, { error: 'Invalid request: missing source parameter' });
    if (typeof target !== 'string' || !target) return send(res, 400, { error: 'Invalid request: missing target parameter' });
    if (format !== undefined && format !== 'text' && format !== 'html') return send(res, 400, { error: `${String(format)} format is not supported` });
    double.translations.push({ q: q as string | string[], source, target, format: format as string | undefined, apiKey });
    if (double.mode === 'error') return send(res, 500, { error: 'Cannot translate text: model failed' });
    const from = source === 'auto' ? detect(texts.join('\n')) : source;
    const src = languages.find((l) => l.code === from);
    if (!src) return send(res, 400, { error: `${source} is not supported` });
    if (!languages.some((l) => l.code === target)) return send(res, 400, { error: `${target} is not supported` });
    if (!src.targets.includes(target)) return send(res, 400, { error: `${target} is not available as a target language from ${from}` });
    const out = texts.map((t) => translated(t, from, target));
    const detected = { confidence: 90, language: from };
    send(res, 200, typeof q === 'string'
      ? { translatedText: out[0], ...(source === 'auto' ? { detectedLanguage: detected } : {}) }
      : { translatedText: out, ...(source === 'auto' ? { detectedLanguage: texts.map(() => detected) } : {}) });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://double').pathname;
      if (req.method === 'GET' && path === '/languages') {
        double.calls.languages++;
        if (double.mode === 'hang') return void held.push(res);
        if (double.mode === 'error') return send(res, 500, { error: 'Internal Server Error' });
        return send(res, 200, languages);
      }
      if (req.method === 'POST' && path === '/translate') {
        double.calls.translate++;
        if (double.mode === 'hang') return void held.push(res);
        return answerTranslate(res, req, Buffer.concat(chunks).toString('utf8'));
      }
      send(res, 404, { error: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return double;
}
