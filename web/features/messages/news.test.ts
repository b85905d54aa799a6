import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { InboxResponse } from '@shared/contracts/messaging';
import { newsOf } from './news';

type Inbox = z.infer<typeof InboxResponse>;
const AT = '2026-12-01T08:00:00.000Z';
const conversation = (unread: number): Inbox['conversations'][number] => ({
  id: crypto.randomUUID(), subject: 'Lekser', topic: 'academic', student: { id: crypto.randomUUID(), givenName: 'Emma', familyName: 'Nordmann' },
  lastMessageAt: AT, lastMessagePreview: 'Hei', unread,
});
const announcement = (read: boolean, ack: 'none' | 'asked' | 'given'): Inbox['announcements'][number] => ({
  id: crypto.randomUUID(), title: 'Turdag', category: 'information', sentAt: AT, author: { givenName: 'Ingrid', familyName: 'Berg' },
  requiresAck: ack !== 'none', readAt: read ? AT : null, acknowledgedAt: ack === 'given' ? AT : null,
});

describe('what is new in the inbox', () => {
  it('counts conversations with unread messages and unread announcements, and those still to acknowledge', () => {
    const inbox = { conversations: [conversation(2), conversation(0)], announcements: [announcement(false, 'asked'), announcement(true, 'asked'), announcement(true, 'given')] };
    expect(newsOf(inbox)).toEqual({ unread: 2, toAcknowledge: 2, more: false });
  });

  it('says there may be more when a whole first page is unread', () => {
    expect(newsOf({ conversations: [], announcements: Array.from({ length: 20 }, () => announcement(false, 'none')) })).toEqual({ unread: 20, toAcknowledge: 0, more: true });
    expect(newsOf({ conversations: [], announcements: [] })).toEqual({ unread: 0, toAcknowledge: 0, more: false });
  });
});
