import { type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { DocumentationCategory, SubjectAbsenceResponse } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { ErrorMessage } from '../layout/ErrorMessage';
import { DaySpan, Instant, fullName } from './format';
import { useSubmitOnce } from '../../lib/submit-once';

/** Documentation the school accepted (3.11): a category, never a diagnosis; staff who receive it add it here. */
export function DocumentationSection({ studentId, data }: { studentId: string; data: SubjectAbsenceResponse }) {
  const queryClient = useQueryClient();
  const saved = (r: SubjectAbsenceResponse) => queryClient.setQueryData(['absence', 'subjects', studentId], r);
  const add = useMutation({ mutationFn: (body: Record<string, unknown>) => api.post(`/api/students/${studentId}/absence/documentation`, body, SubjectAbsenceResponse), onSuccess: saved });
  const addOnce = useSubmitOnce(add);
  const withdraw = useMutation({ mutationFn: (id: string) => api.post(`/api/absence/documentation/${id}/withdraw`, {}, SubjectAbsenceResponse), onSuccess: saved });
  const withdrawOnce = useSubmitOnce(withdraw);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    addOnce({ fromDate: f.get('fromDate'), toDate: f.get('toDate'), category: f.get('category') });
  };
  const error = add.error ?? withdraw.error;
  return (
    <section aria-labelledby="documentation-heading">
      <h3 id="documentation-heading" className="h3"><FormattedMessage id="documentation.title" /></h3>
      {data.documentation.length === 0 ? <p><FormattedMessage id="documentation.none" /></p> : (
        <ul className="plain-list">
          {data.documentation.map((d) => (
            <li key={d.id}>
              <DaySpan from={d.fromDate} to={d.toDate} />{' · '}<FormattedMessage id={`documentation.category.${d.category}`} />
              <span className="meta">{' · '}<FormattedMessage id="documentation.acceptedBy" values={{ name: fullName(d.acceptedBy), at: <Instant at={d.acceptedAt} /> }} /></span>
              {data.canDocument && (
                <>{' '}<button type="button" className="link-button" disabled={withdraw.isPending} onClick={() => withdrawOnce(d.id)}><FormattedMessage id="documentation.withdraw" /></button></>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.canDocument && (
        <form onSubmit={submit} className="form">
          <label><FormattedMessage id="absence.report.fromDate" /><input type="date" name="fromDate" required /></label>
          <label><FormattedMessage id="absence.report.toDate" /><input type="date" name="toDate" required /></label>
          <fieldset>
            <legend><FormattedMessage id="documentation.kind" /></legend>
            {DocumentationCategory.options.map((c) => (
              <label key={c} className="radio"><input type="radio" name="category" value={c} defaultChecked={c === 'health'} /> <FormattedMessage id={`documentation.category.${c}`} /></label>
            ))}
            <p className="hint"><FormattedMessage id="documentation.noDiagnosis" /></p>
          </fieldset>
          <button type="submit" disabled={add.isPending}><FormattedMessage id="documentation.add" /></button>
        </form>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
