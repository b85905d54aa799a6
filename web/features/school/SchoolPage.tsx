import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { SchoolOverviewResponse } from '@shared/contracts/people';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { isLeaderRole, useSession } from '../../lib/session';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable, screenReaderPart } from '../layout/DataTable';

export function SchoolPage({ schoolId }: { schoolId: string }) {
  const q = useQuery({ queryKey: ['school', schoolId], queryFn: () => api.get(`/api/schools/${schoolId}`, SchoolOverviewResponse) });
  const { me } = useSession();
  // The school's leaders follow its absence, leave and reach (the whole school's and each class's); others who may
  // see the page (the owner's administrators) see its groups and staff.
  const leads = me?.staff.some((s) => s.school.id === schoolId && isLeaderRole(s.role)) ?? false;
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const { school, groups, staff } = q.data!;
  return (
    <>
      <h1>{school.name}</h1>
      {leads && (
        <nav aria-labelledby="school-tools-heading" className="card">
          <h2 id="school-tools-heading" className="h3"><FormattedMessage id="school.tools" /></h2>
          <p className="button-row">
            <Link className="button secondary" href={`/schools/${school.id}/absence`}><FormattedMessage id="absenceOverview.schoolTitle" values={{ name: school.name }} /></Link>
            <Link className="button secondary" href={`/schools/${school.id}/reach`}><FormattedMessage id="schoolReach.title" values={{ name: school.name }} /></Link>
            <Link className="button secondary" href="/leave?status=pending"><FormattedMessage id="leave.listTitle" /></Link>
            <Link className="button secondary" href="/announcements/sent"><FormattedMessage id="sent.title" /></Link>
          </p>
        </nav>
      )}
      <section aria-labelledby="classes-heading">
        <h2 id="classes-heading"><FormattedMessage id="school.groups" /></h2>
        <DataTable labelledBy="classes-heading" columns={[{ id: 'school.group' }, { id: 'school.students' }, { id: 'school.leaders' }, ...(leads ? [{ id: 'school.reach' }] : [])]}>
          {groups.map((g) => (
            <tr key={g.id}>
              <th scope="row"><Link href={`/groups/${g.id}`}>{g.name}</Link></th>
              <td>{g.studentCount}</td>
              <td><GroupLeaders kind={g.kind} names={g.contactTeachers.map((t) => `${t.givenName} ${t.familyName}`).join(', ')} /></td>
              {leads && <td className="actions"><Link href={`/groups/${g.id}/reach`}><FormattedMessage id="reach.groupLink" values={{ name: g.name, ...screenReaderPart }} /></Link></td>}
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading"><FormattedMessage id="school.staff" /></h2>
        <ul className="plain-list">
          {staff.map((p) => (
            <li key={p.id}>
              <strong>{p.givenName} {p.familyName}</strong>:{' '}
              {p.roles.map((r, i) => (
                <span key={`${r.role}-${r.groupName ?? ''}`}>
                  {i > 0 && ', '}
                  <FormattedMessage id={`role.${r.role}`} />{r.groupName && ` (${r.groupName})`}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The group's leader: a class's contact teacher, or an AKS group's base leader, said to be one. */
function GroupLeaders({ kind, names }: { kind: 'class' | 'aks'; names: string }) {
  if (kind === 'aks' && names) return <FormattedMessage id="school.baseLeaders" values={{ names }} />;
  return <>{names}</>;
}
