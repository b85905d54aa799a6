// Live updates for the web app: a person's open pages learn of new messages without reloading.
// In-process: with several server processes on one PostgreSQL this would move to LISTEN/NOTIFY.
import { EventEmitter } from 'node:events';

export interface LiveEvent {
  type: 'conversation.message' | 'conversation.read' | 'announcement.new' | 'announcement.receipt';
  id: string;
}

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publish(personIds: Iterable<string>, event: LiveEvent): void {
  for (const id of personIds) bus.emit(id, event);
}

export function subscribe(personId: string, listener: (event: LiveEvent) => void): () => void {
  bus.on(personId, listener);
  return () => bus.off(personId, listener);
}
