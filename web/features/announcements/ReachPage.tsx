import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { PositiveContactResponse, ReachResponse } from '@shared/contracts/messaging';
import { api, ApiError } from '../../lib/api';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { LanguageName } from '../layout/LanguageName';

/** Whom the class has not reached, whom to call and in which language, and who has only heard about problems. */
export function ReachPage({ groupId }: { groupId: string }) {
  const reach = useQuery({ queryKey: ['reach', groupId], queryFn: () => api.get(`/api/groups/${groupId}/reach`, ReachResponse) });
  const positive = useQuery({ queryKey: ['positive', groupId], queryFn: () => api.get(`/api/groups/${groupId}/positive-contact`, PositiveContactResponse) });
  if (reach.isLoading || positive.isLoading) return <Loading />;
  if (reach.error) return <ErrorMessage code={reach.error instanceof ApiError ? reach.error.code : 'internal'} />;
  const r = reach.data!;
  const p = positive.data;
  return (
    <>
      <h1><FormattedMessage id="reach.title" values={{ name: r.group.name }} /></h1>
      <section aria-labelledby="not-reached">
        <h2 id="not-reached"><FormattedMessage id="reach.notReached" values={{ days: r.days }} /></h2>
        {r.notReached.length === 0 ? <p><FormattedMessage id="reach.allReached" /></p> : (
          <ul className="plain-list">
            {r.notReached.map((f) => (
              <li key={f.student.id}>
                <strong>{f.student.givenName} {f.student.familyName}</strong>:{' '}
                {f.guardians.map((g, i) => (
                  <span key={g.personId}>{i > 0 && ', '}{g.givenName} {g.familyName} (<LanguageName code={g.preferredLanguage} />{g.interpreterNeeded && <>, <FormattedMessage id="roster.interpreter" /></>})</span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="no-channel">
        <h2 id="no-channel"><FormattedMessage id="reach.noApp" /></h2>
        {r.noChannel.map((l) => (
          <div key={l.language}>
            <h3><LanguageName code={l.language} /></h3>
            <ul className="plain-list">
              {l.guardians.map((g) => (
                <li key={g.personId}>
                  {g.givenName} {g.familyName} · {g.studentName} · <FormattedMessage id="reach.channels" values={{ email: String(g.hasEmail), phone: String(g.hasPhone) }} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      {p && (
        <section aria-labelledby="positive">
          <h2 id="positive"><FormattedMessage id="reach.positiveTitle" /></h2>
          {p.onlyProblems.length === 0 ? <p><FormattedMessage id="reach.noOnlyProblems" /></p> : (
            <>
              <p><FormattedMessage id="reach.onlyProblems" /></p>
              <ul className="plain-list">
                {p.students.filter((s) => p.onlyProblems.includes(s.id)).map((s) => <li key={s.id}>{s.givenName} {s.familyName}</li>)}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}
