import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { ClassRosterResponse, ConfirmSituationResponse } from '@shared/contracts/people';
import { api } from '../../lib/api';
import { useSubmitOnce } from '../../lib/submit-once';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { LanguageName } from '../layout/LanguageName';
import { AskFirst } from '../layout/AskFirst';

export function RosterPage({ groupId }: { groupId: string }) {
  const intl = useIntl();
  const q = useQuery({ queryKey: ['roster', groupId], queryFn: () => api.get(`/api/groups/${groupId}/roster`, ClassRosterResponse) });
  // Families chosen here get a message each (/messages/to-families: one conversation per family).
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  // Domain 1.4: a leader confirms a guardian's family situation, after one more question.
  const queryClient = useQueryClient();
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const confirm = useMutation({
    mutationFn: (v: { studentId: string; guardianId: string }) =>
      api.post(`/api/students/${v.studentId}/guardians/${v.guardianId}/confirm-situation`, undefined, ConfirmSituationResponse),
    onSuccess: (r) => {
      setConfirmed((c) => [...c, `${r.studentId}:${r.guardianId}`]);
      void queryClient.invalidateQueries({ queryKey: ['roster', groupId] });
    },
  });
  const confirmOnce = useSubmitOnce(confirm);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const { group, students, contactTeachers, canConfirmSituation } = q.data!;
  const hidden = intl.formatMessage({ id: 'roster.hidden' });
  const picked = students.filter((s) => chosen.includes(s.id)).map((s) => s.id);
  const writeLink = (
    <Link className="button" href={`/messages/to-families?group=${group.id}${picked.length > 0 ? `&students=${picked.join(',')}` : ''}`}>
      {picked.length > 0 ? <FormattedMessage id="roster.writeToChosen" values={{ count: picked.length }} /> : <FormattedMessage id="home.writeToFamilies" />}
    </Link>
  );
  return (
    <>
      <h1><FormattedMessage id="roster.title" values={{ name: group.name, school: group.schoolName }} /></h1>
      <p>
        {/* An AKS group is led by its base leader, a class by its contact teacher (the server sends the one that leads). */}
        <FormattedMessage id={group.kind === 'aks' ? 'roster.summaryAks' : 'roster.summary'} values={{ count: students.length, teachers: contactTeachers.map((t) => `${t.givenName} ${t.familyName}`).join(', ') }} />
      </p>
      <p className="button-row">
        <Link className="button secondary" href={`/announcements/new?group=${group.id}`}><FormattedMessage id="home.newAnnouncement" /></Link>
        <Link className="button secondary" href={`/groups/${group.id}/reach`}><FormattedMessage id="home.reach" /></Link>
        {writeLink}
      </p>
      <ul className="roster">
        {students.map((s) => (
          <li key={s.id} className="card">
            <h2 className="h3">{s.givenName} {s.familyName}</h2>
            <label>
              <input type="checkbox" checked={chosen.includes(s.id)} onChange={() => toggle(s.id)} />
              {' '}<FormattedMessage id="roster.choose" values={{ name: `${s.givenName} ${s.familyName}` }} />
            </label>
            {s.addressProtected && <p className="protected"><FormattedMessage id="roster.studentProtected" /></p>}
            <ul className="guardians">
              {s.guardians.map((g) => {
                const name = `${g.givenName} ${g.familyName}`;
                const link = `${s.id}:${g.id}`;
                return (
                  <li key={g.id}>
                    <strong>{name}</strong>
                    {!g.parentalResponsibility && <> · <FormattedMessage id="roster.noParentalResponsibility" /></>}
                    {g.detailsProtected && <p className="protected"><FormattedMessage id="roster.guardianProtected" /></p>}
                    {g.situationUnconfirmed && (
                      <div className="notice">
                        <p><strong><FormattedMessage id="roster.situationUnconfirmed" /></strong></p>
                        <p><FormattedMessage id="roster.situationUnconfirmedHint" /></p>
                        {canConfirmSituation && (
                          <AskFirst ask={<FormattedMessage id="roster.confirmSituation" />}
                            askLabel={intl.formatMessage({ id: 'roster.confirmSituationLabel' }, { name })}
                            question={<FormattedMessage id="roster.confirmSituationQuestion" values={{ name, student: `${s.givenName} ${s.familyName}` }} />}
                            yes={<FormattedMessage id="roster.confirmSituationYes" />} no={<FormattedMessage id="common.cancel" />}
                            busy={confirm.isPending} onYes={() => confirmOnce({ studentId: s.id, guardianId: g.id })} onAsk={() => confirm.reset()} />
                        )}
                        {confirm.error && confirm.variables?.guardianId === g.id && confirm.variables.studentId === s.id && <ErrorMessage error={confirm.error} />}
                      </div>
                    )}
                    {confirmed.includes(link) && !g.situationUnconfirmed && (
                      <p role="status" className="success"><FormattedMessage id="roster.situationConfirmed" values={{ name }} /></p>
                    )}
                    <dl className="inline-dl">
                      <dt><FormattedMessage id="roster.phone" /></dt><dd>{g.phone ? <a href={`tel:${g.phone.replace(/\s/g, '')}`}>{g.phone}</a> : hidden}</dd>
                      <dt><FormattedMessage id="roster.email" /></dt><dd>{g.email ? <a href={`mailto:${g.email}`}>{g.email}</a> : hidden}</dd>
                      <dt><FormattedMessage id="roster.address" /></dt><dd>{g.address ?? hidden}</dd>
                      <dt><FormattedMessage id="roster.language" /></dt>
                      <dd><LanguageName code={g.preferredLanguage} />{g.interpreterNeeded && <> · <FormattedMessage id="roster.interpreter" /></>}</dd>
                    </dl>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {/* Chosen further down the list: the same way on, without scrolling back up. */}
      {picked.length > 0 && <p className="button-row">{writeLink}</p>}
    </>
  );
}
