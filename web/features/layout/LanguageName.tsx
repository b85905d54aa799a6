import { useIntl } from 'react-intl';

/**
 * A language code as its name in the reader's language ("pl" → "polsk" / "Polish"). The name is written in the
 * reader's language, not in the one it names, so it carries no `lang` of its own (WCAG 3.1.2).
 */
export function LanguageName({ code }: { code: string }) {
  const intl = useIntl();
  let name = code;
  try {
    name = new Intl.DisplayNames([intl.locale === 'nn' ? 'nn' : intl.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    // An unknown code is shown as it is.
  }
  return <span>{name}</span>;
}
