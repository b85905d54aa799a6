import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ConversationCreated, ConversationTopic, RoutingResponse } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { useDraft } from '../../lib/draft';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { childrenQuery } from '../family/children';

const TOPICS = ConversationTopic.options;

/** A guardian writes to the school about one child, and sees who will read it before sending (seed 001). */
export function NewConversationPage() {
  const { search, navigate } = useRouter();
  const children = useQuery(childrenQuery);
  const withAccess = children.data?.children.filter((c) => c.access === 'full') ?? [];
  const [studentId, setStudentId] = useState(search.get('student') ?? '');
  const [topic, setTopic] = useState<ConversationTopic>((TOPICS as readonly string[]).includes(search.get('topic') ?? '') ? (search.get('topic') as ConversationTopic) : 'academic');
  const student = studentId || withAccess[0]?.student.id || '';
  const routing = useQuery({
    queryKey: ['routing', student, topic],
    queryFn: () => api.get(`/api/conversations/recipients?studentId=${student}&topic=${topic}`, RoutingResponse),
    enabled: student !== '',
  });
  const { restore: restoreDraft, onInput: keepDraft, clear: clearDraft } = useDraft('new-conversation', ['subject', 'body']);
  const create = useMutation({
    mutationFn: (input: { subject: string; body: string }) => api.post('/api/conversations', { studentId: student, topic, ...input }, ConversationCreated),
    onSuccess: (r) => {
      clearDraft();
      navigate(`/messages/${r.conversationIds[0]}`);
    },
  });
  const send = useSubmitOnce(create);
  if (children.isLoading) return <Loading />;
  if (children.error) return <ErrorMessage error={children.error} />;
  if (withAccess.length === 0) {
    return (
      <>
        <h1><FormattedMessage id="newConversation.title" /></h1>
        <p><FormattedMessage id="newConversation.noChildren" /></p>
        <p><Link href="/"><FormattedMessage id="newConversation.toHome" /></Link></p>
      </>
    );
  }
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    send({ subject: String(form.get('subject')), body: String(form.get('body')) });
  };
  return (
    <>
      <h1><FormattedMessage id="newConversation.title" /></h1>
      <form onSubmit={submit} className="form" ref={restoreDraft} onInput={keepDraft}>
        <label>
          <FormattedMessage id="newConversation.child" />
          <select value={student} onChange={(e) => setStudentId(e.target.value)}>
            {withAccess.map((c) => <option key={c.student.id} value={c.student.id}>{c.student.givenName} {c.student.familyName}</option>)}
          </select>
        </label>
        <fieldset>
          <legend><FormattedMessage id="newConversation.topic" /></legend>
          {TOPICS.map((t) => (
            <label key={t} className="radio">
              <input type="radio" name="topic" value={t} checked={topic === t} onChange={() => setTopic(t)} />
              <FormattedMessage id={`topic.${t}`} />
            </label>
          ))}
        </fieldset>
        <section aria-live="polite" className="notice">
          <h2 className="h3"><FormattedMessage id="newConversation.readers" /></h2>
          {routing.data && (
            <ul className="plain-list">
              {routing.data.staff.map((s) => <li key={s.personId}>{s.givenName} {s.familyName} ({s.role && <FormattedMessage id={`role.${s.role}`} />})</li>)}
              {routing.data.guardians.map((g) => <li key={g.personId}>{g.givenName} {g.familyName} (<FormattedMessage id="newConversation.guardian" />)</li>)}
            </ul>
          )}
        </section>
        <label>
          <FormattedMessage id="newConversation.subject" />
          <input name="subject" required maxLength={200} />
        </label>
        <label>
          <FormattedMessage id="newConversation.body" />
          <textarea name="body" rows={6} required maxLength={10000} />
        </label>
        <p className="hint"><FormattedMessage id="newConversation.noHealth" /></p>
        {create.error && <ErrorMessage error={create.error} />}
        <button type="submit" disabled={create.isPending || !student}><FormattedMessage id="newConversation.send" /></button>
      </form>
    </>
  );
}
