import { type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { OwnerOverviewResponse, OwnerSettings } from '@shared/contracts/people';
import { api } from '../../lib/api';
import { useSubmitOnce } from '../../lib/submit-once';
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
      <OwnerSettingsForm ownerId={owner.id} />
    </>
  );
}

/** Domain 1.4: "registered-residence parent only" until the school has confirmed the family situation. */
function OwnerSettingsForm({ ownerId }: { ownerId: string }) {
  const queryClient = useQueryClient();
  const key = ['owner-settings', ownerId];
  const q = useQuery({ queryKey: key, queryFn: () => api.get(`/api/owners/${ownerId}/settings`, OwnerSettings) });
  const save = useMutation({
    mutationFn: (settings: OwnerSettings) => api.put(`/api/owners/${ownerId}/settings`, settings, OwnerSettings),
    onSuccess: (s) => queryClient.setQueryData(key, s),
  });
  const send = useSubmitOnce(save);
  if (q.error) return <ErrorMessage error={q.error} />;
  if (!q.data) return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    send({ residenceParentOnlyUntilConfirmed: new FormData(e.currentTarget).get('residenceParentOnlyUntilConfirmed') === 'on' });
  };
  return (
    <section aria-labelledby="owner-settings-heading">
      <h2 id="owner-settings-heading"><FormattedMessage id="owner.settings.title" /></h2>
      <form onSubmit={submit} className="form">
        <label className="checkbox">
          <input type="checkbox" name="residenceParentOnlyUntilConfirmed" defaultChecked={q.data.residenceParentOnlyUntilConfirmed}
            aria-describedby="owner-residence-hint" onChange={() => save.reset()} />{' '}
          <FormattedMessage id="owner.settings.residenceRule" />
        </label>
        <p id="owner-residence-hint" className="hint"><FormattedMessage id="owner.settings.residenceRuleHint" /></p>
        {save.error && <ErrorMessage error={save.error} />}
        {save.isSuccess && (
          <p role="status" className="success">
            <FormattedMessage id={save.data.residenceParentOnlyUntilConfirmed ? 'owner.settings.savedOn' : 'owner.settings.savedOff'} />
          </p>
        )}
        <button type="submit" disabled={save.isPending}><FormattedMessage id="owner.settings.save" /></button>
      </form>
    </section>
  );
}
