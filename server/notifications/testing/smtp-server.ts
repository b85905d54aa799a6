// A mail server on loopback for tests (smtp-server), keeping every mail it accepts, parsed back with mailparser.
// It can answer "try later" (451) to the next mails, and refuse addresses for good at RCPT TO, as a mail server
// does for a mailbox that does not exist (550 5.1.1).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface TestSmtpServer {
  mails: ParsedMail[];
  /** How many of the next mails to answer with a temporary failure. */
  rejectNext: number;
  /** Addresses answered with 550 5.1.1 at RCPT TO. */
  unknownMailboxes: Set<string>;
  port: number;
  url: string;
  /** The mails to one address. */
  mailTo(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const inbox = { mails: [] as ParsedMail[], rejectNext: 0, unknownMailboxes: new Set<string>() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (inbox.unknownMailboxes.has(address.address.toLowerCase())) {
        callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      if (inbox.rejectNext > 0) {
        inbox.rejectNext--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then((mail) => { inbox.mails.push(mail); callback(); }, callback);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(inbox, {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mailTo: (address: string) => inbox.mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address),
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
