import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { AnnouncementView, ReceiptsResponse, ReminderSent } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { useSubmitOnce } from '../../lib/submit-once';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable } from '../layout/DataTable';
import { LanguageName } from '../layout/LanguageName';
import { AudienceText } from './AudienceText';
import { AskFirst } from '../layout/AskFirst';
import { AnnouncementTranslation } from '../translation/TranslatedText';

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
        <AnnouncementTranslation announcementId={a.id}><div className="body">{a.body}</div></AnnouncementTranslation>
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
      {!r.scheduledFor && !r.cancelledAt && <Reminders announcementId={announcementId} receipts={r} />}
      <DataTable labelledBy="receipts-heading" columns={[
        { id: 'receipts.recipient' }, { id: 'receipts.student' }, { id: 'receipts.read' }, r.requiresAck && { id: 'receipts.acknowledged' }, { id: 'roster.language' }, { id: 'receipts.notified' },
        { id: 'receipts.reminded' },
      ]}>
        {r.recipients.map((p) => (
          <tr key={p.personId}>
            <th scope="row">{p.givenName} {p.familyName}</th>
            <td>{p.studentNames.join(', ')}</td>
            <td>{p.readAt ? <FormattedDate value={p.readAt} dateStyle="short" timeStyle="short" timeZone="Europe/Oslo" /> : <FormattedMessage id="receipts.no" />}</td>
            {r.requiresAck && <td>{p.acknowledgedAt ? <FormattedDate value={p.acknowledgedAt} dateStyle="short" timeStyle="short" timeZone="Europe/Oslo" /> : <FormattedMessage id="receipts.no" />}</td>}
            <td><LanguageName code={p.preferredLanguage} /></td>
            <td><Notified notified={p.notified} /></td>
            <td>{p.remindedAt ? <FormattedDate value={p.remindedAt} dateStyle="short" timeStyle="short" timeZone="Europe/Oslo" /> : <FormattedMessage id="receipts.no" />}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

const Instant = ({ at }: { at: string }) => <FormattedDate value={at} dateStyle="long" timeStyle="short" timeZone="Europe/Oslo" />;

/**
 * Reminding everyone who has not read it (not acknowledged it, where asked): asked first (AskFirst), sent once
 * (useSubmitOnce), at most once a day; then what came of it, and the reminders sent so far.
 */
function Reminders({ announcementId, receipts: r }: { announcementId: string; receipts: ReceiptsResponse }) {
  const queryClient = useQueryClient();
  const remind = useMutation({
    mutationFn: () => api.post(`/api/announcements/${announcementId}/reminders`, {}, ReminderSent),
    // Sent or refused (a colleague may have just reminded them): the receipts say how things stand now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['receipts', announcementId] }),
  });
  const remindOnce = useSubmitOnce(remind);
  const outcome = useRef<HTMLDivElement>(null);
  // The question and its buttons go once answered: the keyboard goes on from what came of it.
  useEffect(() => {
    if (remind.isSuccess || remind.isError) outcome.current?.focus();
  }, [remind.isSuccess, remind.isError]);
  const { remindable, nextReminderAt, sent } = r.reminders;
  // Sent, and the receipts not yet fetched again: no second press in between.
  const refreshing = remind.data !== undefined && !sent.some((s) => s.id === remind.data.id);
  const mayRemind = remindable > 0 && nextReminderAt === null && !refreshing;
  return (
    <>
      <div ref={outcome} tabIndex={-1}>
        {remind.data && <p className="success" role="status"><FormattedMessage id="receipts.reminderSent" values={{ count: remind.data.remindedCount }} /></p>}
        {remind.error && <ErrorMessage error={remind.error} />}
      </div>
      {mayRemind && (
        <AskFirst
          ask={<FormattedMessage id={r.requiresAck ? 'receipts.remindUnacknowledged' : 'receipts.remindUnread'} values={{ count: remindable }} />}
          question={<FormattedMessage id="receipts.remindQuestion" values={{ count: remindable }} />}
          yes={<FormattedMessage id="receipts.remindYes" />} no={<FormattedMessage id="receipts.remindNo" />}
          busy={remind.isPending} onYes={() => remindOnce(undefined)} onAsk={() => remind.reset()} />
      )}
      {nextReminderAt && <p className="hint"><FormattedMessage id="receipts.nextReminder" values={{ at: <Instant at={nextReminderAt} /> }} /></p>}
      {remindable === 0 && r.total > 0 && <p className="hint"><FormattedMessage id={r.requiresAck ? 'receipts.allAcknowledged' : 'receipts.allRead'} /></p>}
      {sent.length > 0 && (
        <>
          <h3><FormattedMessage id="receipts.remindersTitle" /></h3>
          <ul className="plain-list">
            {sent.map((m) => (
              <li key={m.id}>
                <FormattedMessage id="receipts.reminderItem" values={{ at: <Instant at={m.sentAt} />, name: `${m.sentBy.givenName} ${m.sentBy.familyName}`, count: m.remindedCount }} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
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
