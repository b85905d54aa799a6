// Which way a language is written, for the `dir` of a translated text: Arabic, Persian, Urdu, Hebrew … right to left.
const RIGHT_TO_LEFT = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

type WithTextInfo = Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

export function textDirection(code: string): 'rtl' | 'ltr' {
  try {
    // The browser's own knowledge where it has it (getTextInfo(), once the textInfo getter).
    const locale = new Intl.Locale(code) as WithTextInfo;
    const direction = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
    if (direction === 'rtl' || direction === 'ltr') return direction;
  } catch {
    // Not a language tag the browser knows: the list decides.
  }
  const lower = code.toLowerCase();
  return RIGHT_TO_LEFT.has(lower) || RIGHT_TO_LEFT.has(lower.split('-')[0]!) ? 'rtl' : 'ltr';
}
