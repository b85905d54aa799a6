// What is new for the person: unread conversations and announcements, and announcements still waiting for "I have
// read it". Counted from the inbox's own first pages (the same query, the same rules of what the person may read),
// so the header and the home page never count something the inbox would not show.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { InboxResponse } from '@shared/contracts/messaging';
import { api } from '../../lib/api';

type Inbox = z.infer<typeof InboxResponse>;

export interface News {
  /** Conversations with an unread message plus unread announcements. */
  unread: number;
  /** Announcements that ask to be acknowledged and are not. */
  toAcknowledge: number;
  /** A first page full of unread items: there may be more than counted ("20+"). */
  more: boolean;
}

const PAGE = 20;

export function newsOf(inbox: Inbox): News {
  const conversations = inbox.conversations.filter((c) => c.unread > 0).length;
  const announcements = inbox.announcements.filter((a) => a.readAt === null).length;
  const full = (list: unknown[], unread: number) => list.length >= PAGE && unread === list.length;
  return {
    unread: conversations + announcements,
    toAcknowledge: inbox.announcements.filter((a) => a.requiresAck && a.acknowledgedAt === null).length,
    more: full(inbox.conversations, conversations) || full(inbox.announcements, announcements),
  };
}

export const inboxQuery = { queryKey: ['inbox'], queryFn: () => api.get('/api/inbox', InboxResponse) };

/** The inbox query (shared with the inbox page, kept fresh by the live updates) read as news. */
export function useNews(enabled: boolean): News | undefined {
  const q = useQuery({ ...inboxQuery, enabled });
  return q.data ? newsOf(q.data) : undefined;
}
