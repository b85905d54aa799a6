import { type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { SchoolAbsenceSettings } from '@shared/contracts/absence';
import { api } from '../../lib/api';
import { ErrorMessage } from '../layout/ErrorMessage';

/** The time each school checks for absence nobody has reported (3.2); leaders set it. */
export function CheckTimeSetting({ schoolId }: { schoolId: string }) {
  const queryClient = useQueryClient();
  const key = ['absence-settings', schoolId];
  const q = useQuery({ queryKey: key, queryFn: () => api.get(`/api/schools/${schoolId}/absence-settings`, SchoolAbsenceSettings) });
  const save = useMutation({
    mutationFn: (checkTime: string) => api.put(`/api/schools/${schoolId}/absence-settings`, { checkTime }, SchoolAbsenceSettings),
    onSuccess: (s) => queryClient.setQueryData(key, s),
  });
  if (!q.data) return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(String(new FormData(e.currentTarget).get('checkTime')));
  };
  return (
    <section aria-labelledby="check-time-heading">
      <h2 id="check-time-heading"><FormattedMessage id="absenceSettings.title" /></h2>
      <form onSubmit={submit} className="form">
        <label>
          <FormattedMessage id="absenceSettings.checkTime" />
          <input type="time" name="checkTime" defaultValue={q.data.checkTime} required aria-describedby="check-time-hint" />
        </label>
        <p id="check-time-hint" className="hint"><FormattedMessage id="absenceSettings.checkTimeHint" /></p>
        {save.error && <ErrorMessage error={save.error} />}
        {save.isSuccess && <p role="status" className="success"><FormattedMessage id="absenceSettings.saved" /></p>}
        <button type="submit" disabled={save.isPending}><FormattedMessage id="absenceSettings.save" /></button>
      </form>
    </section>
  );
}
