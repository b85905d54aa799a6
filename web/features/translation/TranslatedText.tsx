// Machine translation as an aid (domain 10.5): a button in the reader's own words ("Vis på arabisk", "Oversett til
// norsk"), the translation beside a note that it is machine-made and that the original applies, and the way back
// to the original. The translated text carries its own `lang` and `dir` (Arabic is written right to left).
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { isNorwegian, sameLanguage, TranslationOffers, TranslationView } from '@shared/contracts/translation';
import { api } from '../../lib/api';
import { ErrorMessage } from '../layout/ErrorMessage';
import { LanguageName } from '../layout/LanguageName';
import { textDirection } from './direction';

interface Props {
  /** The original, as the page shows it. */
  children: ReactNode;
  /** The language offered (as the translation service names it); without one, the original alone. */
  to: string | null | undefined;
  /** The translation's address, without `?to=`. */
  url: string;
}

export function TranslatedText({ children, to, url }: Props) {
  const [shown, setShown] = useState(false);
  const q = useQuery({
    queryKey: ['translation', url, to],
    queryFn: () => api.get(`${url}?to=${encodeURIComponent(to!)}`, TranslationView),
    enabled: shown && !!to,
    // Kept by the server too: a translation of this text does not change.
    staleTime: Infinity,
    // A service that is down says so at once; pressing again asks again.
    retry: false,
  });
  const noteId = useId();
  const translationRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Where the keyboard goes when the view changes: to the translation when it comes, back to the button after it.
  const focus = useRef<'translation' | 'button' | null>(null);
  const t = shown ? q.data : undefined;
  useEffect(() => {
    if (focus.current === 'translation' && t) translationRef.current?.focus();
    else if (focus.current === 'button' && !shown) buttonRef.current?.focus();
    else return;
    focus.current = null;
  }, [t, shown]);

  if (!to) return <>{children}</>;
  if (t && !sameLanguage(t.sourceLanguage, t.language)) {
    return (
      <div className="translation" ref={translationRef} tabIndex={-1}>
        <p className="notice" id={noteId}><FormattedMessage id="translation.note" /></p>
        <div lang={t.language} dir={textDirection(t.language)} aria-describedby={noteId}>
          {t.title !== null && <h2 className="h3">{t.title}</h2>}
          <div className="body">{t.body}</div>
        </div>
        {!isNorwegian(t.sourceLanguage) && <p className="hint"><FormattedMessage id="translation.writtenIn" values={{ language: <LanguageName code={t.sourceLanguage} /> }} /></p>}
        <p>
          <button type="button" className="button secondary" onClick={() => { focus.current = 'button'; setShown(false); }}>
            <FormattedMessage id="translation.original" />
          </button>
        </p>
      </div>
    );
  }
  const ask = () => {
    // Not disabled while it asks: a disabled button would drop the keyboard's focus.
    if (shown && q.isFetching) return;
    focus.current = 'translation';
    if (shown && q.isError) void q.refetch();
    setShown(true);
  };
  return (
    <>
      {children}
      {t ? (
        // Nothing to translate: the service found the text already in the reader's language.
        <div className="hint" ref={translationRef} tabIndex={-1}><FormattedMessage id="translation.sameLanguage" values={{ language: <LanguageName code={t.language} /> }} /></div>
      ) : (
        <p>
          <button type="button" className="button secondary" ref={buttonRef} onClick={ask} aria-busy={shown && q.isFetching}>
            {isNorwegian(to)
              ? <FormattedMessage id="translation.toNorwegian" />
              : <FormattedMessage id="translation.show" values={{ language: <LanguageName code={to} /> }} />}
          </button>
        </p>
      )}
      <p role="status" className="hint">{shown && q.isFetching && <FormattedMessage id="translation.translating" />}</p>
      {shown && q.error && !q.isFetching && <ErrorMessage error={q.error} />}
    </>
  );
}

/** An announcement's text, with its translation where the reader is offered one (or a word on why not: confidential). */
export function AnnouncementTranslation({ announcementId, children }: { announcementId: string; children: ReactNode }) {
  const offers = useQuery({
    queryKey: ['translation-offers', 'announcement', announcementId],
    queryFn: () => api.get(`/api/announcements/${announcementId}/translation-offers`, TranslationOffers),
    retry: false,
  });
  if (offers.data?.withheld.some((w) => w.id === announcementId)) {
    return <>{children}<p className="hint"><FormattedMessage id="translation.confidential" /></p></>;
  }
  const to = offers.data?.offers.find((o) => o.id === announcementId)?.to;
  return <TranslatedText to={to} url={`/api/announcements/${announcementId}/translation`}>{children}</TranslatedText>;
}

/**
 * A message in a conversation, with its translation where the reader is offered one. The offers are asked for once per
 * conversation; their key starts with the conversation's, so a new message (a refetch of it) asks again.
 */
export function MessageTranslation({ conversationId, messageId, children }: { conversationId: string; messageId: string; children: ReactNode }) {
  const offers = useQuery({
    queryKey: ['conversation', conversationId, 'translation-offers'],
    queryFn: () => api.get(`/api/conversations/${conversationId}/translation-offers`, TranslationOffers),
    retry: false,
  });
  const to = offers.data?.offers.find((o) => o.id === messageId)?.to;
  return <TranslatedText to={to} url={`/api/conversations/${conversationId}/messages/${messageId}/translation`}>{children}</TranslatedText>;
}
