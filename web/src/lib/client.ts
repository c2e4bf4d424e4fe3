/**
 * The app's singletons: one API client, one realtime connection, one query
 * cache. React components reach them through hooks (queries.ts, session.tsx).
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiClient, isApiError } from './api';
import { Realtime, sameOriginSocketUrl } from './realtime';

export const api = new ApiClient();

export const realtime = new Realtime({
  url: () => sameOriginSocketUrl('/ws'),
  getToken: () => api.accessToken().catch(() => null),
  refreshToken: async () => (await api.refresh().catch(() => null))?.access_token ?? null,
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live events keep the cache fresh; refetch only on demand or after a new session.
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      retry: (count, err) => {
        if (isApiError(err) && err.status >= 400 && err.status < 500) return false;
        return count < 2;
      },
    },
    mutations: { retry: false },
  },
});
