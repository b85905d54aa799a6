import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { ReportAbsenceResponse } from '@shared/contracts/absence';
import { osloDate } from '@shared/dates';
import { api } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { DaySpan, fullName } from './format';
import { childrenQuery } from '../family/children';

/** A guardian reports absence for one or more children: school and AKS/SFO in one report, no health details. */
export function ReportAbsencePage() {
  const { search } = useRouter();
  const children = useQuery(childrenQuery);
  const [kind, setKind] = useState<'days' | 'part'>('days');
  const today = osloDate(new Date());
  const report = useMutation({ mutationFn: (body: Record<string, unknown>) => api.post('/api/absence/reports', body, ReportAbsenceResponse) });
  const send = useSubmitOnce(report);
  // Part of a day needs at least one time: without either, the server would take it as the whole day.
  const [noTime, setNoTime] = useState(false);
  if (children.isLoading) return <Loading />;
  const withAccess = children.data?.children.filter((c) => c.access === 'full') ?? [];
  const preselected = search.get('student');

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (name: string) => (f.get(name) ? String(f.get(name)) : undefined);
    if (kind === 'part' && !text('fromTime') && !text('untilTime')) {
      setNoTime(true);
      e.currentTarget.querySelector<HTMLInputElement>('input[name="fromTime"]')?.focus();
      return;
    }
    send({
      studentIds: f.getAll('studentIds').map(String),
      fromDate: text('fromDate'),
      ...(kind === 'days' ? { toDate: text('toDate') } : { fromTime: text('fromTime'), untilTime: text('untilTime') }),
      reason: text('reason') ?? null,
    });
  };

  if (report.data) {
    const { reports } = report.data;
    return (
      <>
        <h1><FormattedMessage id="absence.reported.title" /></h1>
        <ul className="plain-list">
          {reports.map((r) => (
            <li key={r.id} className="card">
              <strong>{fullName(r.student)}</strong>:{' '}
              <DaySpan from={r.fromDate} to={r.toDate} fromTime={r.fromTime} untilTime={r.untilTime} />
              {r.reachesAks && <p className="hint"><FormattedMessage id="absence.reported.aks" /></p>}
              <p>
                <Link href={`/students/${r.student.id}/absence`}>
                  <FormattedMessage id={r.canChange ? 'absence.reported.seeOrChange' : 'absence.reported.see'} values={{ name: fullName(r.student) }} />
                </Link>
              </p>
            </li>
          ))}
        </ul>
        {/* A report may be changed until its first day begins (Oslo time): one for today or earlier no longer can. */}
        <p><FormattedMessage id={reports.every((r) => r.canChange) ? 'absence.reported.note' : 'absence.reported.noteBegun'} /></p>
      </>
    );
  }
  return (
    <>
      <h1><FormattedMessage id="absence.report.title" /></h1>
      <form onSubmit={submit} className="form">
        <fieldset>
          <legend><FormattedMessage id="absence.report.who" /></legend>
          {withAccess.map((c) => (
            <label key={c.student.id} className="checkbox">
              <input type="checkbox" name="studentIds" value={c.student.id} defaultChecked={withAccess.length === 1 || preselected === c.student.id} />
              {c.student.givenName} {c.student.familyName}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend><FormattedMessage id="absence.report.when" /></legend>
          <label className="radio"><input type="radio" name="kind" checked={kind === 'days'} onChange={() => { setKind('days'); setNoTime(false); }} /> <FormattedMessage id="absence.report.wholeDays" /></label>
          <label className="radio"><input type="radio" name="kind" checked={kind === 'part'} onChange={() => setKind('part')} /> <FormattedMessage id="absence.report.partOfDay" /></label>
          <label><FormattedMessage id={kind === 'days' ? 'absence.report.fromDate' : 'absence.report.date'} /><input type="date" name="fromDate" defaultValue={today} required /></label>
          {kind === 'days' ? (
            <label><FormattedMessage id="absence.report.toDate" /><input type="date" name="toDate" defaultValue={today} /></label>
          ) : (
            <>
              <label>
                <FormattedMessage id="absence.report.fromTime" />
                <input type="time" name="fromTime" aria-invalid={noTime || undefined} aria-describedby={noTime ? 'absence-no-time' : undefined} onChange={() => setNoTime(false)} />
              </label>
              <label>
                <FormattedMessage id="absence.report.untilTime" />
                <input type="time" name="untilTime" aria-invalid={noTime || undefined} aria-describedby={noTime ? 'absence-no-time' : undefined} onChange={() => setNoTime(false)} />
              </label>
              {noTime && <p id="absence-no-time" role="alert" className="error"><FormattedMessage id="absence.report.noTime" /></p>}
            </>
          )}
        </fieldset>
        <fieldset>
          <legend><FormattedMessage id="absence.report.reason" /></legend>
          <label className="radio"><input type="radio" name="reason" value="ill" /> <FormattedMessage id="absence.reason.ill" /></label>
          <label className="radio"><input type="radio" name="reason" value="other" /> <FormattedMessage id="absence.reason.other" /></label>
          <p className="hint"><FormattedMessage id="absence.report.noHealth" /></p>
        </fieldset>
        {report.error && <ErrorMessage error={report.error} />}
        <button type="submit" disabled={report.isPending}><FormattedMessage id="absence.report.send" /></button>
      </form>
    </>
  );
}
