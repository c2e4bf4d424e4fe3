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
  // Both throw on network errors (retry later) and return null only when the session is gone.
  getToken: () => api.accessToken(),
  refreshToken: async () => (await api.refresh())?.access_token ?? null,
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
