// The morning check of unexplained absence through the real parts: registers saved over HTTP, the durable job
// queue worked by two workers, the outbox, and a real SMTP server on loopback receiving the guardians' alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { findJobByKey, osloDateTime } from '../jobs/queue';
import { startWorker, runDueJobs } from '../jobs/worker';
import { deliverDue } from '../notifications/notifications.service';
import { emailChannel } from '../notifications/channels';
import { jobs } from './absence.jobs';
import { findUnexplainedAbsences, morningCheckKey, planMorningChecks, runMorningAbsenceCheck } from './morning-check.service';

const MONDAY = '2026-11-23';

describe('the morning check of unexplained absence', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let email: ReturnType<typeof emailChannel>;
  const mails: ParsedMail[] = [];
  let henrik: Session;
  let classmate: string;
  const handlers = Object.fromEntries(jobs.map((j) => [j.kind, j.handler]));
  const sys = () => ({ db: t.database.db, clock: t.clock, log: t.app.log });
  const outboxFor = (personId: string) => t.database.db.selectFrom('notification_outbox').select(['channel', 'topic', 'category']).where('person_id', '=', personId).where('topic', '=', 'absence.unexplained').execute();

  beforeAll(async () => {
    t = await createTestApp();
    smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData(stream, _s, done) { simpleParser(stream).then((m) => { mails.push(m); done(); }, done); } });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    email = emailChannel(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Tillit <no-reply@tillit.test>');
    henrik = await t.loginAs(t.demo.users.jonasTeacher);
    classmate = (await t.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', t.demo.groups['7A']).where('student_id', '<>', t.demo.people.jonas).executeTakeFirstOrThrow()).student_id;
  });
  afterAll(async () => {
    email.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await t.close();
  });

  it('finds only the students registered absent with neither a report nor approved leave', async () => {
    t.clock.set('2026-11-23T07:20:00Z'); // 08:20 on Monday in Oslo
    const kari = await t.loginAs(t.demo.users.kari);
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    await t.send('POST', '/api/absence/reports', { studentIds: [t.demo.people.emma], fromDate: MONDAY, reason: 'ill' }, kari);
    const in3A = (await t.database.db.selectFrom('enrolments').select('student_id').where('group_id', '=', t.demo.groups['3A']).execute()).map((e) => e.student_id);
    const [onLeave, unexplained] = in3A.filter((id) => id !== t.demo.people.emma);
    await t.database.db.insertInto('leave_applications').values({
      student_id: onLeave!, school_id: t.demo.schools.solbakken, applied_by: t.demo.people.marit, kind: 'ordinary', from_date: MONDAY, to_date: MONDAY,
      school_days: 1, status: 'approved', created_at: t.clock.now(), updated_at: t.clock.now(),
    }).execute();
    const saved = await t.send('PUT', `/api/groups/${t.demo.groups['3A']}/attendance`, { date: MONDAY, absentStudentIds: [t.demo.people.emma, onLeave, unexplained] }, ingrid);
    expect(saved.statusCode).toBe(200);
    const found = await findUnexplainedAbsences(t.database.db, t.demo.schools.solbakken, MONDAY);
    expect(found.map((f) => f.studentId)).toEqual([unexplained]);
    expect(found[0]!.group.name).toBe('3A');
  });

  it("waits for the school's time, then alerts each guardian with access once, however many workers run", async () => {
    const saved = await t.send('PUT', `/api/groups/${t.demo.groups['7A']}/attendance`, { date: MONDAY, absentStudentIds: [t.demo.people.jonas] }, henrik);
    expect(saved.json().students.find((s: { student: { id: string } }) => s.student.id === t.demo.people.jonas).status).toBe('absent');
    const job = await findJobByKey(t.database.db, morningCheckKey(t.demo.schools.solbakken, MONDAY));
    expect(new Date(job!.run_at).toISOString()).toBe('2026-11-23T08:00:00.000Z'); // 09:00 in Oslo, winter time
    expect(await runDueJobs({ ...sys(), handlers, workerId: 'early' })).toEqual([]);

    t.clock.set('2026-11-23T08:00:00Z');
    const a = startWorker({ ...sys(), handlers, workerId: 'process-a', pollMs: 5 });
    const b = startWorker({ ...sys(), handlers, workerId: 'process-b', pollMs: 5 });
    while ((await findJobByKey(t.database.db, morningCheckKey(t.demo.schools.solbakken, MONDAY)))!.status !== 'done') await new Promise((r) => setTimeout(r, 10));
    await Promise.all([a.stop(), b.stop()]);
    // A late second run (a retried job, another process) adds nothing.
    expect(await runMorningAbsenceCheck(sys(), t.demo.schools.solbakken, MONDAY)).toEqual({ followups: 0, guardiansAlerted: 0 });

    const followups = await t.database.db.selectFrom('absence_followups').select(['student_id', 'guardians_alerted']).where('date', '=', MONDAY).execute();
    expect(followups.find((f) => f.student_id === t.demo.people.jonas)).toEqual({ student_id: t.demo.people.jonas, guardians_alerted: 1 });
    expect(followups.map((f) => f.student_id)).not.toContain(t.demo.people.emma);
    expect((await outboxFor(t.demo.people.kari)).map((r) => r.channel).sort()).toEqual(['email', 'sms']);
    expect((await outboxFor(t.demo.people.kari)).every((r) => r.category === 'urgent')).toBe(true);
    // Per has no parental responsibility: no alert.
    expect(await outboxFor(t.demo.people.per)).toEqual([]);
  });

  it("delivers the alert to the guardian's inbox in her language at once", async () => {
    await deliverDue(sys(), { email }, { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' });
    const toKari = mails.filter((m) => !Array.isArray(m.to) && m.to?.value[0]?.address === 'kari.nordmann@example.no');
    expect(toKari.map((m) => m.subject)).toEqual(['VIKTIG: Jonas er ikke registrert på skolen i dag']);
    expect(toKari[0]!.text).toContain('Jonas er ikke registrert på Solbakken skole i dag, og det er ikke meldt fravær.');
  });

  it("puts the family on the contact teacher's task list until a report comes in or the teacher resolves it", async () => {
    const list = (await t.get(`/api/absence/follow-ups?date=${MONDAY}`, henrik)).json();
    const jonas = list.items.find((i: { student: { id: string } }) => i.student.id === t.demo.people.jonas);
    expect(jonas.guardians).toEqual([{ id: t.demo.people.kari, givenName: 'Kari', familyName: 'Nordmann', phone: '+47 912 34 567' }]);
    expect(jonas.reportedLater).toBeNull();
    // Ingrid teaches 3A, not 7A: Jonas is not on her list.
    const ingrids = (await t.get(`/api/absence/follow-ups?date=${MONDAY}`, await t.loginAs(t.demo.users.ingrid))).json();
    expect(ingrids.items.map((i: { student: { id: string } }) => i.student.id)).not.toContain(t.demo.people.jonas);

    t.clock.set('2026-11-23T08:20:00Z');
    await t.send('POST', '/api/absence/reports', { studentIds: [t.demo.people.jonas], fromDate: MONDAY, reason: 'ill' }, await t.loginAs(t.demo.users.kari));
    const after = (await t.get(`/api/absence/follow-ups?date=${MONDAY}`, henrik)).json();
    expect(after.items.find((i: { student: { id: string } }) => i.student.id === t.demo.people.jonas).reportedLater.reportedBy.givenName).toBe('Kari');

    const resolved = await t.send('POST', `/api/absence/follow-ups/${jonas.id}/resolve`, { resolution: 'reported_later' }, henrik);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().items.find((i: { id: string }) => i.id === jonas.id).resolved).toMatchObject({ resolution: 'reported_later', by: { givenName: 'Henrik' } });
    expect((await t.send('POST', `/api/absence/follow-ups/${jonas.id}/resolve`, { resolution: 'reached_family' }, await t.loginAs(t.demo.users.ingrid))).statusCode).toBe(404);
  });

  it('checks a register saved after the check time at once', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const saved = await t.send('PUT', `/api/groups/${t.demo.groups['7A']}/attendance`, { date: MONDAY, period: 3, subject: 'Matematikk', absentStudentIds: [classmate] }, henrik);
    expect(saved.statusCode).toBe(200);
    await runDueJobs({ ...sys(), handlers, workerId: 'late' });
    // The day register (period 0) says the classmate was there in the morning: a later lesson's absence is no alert.
    expect(await t.database.db.selectFrom('absence_followups').select('id').where('student_id', '=', classmate).execute()).toEqual([]);
  });

  it("moves the check to the school's own time, on both sides of the change from summer time", async () => {
    const marit = await t.loginAs(t.demo.users.marit);
    expect((await t.send('PUT', `/api/schools/${t.demo.schools.solbakken}/absence-settings`, { checkTime: '08:15' }, marit)).statusCode).toBe(200);
    const planned = async (date: string) => {
      await planMorningChecks(sys(), date);
      return new Date((await findJobByKey(t.database.db, morningCheckKey(t.demo.schools.solbakken, date)))!.run_at).toISOString();
    };
    expect(await planned('2026-10-23')).toBe('2026-10-23T06:15:00.000Z'); // Friday, summer time
    expect(await planned('2026-10-26')).toBe('2026-10-26T07:15:00.000Z'); // Monday, winter time
    expect(await findJobByKey(t.database.db, morningCheckKey(t.demo.schools.solbakken, '2026-10-24'))).toBeUndefined();
    expect(await planMorningChecks(sys(), '2026-10-24')).toBe(0); // Saturday
    // Fjellvang keeps the default.
    const other = await findJobByKey(t.database.db, morningCheckKey(t.demo.schools.fjellvang, '2026-10-26'));
    expect(new Date(other!.run_at)).toEqual(osloDateTime('2026-10-26', '09:00'));
  });

  it("moves today's check when the school changes its time before it has run", async () => {
    t.clock.set('2026-11-24T06:00:00Z'); // 07:00 on Tuesday in Oslo
    await planMorningChecks(sys(), '2026-11-24');
    await t.send('PUT', `/api/schools/${t.demo.schools.solbakken}/absence-settings`, { checkTime: '10:30' }, await t.loginAs(t.demo.users.marit));
    const job = await findJobByKey(t.database.db, morningCheckKey(t.demo.schools.solbakken, '2026-11-24'));
    expect(new Date(job!.run_at).toISOString()).toBe('2026-11-24T09:30:00.000Z');
  });
});
