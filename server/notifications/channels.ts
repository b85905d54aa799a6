// The ways Tillit reaches a person outside the app. A channel without configuration is simply absent.
import nodemailer from 'nodemailer';
import type { PushMessage } from './push.service';

export interface OutgoingMessage {
  /** Stable per notification, so a copy re-sent after a crash carries the same Message-ID. */
  id: string;
  subject: string;
  text: string;
  language: string;
}

export interface Channels {
  email?: (to: string, message: OutgoingMessage) => Promise<void>;
  sms?: (to: string, message: OutgoingMessage) => Promise<void>;
  /** Web Push to every browser the person subscribed (push.service.ts). */
  push?: (personId: string, message: PushMessage) => Promise<void>;
}

/**
 * The mail server refused the address for good: a 5xx answer to RCPT TO, or an enhanced status saying the mailbox
 * or its domain does not exist or is disabled (5.1.x, 5.2.1). Not retried; the address counts as bounced.
 * A bounce the receiving system reports later by mail (a DSN) is not read: Tillit only sends.
 */
export class AddressRejectedError extends Error {}

function isAddressRejected(err: unknown): err is { responseCode: number; response?: string } {
  const e = err as { responseCode?: unknown; command?: unknown; response?: unknown };
  if (typeof e?.responseCode !== 'number' || e.responseCode < 500 || e.responseCode > 599) return false;
  return e.command === 'RCPT TO' || /\b5\.(1\.\d{1,3}|2\.1)\b/.test(String(e.response ?? ''));
}

/** Sends e-mail; `close()` ends the pooled connections (on shutdown). */
export function emailChannel(smtpUrl: string, from: string): NonNullable<Channels['email']> & { close(): void } {
  // A pool of kept-open connections: one new SMTP connection per mail costs a round of greetings each time.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(url.toString());
  const send: NonNullable<Channels['email']> = async (to, m) => {
    try {
      await transport.sendMail({
        from, to, subject: m.subject, text: m.text,
        messageId: `<${m.id}@tillit.notification>`,
        headers: { 'Content-Language': m.language, 'Auto-Submitted': 'auto-generated' },
      });
    } catch (err) {
      if (isAddressRejected(err)) throw new AddressRejectedError(err.response ?? `SMTP ${err.responseCode}`);
      throw err;
    }
  };
  return Object.assign(send, { close: () => transport.close() });
}

/**
 * SMS through an HTTP gateway: a JSON POST with a bearer token ({ sender, recipients, message }), the shape
 * most Norwegian SMS gateways' REST APIs take. A non-2xx answer is an error, retried with backoff.
 */
export function httpSmsChannel(url: string, token: string, sender: string): NonNullable<Channels['sms']> {
  return async (to, m) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': m.id },
      body: JSON.stringify({ sender, recipients: [to], message: m.text }),
    });
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  };
}
