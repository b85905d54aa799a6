// Issue 4's first journey in Chromium: a guardian reading Tillit in nynorsk reports two days of illness for one
// child, and the contact teacher's register for those days shows it already marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, loginAsDemo, startE2E, type E2E } from './support';
import { osloDate } from '../shared/dates';

describe('absence, reported and registered', () => {
  let e: E2E;
  beforeAll(async () => { e = await startE2E(); });
  afterAll(async () => { await e.close(); });

  it("reaches the contact teacher's register when a guardian reports two days of illness", async () => {
    const tomorrow = osloDate(new Date(e.clock.now().getTime() + 86_400_000));
    const dayAfter = osloDate(new Date(e.clock.now().getTime() + 2 * 86_400_000));
    const guardian = await e.newPage({ width: 360, height: 740, locale: 'nn-NO' });
    await loginAsDemo(guardian.page, /Kari Nordmann/);
    await guardian.page.getByRole('article', { name: 'Emma Nordmann' }).getByRole('link', { name: 'Meld fråvær' }).click();
    await guardian.page.getByRole('heading', { name: 'Meld fråvær' }).waitFor();
    await expect(guardian.page.getByLabel('Emma Nordmann').isChecked()).resolves.toBe(true);
    await guardian.page.getByLabel('Frå og med').fill(tomorrow);
    await guardian.page.getByLabel('Til og med').fill(dayAfter);
    await guardian.page.getByLabel('Sjuk').check();
    await expectAccessible(guardian.page);
    await expectNoHorizontalScroll(guardian.page);
    await guardian.page.getByRole('button', { name: 'Meld fråvær' }).click();
    await guardian.page.getByRole('heading', { name: 'Fråværet er meldt' }).waitFor();
    await expect(guardian.page.getByText('Meldinga går òg til AKS.').isVisible()).resolves.toBe(true);
    await expectAccessible(guardian.page);
    await guardian.context.close();

    // The next morning: a register is kept on its own day, not ahead of time.
    e.clock.set(`${tomorrow}T07:30:00Z`);
    const teacher = await e.newPage({ width: 360, height: 740 });
    await loginAsDemo(teacher.page, /Ingrid Berg/);
    await teacher.page.goto(`/groups/${e.demo.groups['3A']}/attendance?date=${tomorrow}`);
    const emma = teacher.page.getByLabel(/Emma Nordmann/);
    await emma.waitFor();
    await expect(emma.isChecked()).resolves.toBe(true);
    await expect(teacher.page.getByText('meldt av Kari Nordmann').isVisible()).resolves.toBe(true);
    await expectAccessible(teacher.page);
    await expectNoHorizontalScroll(teacher.page);
    await teacher.page.getByRole('button', { name: 'Lagre fravær' }).click();
    await teacher.page.getByText('Fraværet er lagret.').waitFor();
    await teacher.context.close();
  });
});
