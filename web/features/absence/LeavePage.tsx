import { type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { LeaveApplicationView } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { Link } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { useDraft } from '../../lib/draft';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { Day, DaySpan, Instant, fullName } from './format';

/**
 * A leave application: what was asked, the owner's rules as they apply, and the enkeltvedtak with the appeal route.
 * The decision's texts are kept as a draft until saved (web/lib/draft.ts): a rektor may write them in several goes.
 */
export function LeavePage({ applicationId }: { applicationId: string }) {
  const queryClient = useQueryClient();
  const key = ['leave', applicationId];
  const q = useQuery({ queryKey: key, queryFn: () => api.get(`/api/leave/${applicationId}`, LeaveApplicationView) });
  const refresh = (l: LeaveApplicationView) => {
    queryClient.setQueryData(key, l);
    void queryClient.invalidateQueries({ queryKey: ['absence'] });
    void queryClient.invalidateQueries({ queryKey: ['leave-list'] });
  };
  const { restore: restoreDraft, onInput: keepDraft, clear: clearDraft } = useDraft(`leave-decision:${applicationId}`, ['outcome', 'reasons', 'bestInterests', 'studentViews']);
  const decide = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post(`/api/leave/${applicationId}/decision`, body, LeaveApplicationView),
    onSuccess: (l) => {
      clearDraft();
      refresh(l);
    },
  });
  const withdraw = useMutation({ mutationFn: () => api.post(`/api/leave/${applicationId}/withdraw`, {}, LeaveApplicationView), onSuccess: refresh });
  const decideOnce = useSubmitOnce(decide);
  const withdrawOnce = useSubmitOnce(withdraw);
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const l = q.data!;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    decideOnce({ outcome: f.get('outcome'), reasons: f.get('reasons'), bestInterests: f.get('bestInterests'), studentViews: f.get('studentViews') });
  };
  const error = decide.error ?? withdraw.error;
  return (
    <>
      <h1><FormattedMessage id="leave.pageTitle" values={{ name: fullName(l.student) }} /></h1>
      <section className="card" aria-labelledby="application-heading">
        <h2 id="application-heading" className="h3"><FormattedMessage id="leave.application" /></h2>
        <dl className="inline-dl">
          <dt><FormattedMessage id="leave.when" /></dt><dd><DaySpan from={l.fromDate} to={l.toDate} /> (<FormattedMessage id="leave.schoolDays" values={{ days: l.schoolDays }} />)</dd>
          <dt><FormattedMessage id="leave.kindLabel" /></dt><dd><FormattedMessage id={`leave.kind.${l.kind}`} /></dd>
          <dt><FormattedMessage id="leave.school" /></dt><dd>{l.school.name}</dd>
          {l.reason && <><dt><FormattedMessage id="leave.reason" /></dt><dd className="body">{l.reason}</dd></>}
          <dt><FormattedMessage id="leave.appliedBy" /></dt><dd>{fullName(l.appliedBy)}, <Instant at={l.appliedAt} /></dd>
          <dt><FormattedMessage id="leave.statusLabel" /></dt><dd><span className="tag"><FormattedMessage id={`leave.status.${l.status}`} /></span></dd>
          <dt><FormattedMessage id="leave.decider" /></dt><dd><FormattedMessage id={`leave.deciderRole.${l.decider}`} /></dd>
        </dl>
        {l.kind === 'ordinary' ? (
          <>
            <p><FormattedMessage id="leave.daysUsed" values={{ used: l.checks.daysUsedThisYear, max: l.checks.maxDaysPerYear }} /></p>
            {l.checks.overMax && <p className="warning"><FormattedMessage id="leave.overMax" values={{ max: l.checks.maxDaysPerYear }} /></p>}
            {l.checks.blackouts.map((b) => (
              <p key={`${b.startsOn}-${b.label}`} className="warning">
                <FormattedMessage id="leave.blackout" values={{ label: b.label, span: <DaySpan from={b.startsOn} to={b.endsOn} /> }} />
              </p>
            ))}
          </>
        ) : <p className="hint"><FormattedMessage id="leave.religiousRight" /></p>}
        {l.canWithdraw && (
          <button type="button" className="button secondary" disabled={withdraw.isPending} onClick={() => withdrawOnce()}><FormattedMessage id="leave.withdraw" /></button>
        )}
      </section>

      {l.decision && (
        <section className="card" aria-labelledby="decision-heading">
          <h2 id="decision-heading" className="h3"><FormattedMessage id={`leave.decision.${l.decision.outcome}`} /></h2>
          <p className="meta"><FormattedMessage id="leave.decidedBy" values={{ name: fullName(l.decision.decidedBy), at: <Instant at={l.decision.decidedAt} /> }} /></p>
          <h3 className="h3"><FormattedMessage id="leave.reasons" /></h3>
          <p className="body">{l.decision.reasons}</p>
          <h3 className="h3"><FormattedMessage id="leave.bestInterests" /></h3>
          <p className="body">{l.decision.bestInterests}</p>
          <h3 className="h3"><FormattedMessage id="leave.studentViews" /></h3>
          <p className="body">{l.decision.studentViews}</p>
          <h3 className="h3"><FormattedMessage id="leave.appealHeading" /></h3>
          <p>{l.decision.appeal.text}</p>
          <p><strong><FormattedMessage id="leave.appealDeadline" values={{ date: <Day date={l.decision.appeal.deadline} /> }} /></strong></p>
        </section>
      )}

      {l.canDecide && l.status === 'pending' && (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading"><FormattedMessage id="leave.decideHeading" /></h2>
          <p className="hint"><FormattedMessage id="leave.decideHint" /></p>
          <form onSubmit={submit} className="form" ref={restoreDraft} onInput={keepDraft}>
            <fieldset>
              <legend><FormattedMessage id="leave.outcome" /></legend>
              <label className="radio"><input type="radio" name="outcome" value="approved" defaultChecked /> <FormattedMessage id="leave.approve" /></label>
              {l.kind === 'ordinary' && <label className="radio"><input type="radio" name="outcome" value="refused" /> <FormattedMessage id="leave.refuse" /></label>}
            </fieldset>
            <label><FormattedMessage id="leave.reasons" /><textarea name="reasons" rows={3} required maxLength={4000} /></label>
            <label><FormattedMessage id="leave.bestInterests" /><textarea name="bestInterests" rows={3} required maxLength={4000} /></label>
            <label><FormattedMessage id="leave.studentViews" /><textarea name="studentViews" rows={3} required maxLength={4000} /></label>
            <button type="submit" disabled={decide.isPending}><FormattedMessage id="leave.saveDecision" /></button>
          </form>
        </section>
      )}
      {error && <ErrorMessage error={error} />}
      <p><Link href={`/students/${l.student.id}/absence`}><FormattedMessage id="leave.toStudentAbsence" values={{ name: fullName(l.student) }} /></Link></p>
    </>
  );
}
