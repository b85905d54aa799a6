import { useIntl } from 'react-intl';

/** A language code as its name in the reader's language ("pl" → "polsk" / "Polish"). */
export function LanguageName({ code }: { code: string }) {
  const intl = useIntl();
  let name = code;
  try {
    name = new Intl.DisplayNames([intl.locale === 'nn' ? 'nn' : intl.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    // An unknown code is shown as it is.
  }
  return <span lang={code}>{name}</span>;
}
