import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { SchoolReachResponse } from '@shared/contracts/messaging';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable } from '../layout/DataTable';
import { LanguageName } from '../layout/LanguageName';

/**
 * The principal's view of the whole school's reach: per class and AKS group, how many families nobody has reached
 * and how many guardians no channel reaches, each class leading to its own reach view with the names; then each
 * language other than Norwegian with the groups its families are in, where an interpreter is needed. Two narrow
 * tables rather than one wide one, so that a phone shows every column.
 */
export function SchoolReachPage({ schoolId }: { schoolId: string }) {
  const q = useQuery({ queryKey: ['schoolReach', schoolId], queryFn: () => api.get(`/api/schools/${schoolId}/reach`, SchoolReachResponse) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const r = q.data!;
  return (
    <>
      <h1><FormattedMessage id="schoolReach.title" values={{ name: r.school.name }} /></h1>
      <p><FormattedMessage id="schoolReach.intro" values={{ days: r.days }} /></p>
      <p className="hint"><FormattedMessage id="schoolReach.definitions" /></p>
      <section aria-labelledby="school-reach-groups">
        <h2 id="school-reach-groups"><FormattedMessage id="schoolReach.byGroup" /></h2>
        <DataTable labelledBy="school-reach-groups" columns={[{ id: 'schoolReach.group' }, { id: 'schoolReach.families' }, { id: 'schoolReach.notReached' }, { id: 'schoolReach.noChannel' }]}>
          {r.groups.map((g) => (
            <tr key={g.id}>
              <th scope="row"><Link href={`/groups/${g.id}/reach`}>{g.name}</Link></th>
              <td>{g.families}</td>
              <td>{g.notReachedFamilies}</td>
              <td>{g.noChannelGuardians}</td>
            </tr>
          ))}
          <tr>
            <th scope="row"><FormattedMessage id="schoolReach.total" /></th>
            <td>{r.total.families}</td>
            <td>{r.total.notReachedFamilies}</td>
            <td>{r.total.noChannelGuardians}</td>
          </tr>
        </DataTable>
      </section>
      <section aria-labelledby="school-reach-languages">
        <h2 id="school-reach-languages"><FormattedMessage id="schoolReach.languages" /></h2>
        {r.total.languages.length === 0 ? <p><FormattedMessage id="schoolReach.norwegianOnly" /></p> : (
          <DataTable
            labelledBy="school-reach-languages"
            columns={[{ id: 'schoolReach.language' }, { id: 'schoolReach.families' }, { id: 'schoolReach.needInterpreter' }, { id: 'schoolReach.groups' }]}
          >
            {r.total.languages.map((l) => (
              <tr key={l.language}>
                <th scope="row"><LanguageName code={l.language} /></th>
                <td>{l.families}</td>
                <td>{l.needInterpreter}</td>
                <td>
                  <ul className="plain-list">
                    {r.groups.flatMap((g) => g.languages.filter((x) => x.language === l.language).map((x) => (
                      <li key={g.id}><FormattedMessage id="schoolReach.inGroup" values={{ name: g.name, families: x.families }} /></li>
                    )))}
                  </ul>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
