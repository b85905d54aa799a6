import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { AbsenceReportView } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { ErrorMessage } from '../layout/ErrorMessage';
import { DaySpan, Instant, fullName } from './format';
import { useSubmitOnce } from '../../lib/submit-once';

/** One absence report: who reported it, and until its first day starts, correct or withdraw it. */
export function ReportItem({ report: r, studentId }: { report: AbsenceReportView; studentId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  // Part of a day with both times emptied would quietly become a whole day: asked for a time instead.
  const [noTime, setNoTime] = useState(false);
  const done = () => {
    setEditing(false);
    void queryClient.invalidateQueries({ queryKey: ['absence', 'student', studentId] });
  };
  const withdraw = useMutation({ mutationFn: () => api.post(`/api/absence/reports/${r.id}/withdraw`, {}, AbsenceReportView), onSuccess: done });
  const withdrawOnce = useSubmitOnce(withdraw);
  const correct = useMutation({ mutationFn: (body: Record<string, unknown>) => api.put(`/api/absence/reports/${r.id}`, body, AbsenceReportView), onSuccess: done });
  const correctOnce = useSubmitOnce(correct);
  const error = withdraw.error ?? correct.error;
  const headingId = `report-${r.id}`;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (name: string) => (f.get(name) ? String(f.get(name)) : undefined);
    const partOfDay = r.fromTime !== null || r.untilTime !== null;
    if (partOfDay && !text('fromTime') && !text('untilTime')) {
      setNoTime(true);
      return;
    }
    correctOnce({
      fromDate: text('fromDate'),
      ...(partOfDay ? { fromTime: text('fromTime'), untilTime: text('untilTime') } : { toDate: text('toDate') }),
      reason: text('reason') ?? null,
    });
  };

  return (
    <li className="card" aria-labelledby={headingId}>
      <p id={headingId}>
        <strong><DaySpan from={r.fromDate} to={r.toDate} fromTime={r.fromTime} untilTime={r.untilTime} /></strong>
        {r.reason && <>{' · '}<FormattedMessage id={`absence.reason.${r.reason}`} /></>}
        {r.status === 'withdrawn' && <> <span className="tag"><FormattedMessage id="absence.withdrawn" /></span></>}
      </p>
      <p className="meta"><FormattedMessage id="absence.reportedByAt" values={{ name: fullName(r.reportedBy), at: <Instant at={r.reportedAt} /> }} /></p>
      {r.updatedAt !== r.reportedAt && <p className="meta"><FormattedMessage id="absence.changedByAt" values={{ name: fullName(r.updatedBy), at: <Instant at={r.updatedAt} /> }} /></p>}
      {r.reachesAks && <p className="hint"><FormattedMessage id="absence.reported.aks" /></p>}
      {r.canChange && r.status === 'active' && !editing && (
        <p className="button-row">
          <button type="button" className="button secondary" onClick={() => setEditing(true)}><FormattedMessage id="absence.correct" /></button>
          <button type="button" className="button secondary" disabled={withdraw.isPending} onClick={() => withdrawOnce()}><FormattedMessage id="absence.withdraw" /></button>
        </p>
      )}
      {editing && (
        <form onSubmit={submit} className="form" aria-label={intl.formatMessage({ id: 'absence.correctFor' }, { name: fullName(r.student) })}>
          {r.fromTime !== null || r.untilTime !== null ? (
            <>
              <label><FormattedMessage id="absence.report.date" /><input type="date" name="fromDate" defaultValue={r.fromDate} required /></label>
              <label><FormattedMessage id="absence.report.fromTime" /><input type="time" name="fromTime" defaultValue={r.fromTime ?? ''} aria-invalid={noTime || undefined} aria-describedby={noTime ? `${headingId}-no-time` : undefined} onChange={() => setNoTime(false)} /></label>
              <label><FormattedMessage id="absence.report.untilTime" /><input type="time" name="untilTime" defaultValue={r.untilTime ?? ''} aria-invalid={noTime || undefined} aria-describedby={noTime ? `${headingId}-no-time` : undefined} onChange={() => setNoTime(false)} /></label>
              {noTime && <p id={`${headingId}-no-time`} role="alert" className="error"><FormattedMessage id="absence.report.noTime" /></p>}
            </>
          ) : (
            <>
              <label><FormattedMessage id="absence.report.fromDate" /><input type="date" name="fromDate" defaultValue={r.fromDate} required /></label>
              <label><FormattedMessage id="absence.report.toDate" /><input type="date" name="toDate" defaultValue={r.toDate} /></label>
            </>
          )}
          <fieldset>
            <legend><FormattedMessage id="absence.report.reason" /></legend>
            <label className="radio"><input type="radio" name="reason" value="ill" defaultChecked={r.reason === 'ill'} /> <FormattedMessage id="absence.reason.ill" /></label>
            <label className="radio"><input type="radio" name="reason" value="other" defaultChecked={r.reason === 'other'} /> <FormattedMessage id="absence.reason.other" /></label>
          </fieldset>
          <p className="button-row">
            <button type="submit" disabled={correct.isPending}><FormattedMessage id="absence.saveCorrection" /></button>
            <button type="button" className="button secondary" onClick={() => setEditing(false)}><FormattedMessage id="common.cancel" /></button>
          </p>
        </form>
      )}
      {error && <ErrorMessage error={error} />}
    </li>
  );
}
