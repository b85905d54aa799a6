import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { AnnouncementView, ReceiptsResponse } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { useSubmitOnce } from '../../lib/submit-once';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable } from '../layout/DataTable';
import { LanguageName } from '../layout/LanguageName';
import { AudienceText } from './AudienceText';

export function AnnouncementPage({ announcementId }: { announcementId: string }) {
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['announcement', announcementId], queryFn: () => api.get(`/api/announcements/${announcementId}`, AnnouncementView) });
  const ack = useMutation({
    mutationFn: () => api.post(`/api/announcements/${announcementId}/ack`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['announcement', announcementId] }),
  });
  const acknowledge = useSubmitOnce(ack);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const a = q.data!;
  const isRecipient = a.readAt !== null;
  return (
    <>
      <article>
        <h1>{a.title}</h1>
        <p className="meta">
          <span className={`tag tag-${a.category}`}><FormattedMessage id={`category.${a.category}`} /></span>{' '}
          {a.author.givenName} {a.author.familyName}
          {a.sentAt && <> · <FormattedDate value={a.sentAt} dateStyle="long" timeStyle="short" timeZone="Europe/Oslo" /></>}
          {' · '}<FormattedMessage id="sent.to" values={{ audience: <AudienceText audience={a.audience} /> }} />
        </p>
        <div className="body">{a.body}</div>
        {a.attachments.length > 0 && (
          <ul className="plain-list">
            {a.attachments.map((f) => (
              <li key={f.id}><a href={`/api/announcements/${a.id}/attachments/${f.id}`}>{f.filename}</a></li>
            ))}
          </ul>
        )}
        {isRecipient && a.requiresAck && (
          a.acknowledgedAt
            ? <p className="success" role="status"><FormattedMessage id="announcement.acknowledged" /></p>
            : (
              <>
                <button type="button" onClick={() => acknowledge()} disabled={ack.isPending}><FormattedMessage id="announcement.acknowledge" /></button>
                {ack.error && <ErrorMessage error={ack.error} />}
              </>
            )
        )}
      </article>
      {!isRecipient && <Receipts announcementId={a.id} />}
    </>
  );
}

function Receipts({ announcementId }: { announcementId: string }) {
  const q = useQuery({ queryKey: ['receipts', announcementId], queryFn: () => api.get(`/api/announcements/${announcementId}/receipts`, ReceiptsResponse) });
  if (!q.data) return null;
  const r = q.data;
  return (
    <section aria-labelledby="receipts-heading">
      <h2 id="receipts-heading"><FormattedMessage id="receipts.title" /></h2>
      {r.scheduledFor && (
        <p className="notice">
          <FormattedMessage id="announcement.scheduled" values={{ at: <FormattedDate value={r.scheduledFor} dateStyle="long" timeStyle="short" timeZone="Europe/Oslo" /> }} />
        </p>
      )}
      {r.cancelledAt && (
        <p className="notice">
          <FormattedMessage id="announcement.cancelled" values={{ at: <FormattedDate value={r.cancelledAt} dateStyle="long" timeStyle="short" timeZone="Europe/Oslo" /> }} />
        </p>
      )}
      {r.confidential && <p className="hint"><FormattedMessage id="announcement.confidential" /></p>}
      {/* "Acknowledged" only where acknowledgement was asked for. */}
      <p><FormattedMessage id={r.requiresAck ? 'receipts.summary' : 'receipts.summaryRead'} values={{ read: r.read, acknowledged: r.acknowledged, total: r.total }} /></p>
      <DataTable labelledBy="receipts-heading" columns={[
        { id: 'receipts.recipient' }, { id: 'receipts.student' }, { id: 'receipts.read' }, r.requiresAck && { id: 'receipts.acknowledged' }, { id: 'roster.language' }, { id: 'receipts.notified' },
      ]}>
        {r.recipients.map((p) => (
          <tr key={p.personId}>
            <th scope="row">{p.givenName} {p.familyName}</th>
            <td>{p.studentNames.join(', ')}</td>
            <td>{p.readAt ? <FormattedDate value={p.readAt} dateStyle="short" timeStyle="short" timeZone="Europe/Oslo" /> : <FormattedMessage id="receipts.no" />}</td>
            {r.requiresAck && <td>{p.acknowledgedAt ? <FormattedDate value={p.acknowledgedAt} dateStyle="short" timeStyle="short" timeZone="Europe/Oslo" /> : <FormattedMessage id="receipts.no" />}</td>}
            <td><LanguageName code={p.preferredLanguage} /></td>
            <td><Notified notified={p.notified} /></td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

type Notifications = ReceiptsResponse['recipients'][number]['notified'];

/** How Tillit told one recipient, per channel, from the outbox; hidden where their contact details are (9.8). */
function Notified({ notified }: { notified: Notifications }) {
  if (notified === null) return <FormattedMessage id="conversation.notifiedHidden" />;
  if (notified.length === 0) return <FormattedMessage id="conversation.appOnly" />;
  return (
    <ul className="plain-list">
      {notified.map((n) => (
        <li key={n.channel}><FormattedMessage id={`conversation.channel.${n.channel}`} />: <FormattedMessage id={`conversation.delivery.${n.state}`} /></li>
      ))}
    </ul>
  );
}
