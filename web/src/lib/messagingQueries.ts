/** Hooks for reactions and pins, over the API client and the query cache. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from './api';
import { api } from './client';
import { keys } from './keys';
import { clearReactionsInCache, reactInCache } from './messaging';
import type { Id, Message } from './types';

/** Adds or removes my reaction, shown at once and undone if the server refuses. */
export function useToggleReaction() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, { message: Message; emoji: string; add: boolean }>({
    mutationFn: ({ message, emoji, add }) => (add ? api.addReaction(message.id, emoji) : api.removeReaction(message.id, emoji)),
    onMutate: ({ message, emoji, add }) => reactInCache(qc, message.channel_id, message.id, emoji, add, true),
    onError: (_e, { message, emoji, add }) => reactInCache(qc, message.channel_id, message.id, emoji, !add, true),
  });
}

export function useClearReactions() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, Message>({
    mutationFn: (m) => api.clearReactions(m.id),
    onSuccess: (_v, m) => clearReactionsInCache(qc, m.channel_id, m.id),
  });
}

export function usePins(channelId: Id, enabled: boolean) {
  return useQuery<Message[], ApiError>({
    queryKey: keys.pins(channelId),
    queryFn: () => api.listPins(channelId),
    enabled,
  });
}

export function useSetPinned() {
  const qc = useQueryClient();
  return useMutation<void, ApiError, { message: Message; pinned: boolean }>({
    mutationFn: ({ message, pinned }) => (pinned ? api.pinMessage(message.channel_id, message.id) : api.unpinMessage(message.channel_id, message.id)),
    onSuccess: (_v, { message }) => void qc.invalidateQueries({ queryKey: keys.pins(message.channel_id) }),
  });
}
