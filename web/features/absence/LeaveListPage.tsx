import { useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { LeaveListResponse, LeaveStatus } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DaySpan, Instant, fullName } from './format';

/** Leave applications the reader may see: staff find those waiting for their decision first. */
export function LeaveListPage() {
  const { search, navigate } = useRouter();
  const status = LeaveStatus.safeParse(search.get('status')).data;
  const q = useQuery({ queryKey: ['leave-list', status ?? 'all'], queryFn: () => api.get(`/api/leave${status ? `?status=${status}` : ''}`, LeaveListResponse) });
  return (
    <>
      <h1><FormattedMessage id="leave.listTitle" /></h1>
      <label className="inline-label">
        <FormattedMessage id="leave.filter" />
        <select value={status ?? ''} onChange={(e) => navigate(e.target.value ? `/leave?status=${e.target.value}` : '/leave')}>
          <FormattedMessage id="leave.filterAll">{(t) => <option value="">{t}</option>}</FormattedMessage>
          {LeaveStatus.options.map((s) => <FormattedMessage key={s} id={`leave.status.${s}`}>{(t) => <option value={s}>{t}</option>}</FormattedMessage>)}
        </select>
      </label>
      {q.isLoading && <Loading />}
      {q.error && <ErrorMessage error={q.error} />}
      {q.data && q.data.applications.length === 0 && <p><FormattedMessage id="leave.none" /></p>}
      {q.data && q.data.applications.length > 0 && (
        <ul className="message-list">
          {q.data.applications.map((l) => (
            <li key={l.id}>
              <Link href={`/leave/${l.id}`}>{fullName(l.student)}: <DaySpan from={l.fromDate} to={l.toDate} /></Link>
              <span className="tag"><FormattedMessage id={`leave.status.${l.status}`} /></span>
              {l.canDecide && l.status === 'pending' && <span className="tag tag-new"><FormattedMessage id="leave.yourDecision" /></span>}
              <p className="meta">
                <FormattedMessage id={`leave.kind.${l.kind}`} />{' · '}{l.school.name}{' · '}
                <FormattedMessage id="leave.appliedByAt" values={{ name: fullName(l.appliedBy), at: <Instant at={l.appliedAt} /> }} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
