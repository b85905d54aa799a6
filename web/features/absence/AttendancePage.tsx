import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { AttendanceResponse } from '@shared/contracts/absence';
import { osloDate } from '@shared/dates';
import { api, ApiError } from '../../lib/api';
import { useRouter } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';

/** The register for a teacher with 28 students on a phone: everyone present, tap the absent, reports already marked. */
export function AttendancePage({ groupId }: { groupId: string }) {
  const { search } = useRouter();
  const date = search.get('date') ?? osloDate(new Date());
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: ['attendance', groupId, date], queryFn: () => api.get(`/api/groups/${groupId}/attendance?date=${date}`, AttendanceResponse) });
  const [absent, setAbsent] = useState<Set<string> | null>(null);
  const save = useMutation({
    mutationFn: (ids: string[]) => api.put(`/api/groups/${groupId}/attendance`, { date, absentStudentIds: ids }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['attendance', groupId, date] }),
  });
  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage code={q.error instanceof ApiError ? q.error.code : 'internal'} />;
  const a = q.data!;
  const marked = absent ?? new Set(a.students.filter((s) => s.status === 'absent').map((s) => s.student.id));
  const toggle = (id: string) => {
    const next = new Set(marked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setAbsent(next);
  };
  return (
    <>
      <h1><FormattedMessage id="attendance.title" values={{ name: a.group.name, date: a.date }} /></h1>
      <p><FormattedMessage id="attendance.help" values={{ absent: marked.size, total: a.students.length }} /></p>
      <ul className="attendance">
        {a.students.map((s) => (
          <li key={s.student.id}>
            <label className="checkbox attendance-row">
              <input type="checkbox" checked={marked.has(s.student.id)} disabled={!a.canEdit} onChange={() => toggle(s.student.id)} />
              <span>
                {s.student.givenName} {s.student.familyName}
                {s.report && <span className="tag"><FormattedMessage id="attendance.reported" values={{ by: `${s.report.reportedBy.givenName} ${s.report.reportedBy.familyName}` }} /></span>}
                {s.leave && <span className="tag"><FormattedMessage id="attendance.leave" /></span>}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {save.error && <ErrorMessage code={save.error instanceof ApiError ? save.error.code : 'internal'} />}
      {save.isSuccess && <p role="status" className="success"><FormattedMessage id="attendance.saved" /></p>}
      {a.canEdit && <button type="button" disabled={save.isPending} onClick={() => save.mutate([...marked])}><FormattedMessage id="attendance.save" /></button>}
    </>
  );
}
