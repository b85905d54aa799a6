import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { OwnerOverviewResponse } from '@shared/contracts/people';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable } from '../layout/DataTable';

export function OwnerPage({ ownerId }: { ownerId: string }) {
  const q = useQuery({ queryKey: ['owner', ownerId], queryFn: () => api.get(`/api/owners/${ownerId}`, OwnerOverviewResponse) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const { owner, schools } = q.data!;
  return (
    <>
      <h1 id="owner-heading">{owner.name}</h1>
      <p className="button-row">
        <Link className="button secondary" href={`/announcements/new?owner=${owner.id}`}><FormattedMessage id="home.newAnnouncement" /></Link>
        <Link className="button secondary" href={`/owners/${owner.id}/absence-rules`}><FormattedMessage id="owner.absenceRules" /></Link>
      </p>
      <DataTable labelledBy="owner-heading" columns={[{ id: 'owner.school' }, { id: 'owner.kind' }, { id: 'school.students' }, { id: 'school.groups' }]}>
        {schools.map((s) => (
          <tr key={s.id}>
            <th scope="row"><Link href={`/schools/${s.id}`}>{s.name}</Link></th>
            <td><FormattedMessage id={`schoolKind.${s.kind}`} /></td>
            <td>{s.studentCount}</td>
            <td>{s.groupCount}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
