import { useEffect, useId, useRef, useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { AnnouncementCancelled, SentAnnouncementsResponse, type SentAnnouncement } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { AudienceText } from './AudienceText';

/**
 * "Sent announcements": what the person sent or scheduled (and, as a school's leader or the owner's administrator,
 * what went out there), newest first, each with how many have read and acknowledged it and a link to its receipts.
 * Under the 'receipts' query key, so a read or an acknowledgement (announcement.receipt, lib/live.ts) refreshes it.
 */
export function SentAnnouncementsPage() {
  const q = useInfiniteQuery({
    queryKey: ['receipts', 'sent'],
    queryFn: ({ pageParam }) => api.get(`/api/announcements/sent${pageParam ? `?before=${pageParam}` : ''}`, SentAnnouncementsResponse),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const items = q.data!.pages.flatMap((p) => p.announcements);
  return (
    <>
      <h1><FormattedMessage id="sent.title" /></h1>
      <p className="hint"><FormattedMessage id="sent.intro" /></p>
      {items.length === 0 ? <p><FormattedMessage id="sent.none" /></p> : (
        <ul className="message-list">
          {items.map((a) => <SentItem key={a.id} a={a} />)}
        </ul>
      )}
      {q.hasNextPage && (
        <p>
          <button type="button" className="button secondary" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
            <FormattedMessage id="sent.more" />
          </button>
        </p>
      )}
    </>
  );
}

const Instant = ({ at }: { at: string }) => <FormattedDate value={at} dateStyle="medium" timeStyle="short" timeZone="Europe/Oslo" />;

function SentItem({ a }: { a: SentAnnouncement }) {
  const item = useRef<HTMLLIElement>(null);
  return (
    <li ref={item}>
      <Link href={`/announcements/${a.id}`}>{a.title}</Link>
      <span className={`tag tag-${a.category}`}><FormattedMessage id={`category.${a.category}`} /></span>
      <span className="meta">
        {a.cancelledAt ? <FormattedMessage id="sent.cancelled" values={{ at: <Instant at={a.cancelledAt} /> }} />
          : a.sentAt ? <FormattedMessage id="sent.sentAt" values={{ at: <Instant at={a.sentAt} /> }} />
            : <FormattedMessage id="sent.scheduled" values={{ at: <Instant at={a.sendAt} /> }} />}
        {' · '}<FormattedMessage id="sent.to" values={{ audience: <AudienceText audience={a.audience} /> }} />
        {' · '}<FormattedMessage id="sent.by" values={{ name: `${a.author.givenName} ${a.author.familyName}` }} />
      </span>
      {a.sentAt && (
        <span className="preview">
          <FormattedMessage id="sent.read" values={{ read: a.read, total: a.recipients }} />
          {a.requiresAck && <>{' · '}<FormattedMessage id="sent.acknowledged" values={{ acknowledged: a.acknowledged, total: a.recipients }} /></>}
        </span>
      )}
      {/* Once cancelled, the button is gone: focus goes to the announcement's link, whose item now says "cancelled". */}
      {a.mayCancel && <CancelSending a={a} onCancelled={() => item.current?.querySelector('a')?.focus()} />}
    </li>
  );
}

/**
 * Cancelling a scheduled announcement, in two steps: the button asks, and only "yes" cancels. Focus moves to the
 * question's answer that keeps it, and back to the button when kept.
 */
function CancelSending({ a, onCancelled }: { a: SentAnnouncement; onCancelled: () => void }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const cancel = useMutation({
    mutationFn: () => api.post(`/api/announcements/${a.id}/cancel`, {}, AnnouncementCancelled),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['receipts'] });
      onCancelled();
    },
  });
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (returnFocus.current) ask.current?.focus();
    returnFocus.current = false;
  }, [asking]);
  return (
    <div className="preview">
      {asking ? (
        <div role="group" aria-labelledby={questionId} className="button-row">
          <p id={questionId} className="preview"><FormattedMessage id="sent.cancelQuestion" values={{ title: a.title }} /></p>
          <button type="button" onClick={() => cancel.mutate()} disabled={cancel.isPending}><FormattedMessage id="sent.cancelYes" /></button>
          <button type="button" className="button secondary" ref={keep} onClick={() => { returnFocus.current = true; setAsking(false); }} disabled={cancel.isPending}>
            <FormattedMessage id="sent.cancelNo" />
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" ref={ask} onClick={() => setAsking(true)}><FormattedMessage id="sent.cancel" /></button>
      )}
      {cancel.error && <ErrorMessage error={cancel.error} />}
    </div>
  );
}
