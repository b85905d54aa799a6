import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { AbsenceRules } from '@shared/contracts/absence';
import { OwnerOverviewResponse } from '@shared/contracts/people';
import { api } from '../../lib/api';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import type { z } from 'zod';

type Blackout = z.infer<typeof AbsenceRules>['blackouts'][number];

/** The school owner's rules for absence and leave (3.4, 3.6–3.10): limits, who decides, blackout periods. */
export function AbsenceRulesPage({ ownerId }: { ownerId: string }) {
  const rules = useQuery({ queryKey: ['absence-rules', ownerId], queryFn: () => api.get(`/api/owners/${ownerId}/absence-rules`, AbsenceRules) });
  const owner = useQuery({ queryKey: ['owner', ownerId], queryFn: () => api.get(`/api/owners/${ownerId}`, OwnerOverviewResponse) });
  if (rules.isLoading || owner.isLoading) return <Loading />;
  const error = rules.error ?? owner.error;
  if (error) return <ErrorMessage error={error} />;
  return <RulesForm ownerId={ownerId} rules={rules.data!} owner={owner.data!} />;
}

function RulesForm({ ownerId, rules, owner }: { ownerId: string; rules: AbsenceRules; owner: OwnerOverviewResponse }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [blackouts, setBlackouts] = useState<Blackout[]>(rules.blackouts);
  const save = useMutation({
    mutationFn: (body: AbsenceRules) => api.put(`/api/owners/${ownerId}/absence-rules`, body, AbsenceRules),
    onSuccess: (r) => queryClient.setQueryData(['absence-rules', ownerId], r),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const n = (name: string) => Number(f.get(name));
    save.mutate({
      leaveMaxDaysPerYear: n('leaveMaxDaysPerYear'),
      contactTeacherMaxLeaveDays: n('contactTeacherMaxLeaveDays'),
      worrying: { percent: n('percent'), percentWeeks: n('percentWeeks'), days: n('days'), daysWeeks: n('daysWeeks') },
      subjectLimitPercent: n('subjectLimitPercent'),
      blackouts,
    });
  };
  const change = (i: number, patch: Partial<Blackout>) => setBlackouts(blackouts.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  const number = (name: string, value: number, min: number, max: number) => (
    <label key={name}>
      <FormattedMessage id={`absenceRules.${name}`} />
      <input type="number" name={name} defaultValue={value} min={min} max={max} required />
    </label>
  );
  return (
    <>
      <h1><FormattedMessage id="absenceRules.title" values={{ owner: owner.owner.name }} /></h1>
      <form onSubmit={submit} className="form">
        <fieldset>
          <legend><FormattedMessage id="absenceRules.leave" /></legend>
          {number('leaveMaxDaysPerYear', rules.leaveMaxDaysPerYear, 0, 190)}
          {number('contactTeacherMaxLeaveDays', rules.contactTeacherMaxLeaveDays, 0, 190)}
          <p className="hint"><FormattedMessage id="absenceRules.religiousHint" /></p>
        </fieldset>
        <fieldset>
          <legend><FormattedMessage id="absenceRules.worrying" /></legend>
          {number('percent', rules.worrying.percent, 1, 100)}
          {number('percentWeeks', rules.worrying.percentWeeks, 1, 52)}
          {number('days', rules.worrying.days, 1, 190)}
          {number('daysWeeks', rules.worrying.daysWeeks, 1, 52)}
        </fieldset>
        <fieldset>
          <legend><FormattedMessage id="absenceRules.vgs" /></legend>
          {number('subjectLimitPercent', rules.subjectLimitPercent, 1, 100)}
        </fieldset>
        <fieldset>
          <legend><FormattedMessage id="absenceRules.blackouts" /></legend>
          {blackouts.length === 0 && <p><FormattedMessage id="absenceRules.noBlackouts" /></p>}
          {blackouts.map((b, i) => (
            <div key={i} className="card" role="group" aria-label={intl.formatMessage({ id: 'absenceRules.blackoutN' }, { n: i + 1 })}>
              <label><FormattedMessage id="absenceRules.blackoutLabel" /><input value={b.label} required maxLength={100} onChange={(e) => change(i, { label: e.target.value })} /></label>
              <label><FormattedMessage id="absence.report.fromDate" /><input type="date" value={b.startsOn} required onChange={(e) => change(i, { startsOn: e.target.value })} /></label>
              <label><FormattedMessage id="absence.report.toDate" /><input type="date" value={b.endsOn} required onChange={(e) => change(i, { endsOn: e.target.value })} /></label>
              <label>
                <FormattedMessage id="absenceRules.blackoutSchool" />
                <select value={b.schoolId ?? ''} onChange={(e) => change(i, { schoolId: e.target.value || null })}>
                  <FormattedMessage id="absenceRules.allSchools">{(t) => <option value="">{t}</option>}</FormattedMessage>
                  {owner.schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                </select>
              </label>
              <button type="button" className="button secondary" onClick={() => setBlackouts(blackouts.filter((_, j) => j !== i))}><FormattedMessage id="absenceRules.remove" /></button>
            </div>
          ))}
          <button type="button" className="button secondary" onClick={() => setBlackouts([...blackouts, { schoolId: null, startsOn: '', endsOn: '', label: '' }])}>
            <FormattedMessage id="absenceRules.addBlackout" />
          </button>
        </fieldset>
        {save.error && <ErrorMessage error={save.error} />}
        {save.isSuccess && <p role="status" className="success"><FormattedMessage id="absenceSettings.saved" /></p>}
        <button type="submit" disabled={save.isPending}><FormattedMessage id="absenceSettings.save" /></button>
      </form>
    </>
  );
}
