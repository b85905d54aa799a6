import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { ParticipantCandidates, type ConversationDetail } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { useSession } from '../../lib/session';
import { ErrorMessage } from '../layout/ErrorMessage';
import { AskFirst } from '../layout/AskFirst';
import { useSubmitOnce } from '../../lib/submit-once';

/**
 * Who can read the conversation, shown to everyone in it. Staff also bring in a colleague (the sosiallærer, the
 * rektor) or a guardian Tillit allows beside the others, and take someone out.
 */
export function ConversationPeople({ conversation }: { conversation: ConversationDetail }) {
  const intl = useIntl();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const id = conversation.id;
  const manage = conversation.may.manageParticipants;
  const candidates = useQuery({
    queryKey: ['conversation', id, 'candidates'],
    queryFn: () => api.get(`/api/conversations/${id}/candidates`, ParticipantCandidates),
    enabled: manage,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['conversation', id] });
  const add = useMutation({ mutationFn: (personId: string) => api.post(`/api/conversations/${id}/participants`, { personId }), onSuccess: refresh });
  const addOnce = useSubmitOnce(add);
  const remove = useMutation({ mutationFn: (personId: string) => api.del(`/api/conversations/${id}/participants/${personId}`), onSuccess: refresh });
  const removeOnce = useSubmitOnce(remove);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const personId = String(new FormData(e.currentTarget).get('personId') ?? '');
    if (personId) addOnce(personId);
  };
  const roleText = (role: string, groupName: string | null) =>
    `${intl.formatMessage({ id: `role.${role}` })}${groupName ? ` (${groupName})` : ''}`;
  const error = add.error ?? remove.error;
  const staff = candidates.data?.staff ?? [];
  const guardians = candidates.data?.guardians ?? [];
  return (
    <section aria-labelledby="readers-heading">
      <h2 id="readers-heading" className="h3"><FormattedMessage id="conversation.readers" /></h2>
      <ul className="plain-list">
        {conversation.participants.map((p) => (
          <li key={p.personId}>
            {p.givenName} {p.familyName} (
            {p.kind !== 'staff' ? <FormattedMessage id="newConversation.guardian" /> : p.role ? <FormattedMessage id={`role.${p.role}`} /> : <FormattedMessage id="conversation.staff" />})
            {manage && p.personId !== me?.person.id && (
              // Asked once more: on a phone the button sits right beside the name.
              <>
                {' '}
                <AskFirst ask={<FormattedMessage id="conversation.remove" />}
                  askLabel={intl.formatMessage({ id: 'conversation.removeLabel' }, { name: `${p.givenName} ${p.familyName}` })}
                  question={<FormattedMessage id="conversation.removeConfirm" values={{ name: `${p.givenName} ${p.familyName}` }} />}
                  yes={<FormattedMessage id="conversation.removeYes" />} no={<FormattedMessage id="conversation.removeNo" />}
                  busy={remove.isPending} onYes={() => removeOnce(p.personId)} onAsk={() => remove.reset()} />
              </>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <form onSubmit={submit} className="form">
          <label>
            <FormattedMessage id="conversation.add" />
            <select name="personId" required defaultValue="">
              <FormattedMessage id="conversation.choose">{(text) => <option value="">{text}</option>}</FormattedMessage>
              {staff.length > 0 && (
                <optgroup label={intl.formatMessage({ id: 'conversation.colleagues' })}>
                  {staff.map((s) => (
                    <option key={s.personId} value={s.personId}>{`${s.givenName} ${s.familyName} – ${s.roles.map((r) => roleText(r.role, r.groupName)).join(', ')}`}</option>
                  ))}
                </optgroup>
              )}
              {guardians.length > 0 && (
                <optgroup label={intl.formatMessage({ id: 'conversation.guardians' })}>
                  {guardians.map((g) => <option key={g.personId} value={g.personId}>{`${g.givenName} ${g.familyName}`}</option>)}
                </optgroup>
              )}
            </select>
          </label>
          <p className="hint"><FormattedMessage id="conversation.addHint" /></p>
          {error && <ErrorMessage error={error} />}
          <p><button type="submit" className="button secondary" disabled={add.isPending}><FormattedMessage id="conversation.addButton" /></button></p>
        </form>
      )}
    </section>
  );
}
