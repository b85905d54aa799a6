import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { z } from 'zod';
import { ConversationDetail } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useSubmitOnce } from '../../lib/submit-once';
import { useDraft } from '../../lib/draft';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { ConversationPeople } from './ConversationPeople';
import { MessageReceipts } from './MessageReceipts';
import { ToneSelect } from './ToneSelect';
import { MessageTranslation } from '../translation/TranslatedText';

export function ConversationPage({ conversationId }: { conversationId: string }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const { restore: restoreDraft, onInput: keepDraft, clear: clearDraft } = useDraft(`reply:${conversationId}`, ['body']);
  const q = useQuery({ queryKey: ['conversation', conversationId], queryFn: () => api.get(`/api/conversations/${conversationId}`, ConversationDetail) });
  const send = useMutation({
    mutationFn: (message: { body: string; tone?: string; form: HTMLFormElement }) =>
      api.post(`/api/conversations/${conversationId}/messages`, { body: message.body, tone: message.tone }, z.object({ id: z.string() })),
    onSuccess: (_r, message) => {
      message.form.reset();
      clearDraft();
      void queryClient.invalidateQueries({ queryKey: ['conversation', conversationId] });
    },
  });
  const sendOnce = useSubmitOnce(send);
  // A reply of only spaces is not sent; say so rather than do nothing.
  const [blank, setBlank] = useState(false);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const c = q.data!;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const body = String(f.get('body') ?? '').trim();
    setBlank(body === '');
    // Only staff choose a tone; the server keeps a guardian's message neutral anyway.
    if (body) sendOnce({ body, tone: c.may.setTone ? String(f.get('tone')) : undefined, form });
  };
  return (
    <>
      <h1>{c.subject}</h1>
      <p><FormattedMessage id="conversation.about" values={{ name: `${c.student.givenName} ${c.student.familyName}` }} /></p>
      <ConversationPeople conversation={c} />
      <h2 className="visually-hidden"><FormattedMessage id="conversation.messages" /></h2>
      <ol className="messages">
        {c.messages.map((m) => (
          <li key={m.id} className={m.sender.personId === me?.person.id ? 'mine' : 'theirs'}>
            <p className="meta">
              <strong>{m.sender.givenName} {m.sender.familyName}</strong> · <FormattedDate value={m.createdAt} dateStyle="medium" timeStyle="short" timeZone="Europe/Oslo" />
              {m.tone !== 'neutral' && <> · <FormattedMessage id={`tone.${m.tone}`} /></>}
            </p>
            <MessageTranslation conversationId={c.id} messageId={m.id}><p className="body">{m.body}</p></MessageTranslation>
            {m.receipts && <MessageReceipts receipts={m.receipts} conversation={c} />}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="form" ref={restoreDraft} onInput={keepDraft}>
        <label>
          <FormattedMessage id="conversation.reply" />
          <textarea
            name="body" rows={4} maxLength={10000} required
            aria-invalid={blank || undefined} aria-describedby={blank ? 'reply-blank' : undefined}
            onChange={() => setBlank(false)}
          />
        </label>
        {blank && <p id="reply-blank" role="alert" className="error"><FormattedMessage id="conversation.blankReply" /></p>}
        {c.may.setTone && <ToneSelect labelId="conversation.tone" />}
        {send.error && <ErrorMessage error={send.error} />}
        <button type="submit" disabled={send.isPending}><FormattedMessage id="conversation.send" /></button>
      </form>
    </>
  );
}
