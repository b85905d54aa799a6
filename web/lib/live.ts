// Keeps open pages fresh: the server's event stream says what changed, and the matching queries refetch.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    const refresh = (keys: string[]) => () => keys.forEach((k) => void queryClient.invalidateQueries({ queryKey: [k] }));
    source.addEventListener('conversation.message', refresh(['inbox', 'conversation']));
    source.addEventListener('announcement.new', refresh(['inbox']));
    source.addEventListener('announcement.receipt', refresh(['receipts']));
    source.addEventListener('conversation.read', refresh(['conversation']));
    return () => source.close();
  }, [enabled, queryClient]);
}
