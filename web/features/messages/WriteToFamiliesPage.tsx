import { type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ClassRosterResponse } from '@shared/contracts/people';
import { ConversationCreated } from '@shared/contracts/messaging';
import { api, ApiError } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { useDraft } from '../../lib/draft';
import { ContentWarnings, useContentWarnings } from '../announcements/ContentWarnings';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { ToneSelect } from './ToneSelect';

/**
 * Staff write to one family or several in a class: one conversation per child's family, so no family reads
 * another's. Writing to many is checked for other students' names and health words first.
 */
export function WriteToFamiliesPage() {
  const { search, navigate } = useRouter();
  const groupId = search.get('group') ?? '';
  const roster = useQuery({ queryKey: ['roster', groupId], queryFn: () => api.get(`/api/groups/${groupId}/roster`, ClassRosterResponse), enabled: groupId !== '' });
  const preselected = new Set((search.get('students') ?? '').split(',').filter(Boolean));
  const check = useContentWarnings();
  const { warnings } = check;
  const { restore: restoreDraft, onInput: keepDraft, clear: clearDraft } = useDraft(groupId ? `to-families:${groupId}` : null, ['studentIds', 'subject', 'body']);
  const send = useMutation({
    mutationFn: ({ body }: { body: { studentIds: string[] } & Record<string, unknown>; version: number }) => api.post('/api/conversations/to-families', body, ConversationCreated),
    onSuccess: (r) => {
      clearDraft();
      navigate(r.conversationIds.length === 1 ? `/messages/${r.conversationIds[0]}` : '/messages');
    },
    onError: (err, { version }) => check.failed(err, version),
  });
  const sendOnce = useSubmitOnce(send);
  if (!groupId) return <ErrorMessage code="validation_failed" />;
  if (roster.isLoading) return <Loading />;
  if (roster.error) return <ErrorMessage error={roster.error} />;
  const { group, students } = roster.data!;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    sendOnce({
      version: check.version(),
      body: { studentIds: f.getAll('studentIds').map(String), subject: f.get('subject'), body: f.get('body'), tone: f.get('tone'), confirmWarnings: check.confirmation() },
    });
  };
  // An adult student, or no guardian with access: say whose family Tillit cannot write to, and why.
  const unreachable = send.error instanceof ApiError && send.error.code === 'family_unreachable' ? send.error.issues : [];
  // A refusal's `studentIds.<n>` is the n-th id as sent.
  const nameAt = (path: string) => {
    const s = students.find((x) => x.id === send.variables?.body.studentIds[Number(path.split('.')[1])]);
    return s ? `${s.givenName} ${s.familyName}` : '';
  };
  return (
    <>
      <h1><FormattedMessage id="toFamilies.title" values={{ name: group.name }} /></h1>
      <p><FormattedMessage id="toFamilies.intro" /></p>
      <form onSubmit={submit} className="form" ref={restoreDraft} onInput={keepDraft}>
        <fieldset>
          <legend><FormattedMessage id="toFamilies.who" /></legend>
          {students.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" name="studentIds" value={s.id} defaultChecked={preselected.has(s.id)} onChange={check.changed} />
              {s.givenName} {s.familyName}
            </label>
          ))}
        </fieldset>
        <label><FormattedMessage id="toFamilies.subject" /><input name="subject" required maxLength={200} onChange={check.changed} /></label>
        <label><FormattedMessage id="newAnnouncement.body" /><textarea name="body" rows={6} required maxLength={20000} onChange={check.changed} /></label>
        <ToneSelect labelId="toFamilies.tone" />
        <ContentWarnings warnings={warnings} />
        {unreachable.length > 0 && (
          <div role="alert" className="error">
            <p><FormattedMessage id="error.family_unreachable" /></p>
            <ul>{unreachable.map((i) => <li key={i.path}><FormattedMessage id={`toFamilies.unreachable.${i.code}`} values={{ name: nameAt(i.path) }} /></li>)}</ul>
          </div>
        )}
        {send.error && !(send.error instanceof ApiError && (send.error.code === 'content_warning' || send.error.code === 'family_unreachable')) && (
          <ErrorMessage error={send.error} />
        )}
        <button type="submit" disabled={send.isPending}><FormattedMessage id={warnings.length > 0 ? 'newAnnouncement.sendAnyway' : 'toFamilies.send'} /></button>
      </form>
    </>
  );
}
