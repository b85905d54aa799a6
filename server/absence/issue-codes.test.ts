// Every refusal of an absence form names its field with a code of its own, and the catalogs tell the reader what
// to do about it in each language: not the "Er ikke gyldig." a plain custom issue falls back to. Where a limit is
// fixed in code (14 days back, 180 ahead), the message names the same number the server refuses by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFieldIssueCode } from '@shared/errors';
import { translate } from '../i18n/catalogs';
import { createTestApp, type Session, type TestApp } from '../test/harness';

describe('the codes absence forms are refused with', () => {
  let t: TestApp;
  let kari: Session;
  beforeAll(async () => {
    t = await createTestApp();
    kari = await t.loginAs(t.demo.users.kari);
    t.clock.set('2026-11-23T08:00:00+01:00'); // a Monday
  });
  afterAll(async () => { await t.close(); });

  type Refusal = { statusCode: number; json(): { error: { message: string; issues: { path: string; code: string }[] } } };
  const only = (res: Refusal) => {
    expect(res.statusCode).toBe(400);
    const { issues, message } = res.json().error;
    expect(issues).toHaveLength(1);
    return { ...issues[0]!, message };
  };
  /** The code has a message of its own in every language. */
  const readable = (code: string) => {
    expect(isFieldIssueCode(code), code).toBe(true);
    for (const lang of ['nb', 'nn', 'en'] as const) expect(translate(lang, `issue.${code}`), `${lang} ${code}`).not.toBe(translate(lang, 'issue.custom'));
    return (lang: 'nb' | 'nn' | 'en') => translate(lang, `issue.${code}`);
  };
  const report = (body: Record<string, unknown>) => t.send('POST', '/api/absence/reports', { studentIds: [t.demo.people.emma], ...body }, kari) as Promise<Refusal>;
  const numberIn = (text: string) => Number(/\d+/.exec(text)?.[0]);

  it('too far back and too far ahead for a report, with the limits the server keeps', async () => {
    const early = only(await report({ fromDate: '2026-11-01' }));
    expect(early).toMatchObject({ path: 'body.fromDate', code: 'too_early' });
    const late = only(await report({ fromDate: '2027-06-01' }));
    expect(late).toMatchObject({ path: 'body.toDate', code: 'too_late' });
    for (const lang of ['nb', 'nn', 'en'] as const) {
      expect(numberIn(readable('too_early')(lang)), lang).toBe(numberIn(early.message));
      expect(numberIn(readable('too_late')(lang)), lang).toBe(numberIn(late.message));
    }
    expect(readable('too_early')('nb')).toBe('Er for langt tilbake. Fravær kan meldes inntil 14 dager tilbake.');
  });

  it('a part of a day over several days, and a return before leaving', async () => {
    expect(only(await report({ fromDate: '2026-11-24', toDate: '2026-11-25', fromTime: '10:00' }))).toMatchObject({ path: 'body.fromTime', code: 'one_day_only' });
    expect(only(await report({ fromDate: '2026-11-24', fromTime: '12:00', untilTime: '10:00' }))).toMatchObject({ path: 'body.untilTime', code: 'not_after_from' });
    expect(only(await report({ fromDate: '2026-11-25', toDate: '2026-11-24' }))).toMatchObject({ path: 'body.toDate', code: 'before_from' });
    readable('one_day_only');
    expect(readable('not_after_from')('nb')).toBe('Må være senere enn når eleven går fra skolen.');
  });

  it('leave in the past, longer than a year, or over no school day', async () => {
    const apply = (body: Record<string, unknown>) => t.send('POST', '/api/leave', { studentId: t.demo.people.emma, kind: 'ordinary', ...body }, kari) as Promise<Refusal>;
    expect(only(await apply({ fromDate: '2026-11-20', toDate: '2026-11-20' }))).toMatchObject({ path: 'body.fromDate', code: 'in_past' });
    expect(only(await apply({ fromDate: '2026-12-01', toDate: '2027-12-10' }))).toMatchObject({ path: 'body.toDate', code: 'too_long' });
    expect(only(await apply({ fromDate: '2026-11-28', toDate: '2026-11-29' }))).toMatchObject({ path: 'body.toDate', code: 'no_school_days' });
    readable('in_past');
    readable('too_long');
    readable('no_school_days');
  });

  it('an overview asked for more than a year at a time', async () => {
    const res = await t.get(`/api/students/${t.demo.people.emma}/absence?from=2025-08-01&to=2026-11-20`, kari) as Refusal;
    expect(only(res)).toMatchObject({ path: 'querystring.to', code: 'too_long' });
  });
});
