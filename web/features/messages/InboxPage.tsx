import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { ConversationsPage, ReceivedPage } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { inboxQuery } from './news';
import { childrenQuery } from '../family/children';

export function InboxPage() {
  const q = useQuery(inboxQuery);
  const { me } = useSession();
  // Staff and the owner's administrators find what they sent (and its receipts) on a page of its own.
  const sends = me !== null && (me.staff.length > 0 || me.ownerAdminOf.length > 0);
  // A guardian starts a conversation from here too, about a child they may write about (the home page's cards).
  const children = useQuery({ ...childrenQuery, enabled: me?.isGuardian ?? false });
  const writes = children.data?.children.some((c) => c.access === 'full') ?? false;
  const olderAnnouncements = useOlder(q.data?.announcements, async (before) => {
    const page = await api.get(`/api/announcements/received?before=${before}`, ReceivedPage);
    return { items: page.announcements, nextBefore: page.nextBefore };
  });
  const olderConversations = useOlder(q.data?.conversations, async (before) => {
    const page = await api.get(`/api/conversations?before=${before}`, ConversationsPage);
    return { items: page.conversations, nextBefore: page.nextBefore };
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const { conversations: newestConversations, announcements: newestAnnouncements } = q.data!;
  const announcements = [...newestAnnouncements, ...olderAnnouncements.items];
  const conversations = [...newestConversations, ...olderConversations.items];
  return (
    <>
      <h1><FormattedMessage id="inbox.title" /></h1>
      {writes && <p><Link className="button" href="/messages/new"><FormattedMessage id="newConversation.title" /></Link></p>}
      <section aria-labelledby="ann-heading">
        <h2 id="ann-heading"><FormattedMessage id="inbox.announcements" /></h2>
        {sends && <p><Link href="/announcements/sent"><FormattedMessage id="sent.title" /></Link></p>}
        {announcements.length === 0 ? <p><FormattedMessage id="inbox.noAnnouncements" /></p> : (
          <ul className="message-list">
            {announcements.map((a) => (
              <li key={a.id} className={a.readAt ? 'read' : 'unread'}>
                <Link href={`/announcements/${a.id}`}>{a.title}</Link>
                <span className={`tag tag-${a.category}`}><FormattedMessage id={`category.${a.category}`} /></span>
                {!a.readAt && <span className="tag tag-new"><FormattedMessage id="inbox.new" /></span>}
                {a.requiresAck && !a.acknowledgedAt && <span className="tag tag-ack"><FormattedMessage id="inbox.needsAck" /></span>}
                <span className="meta">{a.author.givenName} {a.author.familyName} · {a.sentAt && <FormattedDate value={a.sentAt} dateStyle="medium" timeStyle="short" timeZone="Europe/Oslo" />}</span>
              </li>
            ))}
          </ul>
        )}
        <ShowOlder older={olderAnnouncements} />
      </section>
      <section aria-labelledby="conv-heading">
        <h2 id="conv-heading"><FormattedMessage id="inbox.conversations" /></h2>
        {conversations.length === 0 ? <p><FormattedMessage id="inbox.noConversations" /></p> : (
          <ul className="message-list">
            {conversations.map((c) => (
              <li key={c.id} className={c.unread > 0 ? 'unread' : 'read'}>
                <Link href={`/messages/${c.id}`}>{c.subject}</Link>
                {c.unread > 0 && <span className="tag tag-new"><FormattedMessage id="inbox.unread" values={{ count: c.unread }} /></span>}
                <span className="meta">{c.student.givenName} {c.student.familyName} · <FormattedDate value={c.lastMessageAt} dateStyle="medium" timeStyle="short" timeZone="Europe/Oslo" /></span>
                <span className="preview">{c.lastMessagePreview}</span>
              </li>
            ))}
          </ul>
        )}
        <ShowOlder older={olderConversations} />
      </section>
    </>
  );
}

/** The inbox's first page of each list holds this many; a full one may have older ones behind it. */
const PAGE = 20;

type Older<T extends { id: string }> = ReturnType<typeof useOlder<T>>;

/**
 * "Show older" under one of the lists: the pages after the last item of the inbox's first page, fetched when asked
 * for. They start again whenever that first page changes (a new message moves every item down one), so that no
 * item falls between the two.
 */
function useOlder<T extends { id: string }>(first: T[] | undefined, load: (before: string) => Promise<{ items: T[]; nextBefore: string | null }>) {
  const after = first && first.length >= PAGE ? first.at(-1)!.id : undefined;
  const [older, setOlder] = useState<{ from: string; items: T[]; next: string | null } | null>(null);
  const fetchPage = useMutation({
    mutationFn: async ({ before, from }: { before: string; from: string }) => ({ page: await load(before), from }),
    onSuccess: ({ page, from }) => setOlder((o) => ({ from, items: [...(o?.from === from ? o.items : []), ...page.items], next: page.nextBefore })),
  });
  const current = older?.from === after ? older : null;
  const next = current ? current.next : after;
  return {
    items: current?.items ?? [],
    more: after && next ? () => fetchPage.mutate({ before: next, from: after }) : undefined,
    loading: fetchPage.isPending,
    error: fetchPage.error,
    ended: current !== null && current.next === null,
  };
}

function ShowOlder<T extends { id: string }>({ older }: { older: Older<T> }) {
  return (
    <>
      {older.error && <ErrorMessage error={older.error} />}
      {older.more && <p><button type="button" className="button secondary" disabled={older.loading} onClick={older.more}><FormattedMessage id="inbox.older" /></button></p>}
      {older.ended && older.items.length === 0 && <p><FormattedMessage id="inbox.noOlder" /></p>}
    </>
  );
}
