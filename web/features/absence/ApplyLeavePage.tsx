import { type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { LeaveApplicationView, LeaveKind } from '@shared/contracts/absence';
import { osloDate } from '@shared/dates';
import { api } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { useSubmitOnce } from '../../lib/submit-once';
import { useDraft } from '../../lib/draft';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { fullName } from './format';
import { childrenQuery } from '../family/children';

/**
 * A guardian applies for leave (permisjon); the school answers with an enkeltvedtak. What is filled in is kept
 * until sent (web/lib/draft.ts), one draft per link to the form (a link names the child).
 */
export function ApplyLeavePage() {
  const { search, navigate } = useRouter();
  const children = useQuery(childrenQuery);
  const { restore: restoreDraft, onInput: keepDraft, clear: clearDraft } = useDraft(`leave?${search.toString()}`, ['studentId', 'kind', 'fromDate', 'toDate', 'reason']);
  const apply = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post('/api/leave', body, LeaveApplicationView),
    onSuccess: (l) => {
      clearDraft();
      navigate(`/leave/${l.id}`);
    },
  });
  const send = useSubmitOnce(apply);
  if (children.isLoading) return <Loading />;
  const withAccess = children.data?.children.filter((c) => c.access === 'full') ?? [];
  const today = osloDate(new Date());
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const reason = String(f.get('reason') ?? '').trim();
    send({ studentId: f.get('studentId'), kind: f.get('kind'), fromDate: f.get('fromDate'), toDate: f.get('toDate'), reason: reason || null });
  };
  return (
    <>
      <h1><FormattedMessage id="leave.apply" /></h1>
      <p><FormattedMessage id="leave.applyIntro" /></p>
      <form onSubmit={submit} className="form" ref={restoreDraft} onInput={keepDraft}>
        <label>
          <FormattedMessage id="leave.child" />
          <select name="studentId" defaultValue={search.get('student') ?? withAccess[0]?.student.id} required>
            {withAccess.map((c) => <option key={c.student.id} value={c.student.id}>{fullName(c.student)}</option>)}
          </select>
        </label>
        <fieldset>
          <legend><FormattedMessage id="leave.kindQuestion" /></legend>
          {LeaveKind.options.map((k) => (
            <label key={k} className="radio"><input type="radio" name="kind" value={k} defaultChecked={k === 'ordinary'} /> <FormattedMessage id={`leave.kind.${k}`} /></label>
          ))}
          <p className="hint"><FormattedMessage id="leave.religiousHint" /></p>
        </fieldset>
        <label><FormattedMessage id="absence.report.fromDate" /><input type="date" name="fromDate" defaultValue={today} required /></label>
        <label><FormattedMessage id="absence.report.toDate" /><input type="date" name="toDate" defaultValue={today} required /></label>
        <label>
          <FormattedMessage id="leave.reason" />
          <textarea name="reason" rows={3} maxLength={500} aria-describedby="leave-reason-hint" />
        </label>
        <p id="leave-reason-hint" className="hint"><FormattedMessage id="leave.reasonHint" /></p>
        {apply.error && <ErrorMessage error={apply.error} />}
        <button type="submit" disabled={apply.isPending}><FormattedMessage id="leave.send" /></button>
      </form>
    </>
  );
}
