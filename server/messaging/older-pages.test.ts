// "Show older" under the inbox's two lists: the pages after the inbox's first, in the inbox's own order, each item
// once, ties in time included (due announcements go out at one instant), and nothing from another person's list.
import { describe, expect, it } from 'vitest';
import { useDemoAppAsIngrid } from './testing/demo-app';

type Page<K extends string> = Record<K, { id: string }[]> & { nextBefore: string | null };
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('older pages of the inbox', () => {
  const app = useDemoAppAsIngrid();

  it('gives a guardian every announcement she received, the inbox first and then the older page, ties in time in one order', async () => {
    const { t, ingrid } = app;
    // 23 announcements at one and the same instant: only their ids order them.
    t.clock.set('2026-11-02T09:00:00Z');
    const sent: string[] = [];
    for (let i = 0; i < 23; i++) {
      const res = await t.send('POST', '/api/announcements', { title: `Beskjed ${i + 1}`, body: 'Til foreldrene i 3A.', category: 'information', audience: { type: 'groups', groupIds: [t.demo.groups['3A']] } }, ingrid);
      expect(res.statusCode, res.body).toBe(200);
      sent.push((res.json() as { id: string }).id);
    }
    const kari = await t.loginAs(t.demo.users.kari);
    const inbox = (await t.get('/api/inbox', kari)).json() as Page<'announcements'>;
    expect(inbox.announcements).toHaveLength(20);
    const older = (await t.get(`/api/announcements/received?before=${inbox.announcements.at(-1)!.id}`, kari)).json() as Page<'announcements'>;
    expect(older.nextBefore).toBeNull();
    expect(older.announcements).toHaveLength(3);
    const all = [...ids(inbox.announcements), ...ids(older.announcements)];
    expect(new Set(all).size).toBe(23);
    expect([...all].sort()).toEqual([...sent].sort());
    // Page by page from the start gives the same order, with a cursor to the next page.
    const first = (await t.get('/api/announcements/received?before=' + sent[0], kari)).json() as Page<'announcements'>;
    expect(ids(first.announcements)).toEqual(all.slice(all.indexOf(sent[0]!) + 1, all.indexOf(sent[0]!) + 21));

    // Someone who did not receive it gets nothing after it, not someone else's list.
    const fromIngrid = (await t.get(`/api/announcements/received?before=${inbox.announcements[0]!.id}`, ingrid)).json() as Page<'announcements'>;
    expect(fromIngrid).toEqual({ announcements: [], nextBefore: null });
  });

  it("gives a guardian every conversation of hers, page by page in the inbox's order, and nothing after another's", async () => {
    const { t, ingrid } = app;
    // Ali (5B) writes first, an hour before Kari's conversations.
    t.clock.set('2026-11-03T08:00:00Z');
    const ali = await t.loginAs(t.demo.users.ali);
    const own = await t.send('POST', '/api/conversations', { studentId: t.demo.people.lina, topic: 'practical', subject: 'Gymtøy', body: 'Hei, et spørsmål.' }, ali);
    expect(own.statusCode, own.body).toBe(200);
    t.clock.set('2026-11-03T09:00:00Z');
    const kari = await t.loginAs(t.demo.users.kari);
    const started: string[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.send('POST', '/api/conversations', { studentId: t.demo.people.emma, topic: 'academic', subject: `Spørsmål ${i + 1}`, body: 'Hei, et spørsmål.' }, kari);
      expect(res.statusCode, res.body).toBe(200);
      started.push(...(res.json() as { conversationIds: string[] }).conversationIds);
    }
    const inbox = (await t.get('/api/inbox', kari)).json() as Page<'conversations'>;
    const list = (await t.get('/api/conversations', kari)).json() as Page<'conversations'>;
    expect(ids(list.conversations)).toEqual(ids(inbox.conversations));
    expect(list.nextBefore).toBe(inbox.conversations.at(-1)!.id);
    const older = (await t.get(`/api/conversations?before=${list.nextBefore}`, kari)).json() as Page<'conversations'>;
    const all = [...ids(list.conversations), ...ids(older.conversations)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(started));
    expect(older.nextBefore).toBeNull();

    // Ali is in none of Kari's: after one of them he gets nothing (not his own older one), as if it were not there.
    expect(ids(((await t.get('/api/conversations', ali)).json() as Page<'conversations'>).conversations)).toHaveLength(1);
    const fromAli = (await t.get(`/api/conversations?before=${started[0]}`, ali)).json() as Page<'conversations'>;
    expect(fromAli).toEqual({ conversations: [], nextBefore: null });
    // Ingrid, their contact teacher, is in them: after the first, the rest of her list.
    const fromIngrid = (await t.get(`/api/conversations?before=${started[0]}`, ingrid)).json() as Page<'conversations'>;
    expect(fromIngrid.conversations.length).toBeGreaterThan(0);
  });
});
