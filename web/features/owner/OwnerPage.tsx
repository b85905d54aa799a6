import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { OwnerOverviewResponse } from '@shared/contracts/people';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';

export function OwnerPage({ ownerId }: { ownerId: string }) {
  const q = useQuery({ queryKey: ['owner', ownerId], queryFn: () => api.get(`/api/owners/${ownerId}`, OwnerOverviewResponse) });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const { owner, schools } = q.data!;
  return (
    <>
      <h1>{owner.name}</h1>
      <p className="button-row">
        <Link className="button secondary" href={`/announcements/new?owner=${owner.id}`}><FormattedMessage id="home.newAnnouncement" /></Link>
        <Link className="button secondary" href={`/owners/${owner.id}/absence-rules`}><FormattedMessage id="owner.absenceRules" /></Link>
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col"><FormattedMessage id="owner.school" /></th>
              <th scope="col"><FormattedMessage id="owner.kind" /></th>
              <th scope="col"><FormattedMessage id="school.students" /></th>
              <th scope="col"><FormattedMessage id="school.groups" /></th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
              <tr key={s.id}>
                <th scope="row"><Link href={`/schools/${s.id}`}>{s.name}</Link></th>
                <td><FormattedMessage id={`schoolKind.${s.kind}`} /></td>
                <td>{s.studentCount}</td>
                <td>{s.groupCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
