// What the conversation tests add to the demo school (a second parent, a guardian Tillit reaches only by phone,
// a school nurse) and the loopback channels they deliver notifications through. Kept beside those tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { TestApp } from '../test/harness';
import { emailChannel, httpSmsChannel, type Channels } from '../notifications/channels';

export interface AddedPerson { personId: string; userId: string }

/** A guardian of the student, with a login; contact details as given (none by default). */
export async function addGuardian(
  t: TestApp,
  p: { givenName: string; studentId: string; email?: string; phone?: string; parentalResponsibility?: boolean },
): Promise<AddedPerson> {
  const db = t.database.db;
  const { id } = await db.insertInto('persons').values({ given_name: p.givenName, family_name: 'Testesen', email: p.email ?? null, phone: p.phone ?? null }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('guardianships').values({ guardian_id: id, student_id: p.studentId, parental_responsibility: p.parentalResponsibility ?? true, lives_with: false }).execute();
  const user = await db.insertInto('users').values({ person_id: id, username: `${p.givenName.toLowerCase()}.testesen` }).returning('id').executeTakeFirstOrThrow();
  return { personId: id, userId: user.id };
}

/** A school nurse at the school (1.6: never offered as a reader of a conversation). */
export async function addSchoolNurse(t: TestApp, schoolId: string): Promise<string> {
  const db = t.database.db;
  const { id } = await db.insertInto('persons').values({ given_name: 'Helga', family_name: 'Helsesøster' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('staff_roles').values({ person_id: id, school_id: schoolId, role: 'helsesykepleier', group_id: null, designated_for_protected: false }).execute();
  return id;
}

export const names = (people: { givenName: string }[]): string[] => people.map((p) => p.givenName).sort();

/**
 * Real channels on loopback for delivering the outbox: an SMTP server whose mails are parsed back, and an HTTP
 * SMS gateway speaking the protocol of httpSmsChannel. What arrived is kept in `mails` and `texts`.
 */
export async function startLoopbackChannels() {
  const mails: ParsedMail[] = [];
  const texts: { recipients: string[]; message: string }[] = [];
  const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], onData: (stream, _s, done) => void simpleParser(stream).then((m) => { mails.push(m); done(); }, done) });
  const gateway = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { texts.push(JSON.parse(Buffer.concat(chunks).toString('utf8'))); res.writeHead(202).end('{}'); });
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const email = emailChannel(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'Tillit <no-reply@tillit.test>');
  const sms = httpSmsChannel(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, 'token', 'Tillit');
  return {
    channels: { email, sms } satisfies Channels,
    mails,
    texts,
    async close() {
      email.close();
      await new Promise<void>((r) => smtp.close(() => r()));
      await new Promise<void>((r) => gateway.close(() => r()));
    },
  };
}
