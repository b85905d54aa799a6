import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { AttendanceResponse } from '@shared/contracts/absence';
import { osloDate } from '@shared/dates';
import { api } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { Day, Instant, fullName } from './format';

const LESSONS = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * The register for a teacher with 28 students on a phone: everyone present, tap the absent, reports already
 * marked. The whole day, or one lesson with its subject (videregående counts absence per subject).
 */
export function AttendancePage({ groupId }: { groupId: string }) {
  const intl = useIntl();
  const { search, navigate, path } = useRouter();
  const date = search.get('date') ?? osloDate(new Date());
  const period = Number(search.get('period') ?? 0) || 0;
  const queryClient = useQueryClient();
  const key = ['attendance', groupId, date, period];
  const q = useQuery({ queryKey: key, queryFn: () => api.get(`/api/groups/${groupId}/attendance?date=${date}&period=${period}`, AttendanceResponse) });
  const [absent, setAbsent] = useState<Set<string> | null>(null);
  const save = useMutation({
    mutationFn: (body: { absentStudentIds: string[]; subject?: string }) => api.put(`/api/groups/${groupId}/attendance`, { date, period, ...body }, AttendanceResponse),
    onSuccess: (r) => { setAbsent(null); queryClient.setQueryData(key, r); },
  });
  const go = (next: { date?: string; period?: number }) => {
    setAbsent(null);
    navigate(`${path}?date=${next.date ?? date}&period=${next.period ?? period}`);
  };
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const a = q.data!;
  const marked = absent ?? new Set(a.students.filter((s) => s.status === 'absent').map((s) => s.student.id));
  const toggle = (id: string) => {
    const next = new Set(marked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setAbsent(next);
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const subject = String(new FormData(e.currentTarget).get('subject') ?? '').trim();
    save.mutate({ absentStudentIds: [...marked], ...(period > 0 && subject ? { subject } : {}) });
  };
  return (
    <>
      <h1><FormattedMessage id="attendance.title" values={{ name: a.group.name, date: <Day date={a.date} /> }} /></h1>
      <div className="button-row">
        <label>
          <FormattedMessage id="attendance.day" />{' '}
          <input type="date" value={date} onChange={(e) => e.target.value && go({ date: e.target.value })} />
        </label>
        <label>
          <FormattedMessage id="attendance.what" />{' '}
          <select value={period} onChange={(e) => go({ period: Number(e.target.value) })}>
            <option value={0}>{intl.formatMessage({ id: 'attendance.wholeDay' })}</option>
            {LESSONS.map((n) => <option key={n} value={n}>{intl.formatMessage({ id: 'attendance.lesson' }, { n })}</option>)}
          </select>
        </label>
      </div>
      {a.registered && <p className="meta"><FormattedMessage id="attendance.registeredBy" values={{ name: fullName(a.registered.by), at: <Instant at={a.registered.at} /> }} /></p>}
      <p><FormattedMessage id="attendance.help" values={{ absent: marked.size, total: a.students.length }} /></p>
      <form onSubmit={submit}>
        {period > 0 && (
          <p className="form">
            <label><FormattedMessage id="attendance.subject" /><input name="subject" defaultValue={a.subject ?? ''} maxLength={60} key={`${date}-${period}`} /></label>
          </p>
        )}
        <ul className="attendance">
          {a.students.map((s) => (
            <li key={s.student.id}>
              <label className="checkbox attendance-row">
                <input type="checkbox" checked={marked.has(s.student.id)} disabled={!a.canEdit} onChange={() => toggle(s.student.id)} />
                <span>
                  {fullName(s.student)}
                  {s.report && <span className="tag"><FormattedMessage id="attendance.reported" values={{ by: fullName(s.report.reportedBy) }} /></span>}
                  {s.leave && <span className="tag"><FormattedMessage id="attendance.leave" /></span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {save.error && <ErrorMessage error={save.error} />}
        {save.isSuccess && absent === null && <p role="status" className="success"><FormattedMessage id="attendance.saved" /></p>}
        {a.canEdit && <button type="submit" disabled={save.isPending}><FormattedMessage id="attendance.save" /></button>}
      </form>
    </>
  );
}
