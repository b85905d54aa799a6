import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { AttendanceResponse } from '@shared/contracts/absence';
import { osloDate } from '@shared/dates';
import { api } from '../../lib/api';
import { Link, useRouter } from '../../lib/router';
import { ErrorMessage, Loading } from '../layout/ErrorMessage';
import { Day, Instant, fullName } from './format';

const LESSONS = [1, 2, 3, 4, 5, 6, 7, 8];

/** What the teacher has ticked and typed for one register and not saved yet. */
interface Draft { absent: Set<string>; subject: string }
const draftKey = (date: string, period: number) => `${date}|${period}`;
const parseKey = (key: string) => { const [date, period] = key.split('|'); return { date: date!, period: Number(period) }; };
const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/**
 * The register for a teacher with 28 students on a phone: everyone present, tap the absent, reports already
 * marked. The whole day, or one lesson with its subject (videregående counts absence per subject); an AKS group
 * has no lessons. Nothing ticked is lost: what has not been saved is kept per day and lesson while the teacher
 * looks at another register, listed until it is saved, and leaving the page asks first.
 */
export function AttendancePage({ groupId }: { groupId: string }) {
  const intl = useIntl();
  const { search, navigate, path } = useRouter();
  const date = search.get('date') ?? osloDate(new Date());
  // An AKS group has no lessons: once the group is known to be one, a link to a lesson shows the whole day.
  const [kind, setKind] = useState<'class' | 'aks' | null>(null);
  const period = kind === 'aks' ? 0 : Number(search.get('period') ?? 0) || 0;
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['attendance', groupId, date, period],
    queryFn: () => api.get(`/api/groups/${groupId}/attendance?date=${date}&period=${period}`, AttendanceResponse),
    // The controls stay on the page (and keep focus) while another day or lesson loads.
    placeholderData: keepPreviousData,
  });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const save = useMutation({
    mutationFn: (body: { date: string; period: number; absentStudentIds: string[]; subject?: string }) =>
      api.put(`/api/groups/${groupId}/attendance`, body, AttendanceResponse),
    onSuccess: (r, sent) => {
      // What was saved is no longer a draft; a tick made while it was being saved still is.
      setDrafts((all) => {
        const { [draftKey(r.date, r.period)]: current, ...rest } = all;
        const changedSince = current && !(sameSet(current.absent, new Set(sent.absentStudentIds)) && current.subject.trim() === (sent.subject ?? ''));
        return changedSince ? all : rest;
      });
      queryClient.setQueryData(['attendance', groupId, r.date, r.period], r);
    },
  });
  const unsaved = Object.keys(drafts).length > 0;
  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  if (q.data && q.data.group.kind !== kind) setKind(q.data.group.kind);
  const isAks = kind === 'aks';

  if (q.isLoading) return <Loading />;
  if (q.error) return <ErrorMessage error={q.error} />;
  const shown = q.data!;
  // The register asked for, once it has come (until then the previous one is shown, and nothing can be ticked).
  const a = shown.date === date && shown.period === period ? shown : null;
  const key = draftKey(date, period);
  const loaded = { absent: new Set((a?.students ?? []).filter((s) => s.status === 'absent').map((s) => s.student.id)), subject: a?.subject ?? '' };
  const draft = drafts[key];
  const marked = draft?.absent ?? loaded.absent;
  const subject = draft?.subject ?? loaded.subject;
  const editable = a !== null && a.canEdit && a.closedBecause === null;

  const change = (next: Partial<Draft>) => {
    const d = { absent: next.absent ?? marked, subject: next.subject ?? subject };
    const same = sameSet(d.absent, loaded.absent) && d.subject.trim() === loaded.subject;
    setDrafts(({ [key]: _old, ...rest }) => (same ? rest : { ...rest, [key]: d }));
  };
  const toggle = (id: string) => {
    const next = new Set(marked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    change({ absent: next });
  };
  const go = (next: { date?: string; period?: number }) => {
    save.reset();
    navigate(`${path}?date=${next.date ?? date}&period=${next.period ?? period}`);
  };
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const trimmed = subject.trim();
    save.mutate({ date, period, absentStudentIds: [...marked], ...(period > 0 && trimmed ? { subject: trimmed } : {}) });
  };
  // Enter in the date field chooses the day; it does not save the register.
  const noSubmit = (e: KeyboardEvent<HTMLInputElement>) => { if (e.key === 'Enter') e.preventDefault(); };
  const registerName = (p: number) => (p === 0 ? intl.formatMessage({ id: 'attendance.wholeDay' }) : intl.formatMessage({ id: 'attendance.lesson' }, { n: p }));
  const elsewhere = Object.keys(drafts).filter((k) => k !== key).map(parseKey).sort((x, y) => (x.date === y.date ? x.period - y.period : x.date < y.date ? -1 : 1));
  const savedHere = save.isSuccess && save.data.date === date && save.data.period === period && !draft;

  return (
    <>
      <h1><FormattedMessage id="attendance.title" values={{ name: shown.group.name, date: <Day date={date} /> }} /></h1>
      {elsewhere.length > 0 && (
        <div className="notice">
          <p><FormattedMessage id="attendance.unsavedElsewhere" values={{ count: elsewhere.length }} /></p>
          <ul className="plain-list">
            {elsewhere.map((d) => (
              <li key={draftKey(d.date, d.period)}>
                <Link href={`${path}?date=${d.date}&period=${d.period}`}><Day date={d.date} />{' · '}{registerName(d.period)}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit}>
        <div className="button-row">
          <label>
            <FormattedMessage id="attendance.day" />{' '}
            <input type="date" name="date" value={date} max={shown.today} onKeyDown={noSubmit} onChange={(e) => e.target.value && go({ date: e.target.value })} />
          </label>
          {!isAks && (
            <label>
              <FormattedMessage id="attendance.what" />{' '}
              <select name="period" value={period} onChange={(e) => go({ period: Number(e.target.value) })}>
                <option value={0}>{registerName(0)}</option>
                {LESSONS.map((n) => <option key={n} value={n}>{registerName(n)}</option>)}
              </select>
            </label>
          )}
        </div>
        {a === null ? <Loading /> : (
          <>
            {a.closedBecause && (
              <p className="notice">
                <FormattedMessage id={a.closedBecause === 'in_future' ? 'attendance.closedFuture' : 'attendance.closedNotSchoolDay'} />
              </p>
            )}
            {a.registered && <p className="meta"><FormattedMessage id="attendance.registeredBy" values={{ name: fullName(a.registered.by), at: <Instant at={a.registered.at} /> }} /></p>}
            {editable && (
              <p>
                <FormattedMessage id="attendance.help" values={{ absent: marked.size, total: a.students.length }} />
                {!a.registered && a.students.some((s) => s.report || s.leave) && <> <FormattedMessage id="attendance.reportedTicked" /></>}
              </p>
            )}
            {period > 0 && (
              <p className="form">
                <label>
                  <FormattedMessage id="attendance.subject" />
                  <input name="subject" value={subject} maxLength={60} disabled={!editable} onChange={(e) => change({ subject: e.target.value })} />
                </label>
              </p>
            )}
            <ul className="attendance">
              {a.students.map((s) => (
                <li key={s.student.id}>
                  <label className="checkbox attendance-row">
                    <input type="checkbox" checked={marked.has(s.student.id)} disabled={!editable} onChange={() => toggle(s.student.id)} />
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
            {savedHere && <p role="status" className="success"><FormattedMessage id="attendance.saved" /></p>}
            {draft && <p className="notice"><FormattedMessage id="attendance.unsaved" /></p>}
            {editable && <button type="submit" disabled={save.isPending}><FormattedMessage id="attendance.save" /></button>}
          </>
        )}
      </form>
    </>
  );
}
