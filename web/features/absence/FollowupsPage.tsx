import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { FollowupResolution, FollowupsResponse, type FollowupItem } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { Day, Instant, fullName } from './format';
import type { z } from 'zod';
import { useSubmitOnce } from '../../lib/submit-once';

/** The contact teacher's list of families not heard from after the morning check (3.2): whom to call. */
export function FollowupsPage() {
  const { search, navigate } = useRouter();
  // Without a date the server answers for its today, which is the day that counts (and testable with its clock).
  const asked = search.get('date');
  const q = useQuery({ queryKey: ['absence', 'followups', asked], queryFn: () => api.get(`/api/absence/follow-ups${asked ? `?date=${asked}` : ''}`, FollowupsResponse) });
  const date = asked ?? q.data?.date ?? '';
  const open = q.data?.items.filter((i) => !i.resolved) ?? [];
  const closed = q.data?.items.filter((i) => i.resolved) ?? [];
  return (
    <>
      <h1><FormattedMessage id="followups.title" /></h1>
      <label>
        <FormattedMessage id="followups.date" />{' '}
        <input type="date" value={date} onChange={(e) => e.target.value && navigate(`/absence/follow-ups?date=${e.target.value}`)} />
      </label>
      {q.isLoading && <Loading />}
      {q.error && <ErrorMessage error={q.error} />}
      {q.data && (
        <>
          <p><FormattedMessage id="followups.intro" values={{ date: <Day date={q.data.date} />, count: open.length }} /></p>
          <ul className="card-list">{open.map((i) => <Followup key={i.id} item={i} queryKey={['absence', 'followups', asked]} />)}</ul>
          {closed.length > 0 && (
            <>
              <h2><FormattedMessage id="followups.closed" /></h2>
              <ul className="card-list">{closed.map((i) => <Followup key={i.id} item={i} queryKey={['absence', 'followups', asked]} />)}</ul>
            </>
          )}
        </>
      )}
    </>
  );
}

function Followup({ item: i, queryKey }: { item: z.infer<typeof FollowupItem>; queryKey: unknown[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const resolve = useMutation({
    mutationFn: (resolution: z.infer<typeof FollowupResolution>) => api.post(`/api/absence/follow-ups/${i.id}/resolve`, { resolution }, FollowupsResponse),
    onSuccess: (r) => queryClient.setQueryData(queryKey, r),
  });
  const resolveOnce = useSubmitOnce(resolve);
  const headingId = `followup-${i.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">{fullName(i.student)} · {i.group.name}</h2>
      <ul className="plain-list">
        {i.guardians.map((g) => (
          <li key={g.id}>
            {fullName(g)}{': '}
            {g.phone ? <a href={`tel:${g.phone.replace(/\s/g, '')}`}>{g.phone}</a> : <FormattedMessage id="followups.phoneWithheld" />}
          </li>
        ))}
      </ul>
      {i.reportedLater && (
        <p className="success"><FormattedMessage id="followups.reportedLater" values={{ name: fullName(i.reportedLater.reportedBy), at: <Instant at={i.reportedLater.reportedAt} /> }} /></p>
      )}
      {i.resolved ? (
        <p className="meta"><FormattedMessage id={`followups.resolution.${i.resolved.resolution}`} />{' · '}{fullName(i.resolved.by)}, <Instant at={i.resolved.at} /></p>
      ) : (
        <div className="button-row" role="group" aria-label={intl.formatMessage({ id: 'followups.resolveFor' }, { name: fullName(i.student) })}>
          {FollowupResolution.options.map((r) => (
            <button key={r} type="button" className="button secondary" disabled={resolve.isPending} onClick={() => resolveOnce(r)}>
              <FormattedMessage id={`followups.resolve.${r}`} />
            </button>
          ))}
          <Link className="button secondary" href={`/messages/to-families?group=${i.group.id}&students=${i.student.id}`}><FormattedMessage id="followups.write" /></Link>
        </div>
      )}
      {resolve.error && <ErrorMessage error={resolve.error} />}
    </li>
  );
}
