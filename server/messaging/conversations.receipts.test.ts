// Per message: who has read it, who has not, and how each was notified (the outbox, delivered through real
// loopback channels); an SMS for a parent Tillit reaches only by phone, never with the message's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/harness';
import { deliverDue } from '../notifications/notifications.service';
import { addGuardian, startLoopbackChannels, type AddedPerson } from './conversations.fixtures';

interface Receipt { personId: string; read: boolean; notified: { channel: string; state: string }[] | null }

describe('receipts and notifications of conversation messages', () => {
  let t: TestApp;
  let loopback: Awaited<ReturnType<typeof startLoopbackChannels>>;
  let thomas: AddedPerson;
  let ingrid: Session;
  let kari: Session;
  let id: string;
  const BODY = 'Emma leste høyt for klassen i dag, og hun gjorde det kjempefint.';
  const deliver = () => deliverDue({ db: t.database.db, clock: t.clock, log: t.app.log }, loopback.channels, { emailAfterMinutes: 60, publicUrl: 'https://tillit.example.no' });
  const receiptsOf = async (session: Session, conversationId: string, n = 0): Promise<Receipt[] | null> =>
    (await t.get(`/api/conversations/${conversationId}`, session)).json().messages[n].receipts;
  const receiptOf = (receipts: Receipt[] | null, personId: string) => receipts?.find((r) => r.personId === personId);

  beforeAll(async () => {
    t = await createTestApp();
    loopback = await startLoopbackChannels();
    // Emma's father: parental responsibility, a phone, no e-mail, no app on a phone: only SMS reaches him.
    thomas = await addGuardian(t, { givenName: 'Thomas', studentId: t.demo.people.emma, phone: '+47 400 00 001' });
    await t.database.db.updateTable('persons').set({ preferred_language: 'en' }).where('id', '=', thomas.personId).execute();
    ingrid = await t.loginAs(t.demo.users.ingrid);
    kari = await t.loginAs(t.demo.users.kari);
    t.clock.set('2026-11-23T09:00:00Z');
    [id] = (await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.emma], subject: 'Høytlesing', body: BODY, tone: 'positive' }, ingrid)).json().conversationIds;
  });
  afterAll(async () => {
    await loopback.close();
    await t.close();
  });

  it('texts a parent Tillit can reach only by phone when the message is still unread an hour later, without its words', async () => {
    const rows = await t.database.db.selectFrom('notification_outbox').select(['person_id', 'channel']).where('topic', '=', 'message').execute();
    expect(rows.filter((r) => r.person_id === thomas.personId).map((r) => r.channel)).toEqual(['sms']);
    expect(rows.filter((r) => r.person_id === t.demo.people.kari).map((r) => r.channel)).toEqual(['email']);
    await deliver();
    expect(loopback.texts).toEqual([]);

    t.clock.set('2026-11-23T09:10:00Z');
    expect((await t.get(`/api/conversations/${id}`, kari)).statusCode).toBe(200);
    t.clock.set('2026-11-23T10:01:00Z');
    await deliver();
    expect(loopback.texts).toHaveLength(1);
    const [text] = loopback.texts;
    expect(text!.recipients).toEqual(['+47 400 00 001']);
    expect(text!.message).toContain('Ingrid Berg');
    expect(text!.message).toContain(`https://tillit.example.no/messages/${id}`);
    expect(text!.message).toContain('has written to you');
    expect(text!.message).not.toContain('kjempefint');
    // A text message, not an e-mail: no e-mail footer.
    expect(text!.message).not.toContain('e-mail');
    // Kari read it in the app, so no e-mail went to her.
    expect(loopback.mails).toEqual([]);
  });

  it('shows the teacher who has read her message, who has not, and how each was notified', async () => {
    const receipts = await receiptsOf(ingrid, id);
    expect(receiptOf(receipts, t.demo.people.kari)).toEqual({ personId: t.demo.people.kari, read: true, notified: [{ channel: 'email', state: 'not_needed' }] });
    expect(receiptOf(receipts, thomas.personId)).toEqual({ personId: thomas.personId, read: false, notified: [{ channel: 'sms', state: 'sent' }] });
  });

  it('shows a guardian who has read her own message, but not how anyone was told, and nothing on the teacher\'s', async () => {
    expect(await receiptsOf(kari, id)).toBeNull();
    t.clock.set('2026-11-23T10:05:00Z');
    expect((await t.send('POST', `/api/conversations/${id}/messages`, { body: 'Tusen takk!' }, kari)).statusCode).toBe(200);
    const mine = await receiptsOf(kari, id, 1);
    expect(mine?.map((r) => r.notified)).toEqual([null, null]);
    expect(mine?.map((r) => r.read)).toEqual([false, false]);
    expect(receiptOf(await receiptsOf(ingrid, id, 1), thomas.personId)?.notified).toEqual([{ channel: 'sms', state: 'queued' }]);
  });

  it("keeps how a strengt fortrolig mother was notified from a teacher not designated for her, and shows the rektor who is", async () => {
    const nils = await t.loginAs(t.demo.users.nils);
    const ids: string[] = (await t.send('POST', '/api/conversations/to-families', { studentIds: [t.demo.people.lina], subject: 'Ukeplan', body: 'Ukeplanen ligger i sekken.' }, nils)).json().conversationIds;
    await deliver();
    const [saraThread] = (await t.get('/api/conversations', await t.loginAs(t.demo.users.sara))).json().conversations.filter((c: { id: string }) => ids.includes(c.id));
    const aliThread = ids.find((x) => x !== saraThread.id)!;
    expect(receiptOf(await receiptsOf(nils, saraThread.id), t.demo.people.sara)).toEqual({ personId: t.demo.people.sara, read: false, notified: null });
    expect(receiptOf(await receiptsOf(nils, aliThread), t.demo.people.ali)?.notified).toEqual([{ channel: 'email', state: 'waiting' }]);
    expect((await t.send('POST', `/api/conversations/${saraThread.id}/participants`, { personId: t.demo.people.marit }, nils)).statusCode).toBe(200);
    expect(receiptOf(await receiptsOf(await t.loginAs(t.demo.users.marit), saraThread.id), t.demo.people.sara)?.notified).toEqual([{ channel: 'email', state: 'waiting' }]);
  });
});
