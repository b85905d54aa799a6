// The one thing Tillit asks of a machine translation service. The real one is LibreTranslate (libretranslate.ts),
// which a school owner runs itself so the texts stay in its hands; another service would be another adapter.

/** A language the service translates from, and what it translates it into. */
export interface ServiceLanguage {
  code: string;
  name: string;
  /** The languages it translates this one into (LibreTranslate counts the language itself among them). */
  targets: string[];
}

export interface TranslateRequest {
  /** The texts, translated each on its own (an announcement's title and text). */
  texts: string[];
  /** The language they are in, or 'auto': the service detects it (what a guardian wrote). */
  source: string;
  target: string;
}

export interface TranslateResult {
  /** In the order of the request's texts. */
  texts: string[];
  /** The request's source, or the language the service detected for 'auto'. */
  source: string;
}

export interface Translator {
  /** Names the service in what is stored ('libretranslate'). */
  readonly provider: string;
  languages(): Promise<ServiceLanguage[]>;
  translate(request: TranslateRequest): Promise<TranslateResult>;
}

/** Why the service gave no usable answer, for the log; the reader is told only that it is unavailable (503). */
export type UnavailableReason = 'timeout' | 'unreachable' | 'refused' | 'bad_answer';

export class TranslatorUnavailable extends Error {
  constructor(readonly reason: UnavailableReason, readonly status?: number, detail?: string) {
    super(`translation service ${reason}${status ? ` (HTTP ${status})` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'TranslatorUnavailable';
  }
}
