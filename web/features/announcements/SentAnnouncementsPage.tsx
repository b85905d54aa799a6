import { useRef } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { AnnouncementCancelled, SentAnnouncementsResponse, type SentAnnouncement } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { AudienceText } from './AudienceText';
import { AskFirst } from '../layout/AskFirst';
import { useSubmitOnce } from '../../lib/submit-once';

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
      {/* Once cancelled, the buttons are gone: focus goes to the announcement's link, whose item now says "cancelled". */}
      {a.mayCancel && (
        <div className="preview button-row">
          <Link className="button secondary" href={`/announcements/${a.id}/edit`}><FormattedMessage id="sent.edit" /></Link>
          <CancelSending a={a} onCancelled={() => item.current?.querySelector('a')?.focus()} />
        </div>
      )}
    </li>
  );
}

/** Cancelling a scheduled announcement, asked first (AskFirst): only "yes" cancels. The question takes a line of its own. */
function CancelSending({ a, onCancelled }: { a: SentAnnouncement; onCancelled: () => void }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.post(`/api/announcements/${a.id}/cancel`, {}, AnnouncementCancelled),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['receipts'] });
      onCancelled();
    },
  });
  const cancelOnce = useSubmitOnce(cancel);
  return (
    <div>
      <AskFirst ask={<FormattedMessage id="sent.cancel" />} question={<FormattedMessage id="sent.cancelQuestion" values={{ title: a.title }} />}
        yes={<FormattedMessage id="sent.cancelYes" />} no={<FormattedMessage id="sent.cancelNo" />}
        busy={cancel.isPending} onYes={() => cancelOnce(undefined)} onAsk={() => cancel.reset()} />
      {cancel.error && <ErrorMessage error={cancel.error} />}
    </div>
  );
}
