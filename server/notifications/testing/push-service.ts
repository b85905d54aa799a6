// A push service on loopback for tests, playing both parts a real one has: it checks the VAPID signature
// (RFC 8292) as Mozilla's and Google's services do, and, standing in for the browser, decrypts the aes128gcm
// payload (RFC 8291) with the subscription's private key. Nothing is mocked: the bytes are Tillit's own.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';

export interface ReceivedPush {
  browser: string;
  payload: { title: string; body: string; url: string; tag: string };
  headers: { ttl: string | undefined; urgency: string | undefined; topic: string | undefined };
  jwt: { aud: string; exp: number; sub: string };
}

export interface TestPushService {
  received: ReceivedPush[];
  /** Problems found in a request (a bad signature, a payload that does not decrypt); tests expect none. */
  rejected: string[];
  /** A browser subscribing: its own key pair and auth secret, and an endpoint on this service. */
  subscribe(browser: string): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Answer this status to the browser's next deliveries instead of 201 (410: the subscription is gone). */
  answer(browser: string, status: number): void;
  close(): Promise<void>;
}

const b64u = (b: Buffer) => b.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 §3.4 and RFC 8188: one record, keyed by ECDH with the sender's key from the header and the auth secret. */
function decrypt(body: Buffer, ecdh: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderPublic = body.subarray(21, 21 + idLength);
  const cipherText = body.subarray(21 + idLength);
  const receiverPublic = ecdh.getPublicKey();
  const shared = ecdh.computeSecret(senderPublic);
  const ikm = hmac(hmac(authSecret, shared), Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipherText.subarray(cipherText.length - 16));
  const padded = Buffer.concat([decipher.update(cipherText.subarray(0, cipherText.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then any zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** RFC 8292: `vapid t=<JWT signed ES256>, k=<the server's public key>`; the key must be the one the browser was given. */
function verifyVapid(authorization: string | undefined, expectedKey: string, origin: string): ReceivedPush['jwt'] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!m) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [token, key] = [m[1]!, m[2]!];
  if (key !== expectedKey) throw new Error('signed with another key than the one the browser subscribed with');
  const [header, claims, signature] = token.split('.') as [string, string, string];
  const point = Buffer.from(key, 'base64url');
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33, 65)) }, format: 'jwk' });
  const valid = verify('sha256', Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('VAPID signature does not verify');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('VAPID JWT is not ES256');
  const jwt = JSON.parse(Buffer.from(claims, 'base64url').toString()) as ReceivedPush['jwt'];
  const now = Math.floor(Date.now() / 1000);
  if (jwt.aud !== origin) throw new Error(`VAPID audience ${jwt.aud} is not ${origin}`);
  if (!(jwt.exp > now && jwt.exp <= now + 24 * 3600)) throw new Error('VAPID expiry is not within 24 hours');
  if (!/^(mailto:|https:)/.test(jwt.sub)) throw new Error('VAPID subject is not a contact');
  return jwt;
}

export async function startTestPushService(serverPublicKey: () => Promise<string>): Promise<TestPushService> {
  const browsers = new Map<string, { ecdh: ECDH; auth: Buffer; status: number }>();
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const name = decodeURIComponent(req.url!.replace(/^\/push\//, ''));
        const browser = browsers.get(name);
        if (!browser) return res.writeHead(404).end();
        if (browser.status !== 201) return res.writeHead(browser.status).end();
        try {
          if (req.method !== 'POST' || req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not an aes128gcm push');
          const jwt = verifyVapid(req.headers.authorization, await serverPublicKey(), `http://127.0.0.1:${port}`);
          const payload = JSON.parse(decrypt(Buffer.concat(chunks), browser.ecdh, browser.auth)) as ReceivedPush['payload'];
          const h = req.headers;
          received.push({ browser: name, payload, jwt, headers: { ttl: h.ttl as string, urgency: h.urgency as string, topic: h.topic as string } });
          res.writeHead(201).end();
        } catch (err) {
          rejected.push((err as Error).message);
          res.writeHead(400).end();
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    rejected,
    subscribe(name) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      browsers.set(name, { ecdh, auth, status: 201 });
      return { endpoint: `http://127.0.0.1:${port}/push/${encodeURIComponent(name)}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } };
    },
    answer(name, status) { browsers.get(name)!.status = status; },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
