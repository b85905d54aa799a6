import { useQuery } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
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
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const { conversations, announcements } = q.data!;
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
      </section>
    </>
  );
}
