import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, FormattedNumber } from 'react-intl';
import { OverviewResponse } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable, screenReaderPart } from '../layout/DataTable';
import { Day, fullName } from './format';
import { CheckTimeSetting } from './CheckTimeSetting';
import { useSession } from '../../lib/session';

/**
 * A class's (contact teacher, AKS base leader) or a school's (leaders) absence this term, with the owner's
 * "worrying absence" flag (3.4): a reason to talk with the family, not a judgement.
 */
export function AbsenceOverviewPage({ scope, id }: { scope: 'groups' | 'schools'; id: string }) {
  const { search, navigate, path } = useRouter();
  const { me } = useSession();
  const name = scope === 'groups'
    ? me?.staff.find((s) => s.group?.id === id)?.group?.name
    : me?.staff.find((s) => s.school.id === id)?.school.name;
  const worryingOnly = search.get('worrying') === '1';
  const q = useQuery({
    queryKey: ['absence', 'overview', scope, id, worryingOnly],
    queryFn: () => api.get(`/api/${scope}/${id}/absence/overview${worryingOnly ? '?worryingOnly=true' : ''}`, OverviewResponse),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const o = q.data!;
  const flagged = o.students.filter((s) => s.worrying).length;
  return (
    <>
      <h1><FormattedMessage id={scope === 'groups' ? 'absenceOverview.groupTitle' : 'absenceOverview.schoolTitle'} values={{ name: name ?? o.students[0]?.group.name ?? '' }} /></h1>
      <p><FormattedMessage id="studentAbsence.period" values={{ from: <Day date={o.from} />, to: <Day date={o.to} /> }} /></p>
      <p className="hint">
        <FormattedMessage id="absenceOverview.rules" values={{ percent: o.rules.percent, percentWeeks: o.rules.percentWeeks, days: o.rules.days, daysWeeks: o.rules.daysWeeks }} />
      </p>
      <p className="button-row">
        <label className="checkbox">
          <input type="checkbox" checked={worryingOnly} onChange={(e) => navigate(e.target.checked ? `${path}?worrying=1` : path)} />
          <FormattedMessage id="absenceOverview.worryingOnly" values={{ count: flagged }} />
        </label>
        <Link className="button secondary" href="/absence/follow-ups"><FormattedMessage id="followups.title" /></Link>
        <Link className="button secondary" href="/leave?status=pending"><FormattedMessage id="leave.listTitle" /></Link>
      </p>
      {o.students.length === 0 ? <p><FormattedMessage id="absenceOverview.none" /></p> : (
        <DataTable
          caption={{ id: 'absenceOverview.caption' }}
          columns={[
            { id: 'absenceOverview.student' }, scope === 'schools' && { id: 'absenceOverview.group' },
            { id: 'studentAbsence.absentDays' }, { id: 'studentAbsence.unreportedDays' }, { id: 'studentAbsence.leaveDays' },
            { id: 'absenceOverview.recent', values: { weeks: o.rules.percentWeeks } }, { id: 'absenceOverview.actions' },
          ]}
        >
          {o.students.map((s) => (
            <tr key={s.student.id} className={s.worrying ? 'worrying' : undefined}>
              <th scope="row">
                {fullName(s.student)}
                {s.worrying && <> <span className="tag tag-urgent"><FormattedMessage id="absenceOverview.worrying" /></span></>}
              </th>
              {scope === 'schools' && <td>{s.group.name}</td>}
              <td>{s.summary.absentDays}</td>
              <td>{s.summary.unreportedDays}</td>
              <td>{s.summary.leaveDays}</td>
              <td><FormattedNumber value={s.window.percent / 100} style="percent" maximumFractionDigits={1} /></td>
              <td className="actions">
                <Link href={`/students/${s.student.id}/absence`}><FormattedMessage id="absenceOverview.details" values={{ name: fullName(s.student), ...screenReaderPart }} /></Link>
                {' · '}
                <Link href={`/messages/to-families?group=${s.group.id}&students=${s.student.id}`}><FormattedMessage id="absenceOverview.write" values={{ name: fullName(s.student), ...screenReaderPart }} /></Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {scope === 'schools' && <CheckTimeSetting schoolId={id} />}
    </>
  );
}
