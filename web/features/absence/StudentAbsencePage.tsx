import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, FormattedNumber } from 'react-intl';
import { StudentAbsenceResponse, SubjectAbsenceResponse } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { useSession } from '../../lib/session';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DataTable } from '../layout/DataTable';
import { Day, DaySpan, fullName } from './format';
import { ReportItem } from './ReportItem';
import { DocumentationSection } from './DocumentationSection';
import { childrenQuery } from '../family/children';

/** One child's absence this term: the figures, the reports (changeable before the day starts), leave. */
export function StudentAbsencePage({ studentId }: { studentId: string }) {
  const { me } = useSession();
  const q = useQuery({ queryKey: ['absence', 'student', studentId], queryFn: () => api.get(`/api/students/${studentId}/absence`, StudentAbsenceResponse) });
  const subjects = useQuery({ queryKey: ['absence', 'subjects', studentId], queryFn: () => api.get(`/api/students/${studentId}/absence/subjects`, SubjectAbsenceResponse) });
  const children = useQuery({ ...childrenQuery, enabled: me?.isGuardian === true });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const a = q.data!;
  const isGuardian = children.data?.children.some((c) => c.student.id === studentId && c.access === 'full') ?? false;
  const s = a.summary;
  return (
    <>
      <h1><FormattedMessage id="studentAbsence.title" values={{ name: fullName(a.student) }} /></h1>
      <p><FormattedMessage id="studentAbsence.period" values={{ from: <Day date={a.from} />, to: <Day date={a.to} /> }} /></p>
      {isGuardian && (
        <p className="button-row">
          <Link className="button" href={`/absence/new?student=${studentId}`}><FormattedMessage id="family.reportAbsence" /></Link>
          <Link className="button secondary" href={`/leave/new?student=${studentId}`}><FormattedMessage id="leave.apply" /></Link>
        </p>
      )}
      <section aria-labelledby="summary-heading" className="card">
        <h2 id="summary-heading" className="h3"><FormattedMessage id="studentAbsence.summary" /></h2>
        <dl className="inline-dl">
          <dt><FormattedMessage id="studentAbsence.absentDays" /></dt><dd><FormattedMessage id="studentAbsence.ofDays" values={{ absent: s.absentDays, total: s.schoolDays }} /></dd>
          <dt><FormattedMessage id="studentAbsence.reportedDays" /></dt><dd>{s.reportedDays}</dd>
          <dt><FormattedMessage id="studentAbsence.unreportedDays" /></dt><dd>{s.unreportedDays}</dd>
          <dt><FormattedMessage id="studentAbsence.leaveDays" /></dt><dd>{s.leaveDays}</dd>
          <dt><FormattedMessage id="studentAbsence.reportedHours" /></dt><dd><FormattedNumber value={s.reportedHours} maximumFractionDigits={1} /></dd>
          <dt><FormattedMessage id="studentAbsence.absentLessons" /></dt><dd>{s.absentLessons}</dd>
        </dl>
      </section>

      {/* Videregående only (3.10): the server says whether the per-subject limit applies to this student. */}
      {subjects.data?.applies && subjects.data.subjects.length > 0 && (
        <section aria-labelledby="subjects-heading">
          <h2 id="subjects-heading"><FormattedMessage id="studentAbsence.subjects" values={{ limit: subjects.data.limitPercent }} /></h2>
          <p className="hint"><FormattedMessage id="studentAbsence.subjectsHint" /></p>
          <DataTable labelledBy="subjects-heading" columns={[
            { id: 'studentAbsence.subject' }, { id: 'studentAbsence.documented' }, { id: 'studentAbsence.undocumented' }, { id: 'studentAbsence.exempt' }, { id: 'studentAbsence.undocumentedPercent' },
          ]}>
            {subjects.data.subjects.map((row) => (
              <tr key={row.subject}>
                <th scope="row">{row.subject}</th>
                <td>{row.documented}</td>
                <td>{row.undocumented}</td>
                <td>{row.exempt}</td>
                <td>
                  <FormattedNumber value={row.undocumentedPercent / 100} style="percent" maximumFractionDigits={1} />
                  {row.overLimit && <> <span className="tag tag-urgent"><FormattedMessage id="studentAbsence.overLimit" /></span></>}
                </td>
              </tr>
            ))}
          </DataTable>
          <DocumentationSection studentId={studentId} data={subjects.data} />
        </section>
      )}

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading"><FormattedMessage id="studentAbsence.reports" /></h2>
        {a.reports.length === 0 ? <p><FormattedMessage id="studentAbsence.noReports" /></p> : (
          <ul className="plain-list">{a.reports.map((r) => <ReportItem key={r.id} report={r} studentId={studentId} />)}</ul>
        )}
      </section>

      <section aria-labelledby="registered-heading">
        <h2 id="registered-heading"><FormattedMessage id="studentAbsence.registered" /></h2>
        {a.registered.length === 0 ? <p><FormattedMessage id="studentAbsence.noRegistered" /></p> : (
          <ul className="plain-list">
            {a.registered.map((r) => (
              <li key={`${r.date}-${r.period}`}>
                <Day date={r.date} />
                {r.period > 0 && <>{' · '}<FormattedMessage id="studentAbsence.lesson" values={{ period: r.period, subject: r.subject ?? '' }} /></>}
                {' · '}
                <FormattedMessage id={`studentAbsence.explained.${r.explainedBy ?? 'none'}`} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="leave-heading">
        <h2 id="leave-heading"><FormattedMessage id="leave.title" /></h2>
        {a.leave.length === 0 ? <p><FormattedMessage id="leave.none" /></p> : (
          <ul className="plain-list">
            {a.leave.map((l) => (
              <li key={l.id}>
                <Link href={`/leave/${l.id}`}><DaySpan from={l.fromDate} to={l.toDate} /></Link>
                {' · '}<FormattedMessage id={`leave.kind.${l.kind}`} />
                {' · '}<span className="tag"><FormattedMessage id={`leave.status.${l.status}`} /></span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
