import { useQuery } from '@tanstack/react-query';
import { FormattedDate, FormattedMessage } from 'react-intl';
import { PositiveContactResponse, ReachResponse } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable } from '../layout/DataTable';
import { LanguageName } from '../layout/LanguageName';

type ByLanguage = ReachResponse['noChannel'];

/** Whom the class has not reached, whom to call and in which language, and how the positive contact stands. */
export function ReachPage({ groupId }: { groupId: string }) {
  const reach = useQuery({ queryKey: ['reach', groupId], queryFn: () => api.get(`/api/groups/${groupId}/reach`, ReachResponse) });
  const positive = useQuery({ queryKey: ['positive', groupId], queryFn: () => api.get(`/api/groups/${groupId}/positive-contact`, PositiveContactResponse) });
  if (reach.isLoading || positive.isLoading) return <Loading />;
  if (reach.error) return <ErrorMessage error={reach.error} />;
  const r = reach.data!;
  const p = positive.data;
  return (
    <>
      <h1><FormattedMessage id="reach.title" values={{ name: r.group.name }} /></h1>
      <section aria-labelledby="not-reached">
        <h2 id="not-reached"><FormattedMessage id="reach.notReached" values={{ days: r.days }} /></h2>
        {r.notReachedFamilies === 0 ? <p><FormattedMessage id="reach.allReached" /></p> : (
          <>
            <p><FormattedMessage id="reach.notReachedCount" values={{ count: r.notReachedFamilies }} /></p>
            <Languages groups={r.notReached} prefix="not-reached" />
          </>
        )}
      </section>
      <section aria-labelledby="no-channel">
        <h2 id="no-channel"><FormattedMessage id="reach.noChannel" /></h2>
        {r.noChannel.length === 0 ? <p><FormattedMessage id="reach.noChannelNone" /></p> : <Languages groups={r.noChannel} prefix="no-channel" />}
      </section>
      {p && <PositiveContact p={p} groupId={groupId} />}
    </>
  );
}

/**
 * Guardians by language: how many need an interpreter, and for each whom they are the parent of and how to reach
 * them, with their number to call from the phone the teacher holds (where she may see it, as in the roster).
 */
function Languages({ groups, prefix }: { groups: ByLanguage; prefix: string }) {
  return groups.map((l) => (
    <section key={l.language} aria-labelledby={`${prefix}-${l.language}`}>
      <h3 id={`${prefix}-${l.language}`}>
        <LanguageName code={l.language} />
        {l.interpreterNeeded > 0 && <> · <FormattedMessage id="reach.interpreters" values={{ count: l.interpreterNeeded }} /></>}
      </h3>
      <ul className="plain-list">
        {l.guardians.map((g) => (
          <li key={g.personId}>
            <strong>{g.givenName} {g.familyName}</strong> ({g.students.join(', ')})
            {g.interpreterNeeded && <>, <FormattedMessage id="roster.interpreter" /></>}
            {' · '}
            {g.channelsHidden ? <FormattedMessage id="roster.guardianProtected" /> : (
              <FormattedMessage
                id="reach.channels"
                values={{ login: String(g.hasLogin), email: g.emailBounced ? 'bounced' : String(g.hasEmail), phone: String(g.hasPhone) }}
              />
            )}
            {g.phone && <>{' · '}<a href={`tel:${g.phone.replace(/[^+\d]/g, '')}`}><FormattedMessage id="reach.call" values={{ phone: g.phone }} /></a></>}
          </li>
        ))}
      </ul>
    </section>
  ));
}

/** Per student, when the family last heard something positive and this term's count; then, gently, who heard only problems. */
function PositiveContact({ p, groupId }: { p: PositiveContactResponse; groupId: string }) {
  const onlyProblems = p.students.filter((s) => p.onlyProblems.includes(s.id));
  return (
    <section aria-labelledby="positive">
      <h2 id="positive"><FormattedMessage id="reach.positiveTitle" /></h2>
      {onlyProblems.length === 0 ? <p><FormattedMessage id="reach.noOnlyProblems" /></p> : (
        <div className="notice">
          <p><FormattedMessage id="reach.onlyProblems" /></p>
          <ul className="plain-list">
            {onlyProblems.map((s) => (
              <li key={s.id}>
                <Link href={`/announcements/new?group=${groupId}&students=${s.id}&category=positive`}>
                  <FormattedMessage id="reach.sendPositive" values={{ name: `${s.givenName} ${s.familyName}` }} />
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <DataTable labelledBy="positive" columns={[{ id: 'receipts.student' }, { id: 'reach.lastPositive' }, { id: 'reach.positives' }, { id: 'reach.concerns' }]}>
        {p.students.map((s) => (
          <tr key={s.id}>
            <th scope="row">{s.givenName} {s.familyName}</th>
            <td>{s.lastPositiveAt ? <FormattedDate value={s.lastPositiveAt} dateStyle="medium" timeZone="Europe/Oslo" /> : <FormattedMessage id="reach.never" />}</td>
            <td>{s.positivesThisTerm}</td>
            <td>{s.concernsThisTerm}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
