import { FormattedMessage } from 'react-intl';
import type { ConversationDetail } from '@shared/contracts/messaging';

type Conversation = ConversationDetail;
type Receipt = NonNullable<Conversation['messages'][number]['receipts']>[number];

/**
 * Who has read a message and who has not (for its sender and the staff), and for staff how each was told:
 * push, e-mail or SMS, and what became of it.
 */
export function MessageReceipts({ receipts, conversation }: { receipts: Receipt[]; conversation: Conversation }) {
  const nameOf = (id: string) => {
    const p = conversation.participants.find((x) => x.personId === id);
    return p ? `${p.givenName} ${p.familyName}` : '';
  };
  const names = (list: Receipt[]) => list.map((r) => nameOf(r.personId)).join(', ');
  const read = receipts.filter((r) => r.read);
  const unread = receipts.filter((r) => !r.read);
  if (receipts.length === 0) return null;
  return (
    <div className="receipt">
      {read.length > 0 && <p className="receipt"><FormattedMessage id="conversation.readBy" values={{ names: names(read) }} /></p>}
      {unread.length > 0 && <p className="receipt"><FormattedMessage id="conversation.notReadBy" values={{ names: names(unread) }} /></p>}
      {conversation.may.manageParticipants && (
        <details>
          <summary><FormattedMessage id="conversation.howNotified" /></summary>
          {/* Lines, not a list: a list item inside a message would be drawn as a message. */}
          {receipts.map((r) => (
            <p key={r.personId} className="receipt">
              {nameOf(r.personId)}: <FormattedMessage id={r.read ? 'conversation.read' : 'conversation.unread'} />
              {' · '}
              {r.notified === null ? <FormattedMessage id="conversation.notifiedHidden" />
                : r.notified.length === 0 ? <FormattedMessage id="conversation.appOnly" />
                  : r.notified.map((n, i) => (
                    <span key={n.channel}>
                      {i > 0 && ', '}
                      <FormattedMessage id={`conversation.channel.${n.channel}`} />: <FormattedMessage id={`conversation.delivery.${n.state}`} />
                    </span>
                  ))}
            </p>
          ))}
        </details>
      )}
    </div>
  );
}
