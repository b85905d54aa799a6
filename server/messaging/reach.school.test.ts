// The whole school's reach (GET /api/schools/:schoolId/reach) against each class's own reach view: the same
// families, the same guardians without a working channel, the same rule for a strengt fortrolig guardian.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassRosterResponse } from '@shared/contracts/people';
import type { ReachResponse, SchoolReachResponse } from '@shared/contracts/messaging';
import { createTestApp, TEST_NOW, type Session, type TestApp } from '../test/harness';

type Counts = SchoolReachResponse['total'];

const LATER = new Date(TEST_NOW.getTime() + 31 * 86_400_000);

describe("the school's reach, class by class", () => {
  let t: TestApp;
  let marit: Session;
  /** Guardians of classmates (not the demo people), changed in beforeAll so that the counts have something to count. */
  const changed: Record<'polishNoChannel' | 'bouncedInTwoClasses' | 'somali', string> = { polishNoChannel: '', bouncedInTwoClasses: '', somali: '' };

  const schoolReach = async (session: Session) => {
    const res = await t.get(`/api/schools/${t.demo.schools.solbakken}/reach`, session);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as SchoolReachResponse;
  };
  const classView = async (groupId: string, session: Session) => {
    const [reach, roster] = await Promise.all([t.get(`/api/groups/${groupId}/reach`, session), t.get(`/api/groups/${groupId}/roster`, session)]);
    expect(reach.statusCode, reach.body).toBe(200);
    return { reach: reach.json() as ReachResponse, roster: roster.json() as ClassRosterResponse };
  };

  /**
   * What a class's reach view lists, as sets: the families (students, found on the roster by the guardian and the
   * child's name the view gives) of the guardians listed as not reached, by language, and the guardians no channel
   * reaches. While nobody has read anything, every guardian with access is listed as not reached.
   */
  function listedBy({ reach, roster }: Awaited<ReturnType<typeof classView>>) {
    const familiesOf = (guardians: ReachResponse['notReached'][number]['guardians']) => new Set(roster.students
      .filter((s) => guardians.some((g) => g.students.includes(`${s.givenName} ${s.familyName}`) && s.guardians.some((x) => x.id === g.personId)))
      .map((s) => s.id));
    const notReached = familiesOf(reach.notReached.flatMap((l) => l.guardians));
    expect(notReached.size, `${reach.group.name}: each family listed is found on the roster`).toBe(reach.notReachedFamilies);
    return {
      notReached,
      noChannel: new Set(reach.noChannel.flatMap((l) => l.guardians.map((g) => g.personId))),
      languages: new Map(reach.notReached.map((l) => [l.language, { families: familiesOf(l.guardians), needInterpreter: familiesOf(l.guardians.filter((g) => g.interpreterNeeded)) }])),
    };
  }

  /**
   * The school view agrees with each class's view for the same reader, and its totals with the classes' views put
   * together (a family or guardian in two groups once). With `everyoneListed` (nobody has read anything), the
   * families and the languages are compared too.
   */
  async function expectAgreement(session: Session, everyoneListed: boolean) {
    const school = await schoolReach(session);
    expect(school.groups.map((g) => g.id).sort()).toEqual(Object.entries(t.demo.groups).filter(([name]) => name !== '9A').map(([, id]) => id).sort());
    const union = { notReached: new Set<string>(), noChannel: new Set<string>(), languages: new Map<string, { families: Set<string>; needInterpreter: Set<string> }>() };
    for (const group of school.groups) {
      const listed = listedBy(await classView(group.id, session));
      expect(group.notReachedFamilies, group.name).toBe(listed.notReached.size);
      expect(group.noChannelGuardians, group.name).toBe(listed.noChannel.size);
      for (const id of listed.notReached) union.notReached.add(id);
      for (const id of listed.noChannel) union.noChannel.add(id);
      if (!everyoneListed) continue;
      expect(group.families, group.name).toBe(listed.notReached.size);
      const languages = [...listed.languages].filter(([code]) => code !== 'nb').sort(([a], [b]) => a.localeCompare(b));
      expect(group.languages, group.name).toEqual(languages.map(([language, l]) => ({ language, families: l.families.size, needInterpreter: l.needInterpreter.size })));
      for (const [language, l] of languages) {
        const all = union.languages.get(language) ?? { families: new Set<string>(), needInterpreter: new Set<string>() };
        for (const id of l.families) all.families.add(id);
        for (const id of l.needInterpreter) all.needInterpreter.add(id);
        union.languages.set(language, all);
      }
    }
    expect(school.total.notReachedFamilies).toBe(union.notReached.size);
    expect(school.total.noChannelGuardians).toBe(union.noChannel.size);
    if (everyoneListed) {
      expect(school.total.families).toBe(union.notReached.size);
      expect(school.total.languages).toEqual([...union.languages].sort(([a], [b]) => a.localeCompare(b))
        .map(([language, l]) => ({ language, families: l.families.size, needInterpreter: l.needInterpreter.size })));
    }
    return school;
  }

  const byName = (school: SchoolReachResponse) => Object.fromEntries(school.groups.map((g) => [g.name, g]));
  const classmateGuardian = async (group: string, skip: string[] = []) => {
    const row = await t.database.db.selectFrom('enrolments as e').innerJoin('guardianships as g', 'g.student_id', 'e.student_id')
      .select(['g.guardian_id', 'g.student_id']).where('e.group_id', '=', t.demo.groups[group as '1A'])
      .where('g.guardian_id', 'not in', [t.demo.people.kari, t.demo.people.sara, t.demo.people.ali, ...skip])
      // A guardian with parental responsibility, chosen the same way every run: ordered by the student alone, a child
      // with two guardians gave either, and a parent without access is not counted as the family's language.
      .where('g.parental_responsibility', '=', true)
      .orderBy('g.student_id').orderBy('g.guardian_id').executeTakeFirstOrThrow();
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp();
    marit = await t.loginAs(t.demo.users.marit);
    const db = t.database.db;
    // In 3A, a mother who reads Polish and needs an interpreter; the school has neither her e-mail nor her phone.
    changed.polishNoChannel = (await classmateGuardian('3A')).guardian_id;
    await db.updateTable('persons').set({ email: null, phone: null, preferred_language: 'pl', interpreter_needed: true }).where('id', '=', changed.polishNoChannel).execute();
    // In 1A, a father whose e-mail bounced and who has no phone, also the guardian of a second child, in 5B.
    changed.bouncedInTwoClasses = (await classmateGuardian('1A')).guardian_id;
    const father = await db.updateTable('persons').set({ phone: null, preferred_language: 'pl' }).where('id', '=', changed.bouncedInTwoClasses).returning('email').executeTakeFirstOrThrow();
    await db.insertInto('email_bounces').values({ person_id: changed.bouncedInTwoClasses, address: father.email!.toLowerCase(), bounced_at: TEST_NOW, response: '550 5.1.1 No such user' }).execute();
    const inFiveB = await classmateGuardian('5B');
    await db.insertInto('guardianships').values({ guardian_id: changed.bouncedInTwoClasses, student_id: inFiveB.student_id, parental_responsibility: true, lives_with: false }).execute();
    // In 7A, a mother who reads Somali and needs an interpreter.
    changed.somali = (await classmateGuardian('7A')).guardian_id;
    await db.updateTable('persons').set({ preferred_language: 'so', interpreter_needed: true }).where('id', '=', changed.somali).execute();
  });
  afterAll(async () => { await t.close(); });

  it('counts each class and AKS group as its reach view does, and the school with each family and guardian once', async () => {
    const school = await expectAgreement(marit, true);
    const groups = byName(school);
    // Emma is in 3A and in the AKS group: a family in each, one in the school's total.
    expect(school.total.families).toBeLessThan(school.groups.reduce((n, g) => n + g.families, 0));
    // The father is without a working channel in 1A and in 5B, and one guardian of the school.
    expect(groups['1A']).toMatchObject({ noChannelGuardians: 1 });
    expect(groups['5B']).toMatchObject({ noChannelGuardians: 1 });
    expect(groups['3A']).toMatchObject({ noChannelGuardians: 1 });
    expect(school.total.noChannelGuardians).toBe(2);
    // Where an interpreter is needed: Arabic in 5B (Sara and Ali are one family; Sara needs one), Polish in 1A, 3A
    // and 5B (the father's second child), Somali in 7A. Norwegian is not listed.
    expect(groups['5B']!.languages).toEqual([{ language: 'ar', families: 1, needInterpreter: 1 }, { language: 'pl', families: 1, needInterpreter: 0 }]);
    expect(groups['7A']!.languages).toEqual([{ language: 'so', families: 1, needInterpreter: 1 }]);
    expect(school.total.languages).toEqual([
      { language: 'ar', families: 1, needInterpreter: 1 },
      { language: 'pl', families: 3, needInterpreter: 1 },
      { language: 'so', families: 1, needInterpreter: 1 },
    ]);
  });

  it('changes when a family is reached, in every group of its children, and again once 30 days have passed', async () => {
    const before = byName(await schoolReach(marit));
    const ingrid = await t.loginAs(t.demo.users.ingrid);
    const sent = await t.send('POST', '/api/announcements', { title: 'Tur', body: 'Vi går på tur fredag.', category: 'practical', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, ingrid);
    expect(sent.statusCode, sent.body).toBe(200);
    // Kari, the mother of Emma (3A, AKS) and Jonas (7A), reads it: both her families are reached.
    expect((await t.get(`/api/announcements/${sent.json().id}`, await t.loginAs(t.demo.users.kari))).statusCode).toBe(200);
    const reached = await expectAgreement(marit, false);
    const after = byName(reached);
    for (const name of ['3A', 'AKS 1–4', '7A']) expect(after[name]!.notReachedFamilies, name).toBe(before[name]!.notReachedFamilies - 1);
    for (const name of ['1A', '5B']) expect(after[name]!.notReachedFamilies, name).toBe(before[name]!.notReachedFamilies);
    expect(reached.total.notReachedFamilies).toBe(reached.total.families - 2);
    // Being reached is not a channel: the families and who has no working channel stay as they were.
    for (const name of Object.keys(before)) expect({ ...after[name], notReachedFamilies: 0 }).toEqual({ ...before[name], notReachedFamilies: 0 });

    t.clock.set(LATER);
    // A session lasts 14 days: Marit logs in again.
    marit = await t.loginAs(t.demo.users.marit);
    const later = byName(await expectAgreement(marit, true));
    for (const name of Object.keys(before)) expect(later[name]!.notReachedFamilies, name).toBe(before[name]!.notReachedFamilies);
  });

  it("counts a strengt fortrolig guardian without a channel only for staff who may see her channels, as the class view lists her", async () => {
    // 31 days on (as the test before left it), nobody has read anything in the last 30 days.
    t.clock.set(LATER);
    const db = t.database.db;
    // Eva becomes an avdelingsleder of Solbakken, not designated for protected persons; Marit, the rektor, is.
    await db.insertInto('staff_roles').values({ person_id: t.demo.people.eva, school_id: t.demo.schools.solbakken, role: 'avdelingsleder', group_id: null, designated_for_protected: false }).execute();
    const eva = await t.loginAs(t.demo.users.eva);
    const beforeByEva = await schoolReach(eva);
    const beforeByMarit = await schoolReach(marit);
    // Before the protected mother comes in, both leaders are told the same.
    expect(beforeByEva).toEqual(beforeByMarit);

    // A 1A classmate's mother lives at a strengt fortrolig address; Tillit holds no login, e-mail or phone for her.
    const family = await classmateGuardian('1A', [changed.bouncedInTwoClasses]);
    const mother = (await db.insertInto('persons').values({
      given_name: 'Hemmelig', family_name: 'Mor', address_protection: 'strengt_fortrolig', preferred_language: 'so', interpreter_needed: true,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('guardianships').values({ guardian_id: mother, student_id: family.student_id, parental_responsibility: true, lives_with: true }).execute();

    const byMarit = await expectAgreement(marit, true);
    const byEva = await expectAgreement(eva, true);
    const classOf = async (session: Session) => (await classView(t.demo.groups['1A'], session)).reach;
    // To Marit she is a guardian without a working channel, in 1A and in the school's total, as in 1A's view.
    expect((await classOf(marit)).noChannel.flatMap((l) => l.guardians.map((g) => g.personId))).toContain(mother);
    expect(byName(byMarit)['1A']!.noChannelGuardians).toBe(byName(beforeByMarit)['1A']!.noChannelGuardians + 1);
    expect(byMarit.total.noChannelGuardians).toBe(beforeByMarit.total.noChannelGuardians + 1);
    // To Eva, 1A's view lists her as not reached with her channels hidden, and not under no working channel: the
    // counts say nothing of her channels either; they are what they were before she came.
    const evasClass = await classOf(eva);
    expect(evasClass.notReached.flatMap((l) => l.guardians).find((g) => g.personId === mother)).toMatchObject({ channelsHidden: true, hasLogin: false, hasPhone: false });
    expect(evasClass.noChannel.flatMap((l) => l.guardians.map((g) => g.personId))).not.toContain(mother);
    expect(byName(byEva)['1A']!.noChannelGuardians).toBe(byName(beforeByEva)['1A']!.noChannelGuardians);
    expect(byEva.total.noChannelGuardians).toBe(beforeByEva.total.noChannelGuardians);
    // Everything else she is counted in as for Marit: her family, not reached, and Somali with an interpreter in 1A.
    const withoutChannels = (s: SchoolReachResponse) => ({
      ...s, total: { ...s.total, noChannelGuardians: 0 }, groups: s.groups.map((g): Counts & { id: string } => ({ ...g, noChannelGuardians: 0 })),
    });
    expect(withoutChannels(byEva)).toEqual(withoutChannels(byMarit));
    expect(byName(byEva)['1A']!.languages).toContainEqual({ language: 'so', families: 1, needInterpreter: 1 });

    // Fortrolig hides only her address: her channels, and that she has none, are known to both.
    await db.updateTable('persons').set({ address_protection: 'fortrolig' }).where('id', '=', mother).execute();
    expect((await expectAgreement(eva, true)).total.noChannelGuardians).toBe(byMarit.total.noChannelGuardians);
  });
});
