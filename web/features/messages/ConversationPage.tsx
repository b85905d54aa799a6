import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { z } from 'zod';
import { ConversationDetail } from '@shared/contracts/messaging';
import { api, ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';

export function ConversationPage({ conversationId }: { conversationId: string }) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['conversation', conversationId], queryFn: () => api.get(`/api/conversations/${conversationId}`, ConversationDetail) });
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: (text: string) => api.post(`/api/conversations/${conversationId}/messages`, { body: text }, z.object({ id: z.string() })),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['conversation', conversationId] });
    },
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage code={q.error instanceof ApiError ? q.error.code : 'internal'} />;
  const c = q.data!;
  const others = (readBy: string[]) => c.participants.filter((p) => readBy.includes(p.personId)).map((p) => p.givenName).join(', ');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) send.mutate(body.trim());
  };
  return (
    <>
      <h1>{c.subject}</h1>
      <p><FormattedMessage id="conversation.about" values={{ name: `${c.student.givenName} ${c.student.familyName}` }} /></p>
      <p className="meta"><FormattedMessage id="conversation.participants" values={{ names: c.participants.map((p) => `${p.givenName} ${p.familyName}`).join(', ') }} /></p>
      <ol className="messages">
        {c.messages.map((m) => (
          <li key={m.id} className={m.sender.personId === me?.person.id ? 'mine' : 'theirs'}>
            <p className="meta">
              <strong>{m.sender.givenName} {m.sender.familyName}</strong> · <FormattedDate value={m.createdAt} dateStyle="medium" timeStyle="short" timeZone="Europe/Oslo" />
              {m.tone !== 'neutral' && <> · <FormattedMessage id={`tone.${m.tone}`} /></>}
            </p>
            <p className="body">{m.body}</p>
            {m.sender.personId === me?.person.id && (
              <p className="receipt">{m.readBy.length > 0 ? <FormattedMessage id="conversation.readBy" values={{ names: others(m.readBy) }} /> : <FormattedMessage id="conversation.notRead" />}</p>
            )}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="form">
        <label>
          <FormattedMessage id="conversation.reply" />
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} maxLength={10000} required />
        </label>
        {send.error && <ErrorMessage code={send.error instanceof ApiError ? send.error.code : 'internal'} />}
        <button type="submit" disabled={send.isPending}><FormattedMessage id="conversation.send" /></button>
      </form>
    </>
  );
}
