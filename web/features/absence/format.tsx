// Oslo calendar dates and spans as the reader's language writes them. A 'YYYY-MM-DD' is a calendar day, so it
// is formatted at Oslo noon: the same day whatever the browser's time zone.
import { FormattedDate, FormattedMessage } from 'react-intl';

export function Day({ date, style = 'long' }: { date: string; style?: 'long' | 'medium' | 'full' }) {
  return <FormattedDate value={`${date}T12:00:00Z`} dateStyle={style} timeZone="Europe/Oslo" />;
}

/** "3 March" or "3 March – 5 March"; part of a day adds the times. */
export function DaySpan({ from, to, fromTime, untilTime }: { from: string; to: string; fromTime?: string | null; untilTime?: string | null }) {
  return (
    <>
      <Day date={from} />
      {to !== from && <>{' – '}<Day date={to} /></>}
      {fromTime && <>{' · '}<FormattedMessage id="absence.span.fromTime" values={{ time: fromTime }} /></>}
      {untilTime && <>{' · '}<FormattedMessage id="absence.span.untilTime" values={{ time: untilTime }} /></>}
    </>
  );
}

export function Instant({ at }: { at: string }) {
  return <FormattedDate value={at} dateStyle="medium" timeStyle="short" timeZone="Europe/Oslo" />;
}

export const fullName = (p: { givenName: string; familyName: string }): string => `${p.givenName} ${p.familyName}`;
