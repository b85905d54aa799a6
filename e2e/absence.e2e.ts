// Issue 4's journeys in Chromium: a guardian reading Tillit in nynorsk reports two days of illness and the
// contact teacher's register shows it; a classmate registered absent without a report sets off the 09:00 check
// (the injected clock passes the school's time) and the family gets the alert by e-mail, the teacher a task
// list; a leave application is decided by the rektor as an enkeltvedtak that both guardians read, with the
// appeal route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { expectAccessible, expectNoHorizontalScroll, loginAsDemo, nextSchoolDay, startE2E, type E2E } from './support';
import { osloDate } from '../shared/dates';
import { addDays } from '../shared/oslo-time';
import { osloDateTime } from '../server/jobs/queue';
import { runDueJobs } from '../server/jobs/worker';
import { loadJobDefinitions } from '../server/jobs/background';
import { deliverDue } from '../server/notifications/notifications.service';
import { emailChannel } from '../server/notifications/channels';

describe('absence and leave, end to end', () => {
  let e: E2E;
  let smtp: SMTPServer;
  let email: ReturnType<typeof emailChannel>;
  const mails: ParsedMail[] = [];
  let day1: string;
  let day2: string;

  beforeAll(async () => {
    e = await startE2E();
    day1 = nextSchoolDay(osloDate(e.clock.now()));
    day2 = nextSchoolDay(day1);
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onData: (stream, _s, cb) => void simpleParser(stream).then((m) => { mails.push(m); cb(); }, cb),
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    email = emailChannel(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Tillit <no-reply@tillit.test>');
  });
  afterAll(async () => {
    email.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    await e.close();
  });

  it("reaches the contact teacher's register when a guardian reports two days of illness", async () => {
    const guardian = await e.newPage({ width: 360, height: 740, locale: 'nn-NO' });
    await loginAsDemo(guardian.page, /Kari Nordmann/);
    await guardian.page.getByRole('article', { name: 'Emma Nordmann' }).getByRole('link', { name: 'Meld fråvær' }).click();
    await guardian.page.getByRole('heading', { name: 'Meld fråvær' }).waitFor();
    await expect(guardian.page.getByLabel('Emma Nordmann').isChecked()).resolves.toBe(true);
    await guardian.page.getByLabel('Frå og med').fill(day1);
    await guardian.page.getByLabel('Til og med').fill(day2);
    await guardian.page.getByLabel('Sjuk').check();
    await expectAccessible(guardian.page);
    await expectNoHorizontalScroll(guardian.page);
    await guardian.page.getByRole('button', { name: 'Meld fråvær' }).click();
    await guardian.page.getByRole('heading', { name: 'Fråværet er meldt' }).waitFor();
    await expect(guardian.page.getByText('Meldinga går òg til AKS.').isVisible()).resolves.toBe(true);
    await expectAccessible(guardian.page);

    // The child's page lists the report, who made it, and lets it be changed until the day starts.
    await guardian.page.goto('/');
    await guardian.page.getByRole('article', { name: 'Emma Nordmann' }).getByRole('link', { name: 'Fråvær og permisjon' }).click();
    await guardian.page.getByRole('heading', { name: 'Fråvær for Emma Nordmann' }).waitFor();
    await guardian.page.getByText('Meldt av Kari Nordmann', { exact: false }).waitFor();
    await expect(guardian.page.getByRole('button', { name: 'Trekk tilbake' }).isVisible()).resolves.toBe(true);
    await expectAccessible(guardian.page);
    await expectNoHorizontalScroll(guardian.page);
    await guardian.context.close();

    // The morning of the first day: a register is kept on its own day, not ahead of time.
    e.clock.set(osloDateTime(day1, '08:15'));
    const teacher = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.goto(`/groups/${e.demo.groups['3A']}/attendance?date=${day1}`);
    const emma = teacher.page.getByLabel(/Emma Nordmann/);
    await emma.waitFor();
    await expect(emma.isChecked()).resolves.toBe(true);
    await expect(teacher.page.getByText('meldt av Kari Nordmann').isVisible()).resolves.toBe(true);
    await expectAccessible(teacher.page);
    await expectNoHorizontalScroll(teacher.page);
    await teacher.context.close();
  });

  it('alerts the family of a child absent without a report once the 09:00 check has run, and lists them for the teacher', async () => {
    const [classmate] = await e.database.db.selectFrom('enrolments').innerJoin('persons', 'persons.id', 'enrolments.student_id')
      .select(['persons.id', 'persons.given_name', 'persons.family_name'])
      .where('enrolments.group_id', '=', e.demo.groups['3A']).where('persons.id', '<>', e.demo.people.emma)
      .orderBy('persons.family_name').limit(1).execute();
    const name = `${classmate!.given_name} ${classmate!.family_name}`;

    const teacher = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.goto(`/groups/${e.demo.groups['3A']}/attendance?date=${day1}`);
    await teacher.page.getByLabel(new RegExp(name)).check();
    await teacher.page.getByRole('button', { name: 'Lagre fravær' }).click();
    await teacher.page.getByText('Fraværet er lagret.').waitFor();

    // 09:01 in Oslo: the job worker runs the school's check, then the outbox sends what is due.
    e.clock.set(osloDateTime(day1, '09:01'));
    const sys = { db: e.database.db, clock: e.clock, log: e.app.log };
    const handlers = Object.fromEntries((await loadJobDefinitions()).map((d) => [d.kind, d.handler]));
    await runDueJobs({ ...sys, handlers, workerId: 'e2e' });
    await deliverDue(sys, { email }, { emailAfterMinutes: 60, publicUrl: e.base });
    const alert = mails.find((m) => m.subject === `VIKTIG: ${classmate!.given_name} er ikke registrert på skolen i dag`);
    expect(alert, mails.map((m) => m.subject).join('; ')).toBeDefined();
    expect(alert!.text).toContain('det er ikke meldt fravær');
    // Emma was reported ill: her family is not alerted.
    expect(mails.some((m) => m.subject?.includes('Emma'))).toBe(false);

    await teacher.page.goto('/');
    await teacher.page.getByRole('link', { name: 'Familier vi ikke har hørt fra' }).click();
    const item = teacher.page.getByRole('listitem', { name: new RegExp(name) });
    await item.waitFor();
    await expectAccessible(teacher.page);
    await expectNoHorizontalScroll(teacher.page);
    await item.getByRole('button', { name: 'Har snakket med familien' }).click();
    await teacher.page.getByRole('heading', { name: 'Fulgt opp' }).waitFor();

    // Later that day, one lesson's register with its subject.
    await teacher.page.goto(`/groups/${e.demo.groups['3A']}/attendance?date=${day1}`);
    await teacher.page.getByLabel('Gjelder').selectOption({ label: '2. time' });
    await teacher.page.getByLabel('Fag').fill('Norsk');
    await teacher.page.getByRole('button', { name: 'Lagre fravær' }).click();
    await teacher.page.getByText('Registrert av Ingrid Berg', { exact: false }).waitFor();
    await expectAccessible(teacher.page);
    const lesson = await e.database.db.selectFrom('attendance_registers').select(['period', 'subject']).where('group_id', '=', e.demo.groups['3A']).where('period', '=', 2).executeTakeFirstOrThrow();
    expect(lesson).toEqual({ period: 2, subject: 'Norsk' });
    await teacher.context.close();
  });

  it('carries a leave application to the rektor and her decision, with the appeal route, to both guardians', async () => {
    const from = nextSchoolDay(addDays(day2, 7));
    const to = nextSchoolDay(nextSchoolDay(from));
    const sara = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(sara.page, /Sara Ahmed/);
    await sara.page.getByRole('article', { name: 'Lina Ahmed' }).getByRole('link', { name: 'Fravær og permisjon' }).click();
    await sara.page.getByRole('link', { name: 'Søk om permisjon' }).click();
    await sara.page.getByRole('heading', { name: 'Søk om permisjon' }).waitFor();
    await sara.page.getByLabel('Fra og med').fill(from);
    await sara.page.getByLabel('Til og med').fill(to);
    await sara.page.getByLabel('Grunn (valgfritt)').fill('Besøk hos besteforeldre i utlandet.');
    await expectAccessible(sara.page);
    await expectNoHorizontalScroll(sara.page);
    await sara.page.getByRole('button', { name: 'Send søknaden' }).click();
    await sara.page.getByRole('heading', { name: 'Permisjon for Lina Ahmed' }).waitFor();
    await sara.page.getByText('venter på vedtak').waitFor();
    await expect(sara.page.getByText('rektor', { exact: true }).isVisible()).resolves.toBe(true);
    await expectAccessible(sara.page);

    const rektor = await e.newPage();
    await loginAsDemo(rektor.page, /Marit Solheim/);
    await rektor.page.getByRole('link', { name: 'Permisjonssøknader' }).first().click();
    await rektor.page.getByRole('link', { name: /Lina Ahmed/ }).click();
    await rektor.page.getByRole('heading', { name: 'Gjør vedtak' }).waitFor();
    await expectAccessible(rektor.page);
    await rektor.page.getByLabel('Begrunnelse').fill('Tre dager er innenfor skoleeierens regler, og det er ingen prøver i perioden.');
    await rektor.page.getByLabel('Elevens beste').fill('Lina får treffe familien sin; kontaktlæreren gir henne arbeidsplan for dagene.');
    await rektor.page.getByLabel('Elevens syn').fill('Lina ønsker å reise.');
    await rektor.page.getByRole('button', { name: 'Lagre vedtaket' }).click();
    await rektor.page.getByRole('heading', { name: 'Vedtak: permisjonen er innvilget' }).waitFor();
    await expectAccessible(rektor.page);
    await rektor.context.close();

    await sara.page.reload();
    await sara.page.getByRole('heading', { name: 'Vedtak: permisjonen er innvilget' }).waitFor();
    await sara.page.getByText(/Klagefrist:/).waitFor();
    await sara.page.getByText(/statsforvalteren/).waitFor();
    await expectAccessible(sara.page);
    await expectNoHorizontalScroll(sara.page);
    await sara.context.close();

    // Ali, Lina's other guardian with parental responsibility, logs in with his password and reads it in English.
    const ali = await e.newPage({ width: 360, height: 740, locale: 'en-GB' });
    await ali.page.goto('/login');
    await ali.page.getByRole('textbox', { name: 'Username' }).fill('ali.ahmed');
    await ali.page.getByLabel('Password', { exact: true }).fill('tillit-demo');
    await ali.page.getByRole('button', { name: 'Log in', exact: true }).click();
    await ali.page.waitForURL((u) => u.pathname === '/');
    await ali.page.getByRole('article', { name: 'Lina Ahmed' }).getByRole('link', { name: 'Absence and leave' }).click();
    await ali.page.getByRole('link', { name: new RegExp(`${new Date(`${from}T12:00:00Z`).getUTCDate()}`) }).first().click();
    await ali.page.getByRole('heading', { name: 'Decision: leave approved' }).waitFor();
    await ali.page.getByText(/Appeal deadline:/).waitFor();
    await expectAccessible(ali.page);
    await expectNoHorizontalScroll(ali.page);
    await ali.context.close();
  });

  it("lets the municipality set its rules, and shows the class's absence with the worrying flag", async () => {
    const admin = await e.newPage();
    await loginAsDemo(admin.page, /Anders Lie/);
    await admin.page.getByRole('link', { name: 'Eksempel kommune' }).click();
    await admin.page.getByRole('link', { name: 'Regler for fravær og permisjon' }).click();
    await admin.page.getByLabel('Høyst dager permisjon per skoleår').fill('8');
    await admin.page.getByRole('button', { name: 'Legg til periode' }).click();
    const period = admin.page.getByRole('group', { name: 'Periode 1' });
    await period.getByLabel('Navn').fill('Nasjonale prøver');
    await period.getByLabel('Fra og med').fill(addDays(day2, 20));
    await period.getByLabel('Til og med').fill(addDays(day2, 24));
    await expectAccessible(admin.page);
    await admin.page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await admin.page.getByText('Lagret.').waitFor();
    const rules = await e.database.db.selectFrom('absence_rules').select('leave_max_days_per_year').executeTakeFirstOrThrow();
    expect(rules.leave_max_days_per_year).toBe(8);
    await admin.context.close();

    const teacher = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.getByRole('link', { name: 'Fraværsoversikt' }).first().click();
    await teacher.page.getByRole('heading', { name: 'Fravær i 3A' }).waitFor();
    await teacher.page.getByRole('rowheader', { name: /Emma Nordmann/ }).waitFor();
    await expectAccessible(teacher.page);
    await expectNoHorizontalScroll(teacher.page);
    await teacher.context.close();
  });
});
