import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, memorySessionStorage, sendingTooFast, type Session } from './api';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const user = { id: 'u1', username: 'alice', display_name: 'Alice', bio: '', status: 'online', created_at: '2026-01-01T00:00:00Z' };

function session(over: Partial<Session> = {}): Session {
  return { access_token: 'a1', refresh_token: 'r1', expires_at: Date.now() + 600_000, user_id: 'u1', ...over };
}

function client(fetchImpl: (url: string, init?: RequestInit) => Promise<Response>, s: Session | null = session()) {
  const storage = memorySessionStorage(s);
  const api = new ApiClient({ fetch: vi.fn(fetchImpl), storage, locks: null });
  return { api, storage };
}

describe('error mapping', () => {
  it('maps the envelope to a typed ApiError with field details', async () => {
    const { api } = client(async () =>
      json(422, { error: { code: 'validation_failed', message: 'Name is too long', details: { field: 'name' } } }),
    );
    const err = await api.createServer({ name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.code).toBe('validation_failed');
    expect(e.status).toBe(422);
    expect(e.field).toBe('name');
    expect(e.message).toBe('Name is too long');
  });

  it('keeps specific conflict codes', async () => {
    const { api } = client(async () => json(409, { error: { code: 'owner_cannot_leave', message: 'Owners cannot leave' } }));
    await expect(api.leaveServer('s1')).rejects.toMatchObject({ code: 'owner_cannot_leave', status: 409 });
  });

  it('falls back to the status for an unknown code and keeps the raw code', async () => {
    const { api } = client(async () => json(409, { error: { code: 'a_code_from_the_future', message: 'Taken' } }));
    await expect(api.createChannel('s1', { name: 'general' })).rejects.toMatchObject({
      code: 'conflict',
      rawCode: 'a_code_from_the_future',
    });
  });

  it('knows every code of the document, the specific conflicts and 503 included', async () => {
    const { api } = client(async () => json(409, { error: { code: 'channel_name_taken', message: 'Taken' } }));
    await expect(api.createChannel('s1', { name: 'general' })).rejects.toMatchObject({
      code: 'channel_name_taken',
    });
    const busy = client(async () => json(503, { error: { code: 'unavailable', message: 'Busy' } }));
    await expect(busy.api.listServers()).rejects.toMatchObject({ code: 'unavailable', status: 503 });
  });

  it('handles a body that is not the envelope', async () => {
    const { api } = client(async () => new Response('oops', { status: 500 }));
    await expect(api.listServers()).rejects.toMatchObject({ code: 'internal', status: 500 });
  });

  it('reads Retry-After on 429', async () => {
    const { api } = client(async () => json(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'Retry-After': '7' }), null);
    await expect(api.login({ username: 'alice', password: 'password1' })).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 7 });
  });

  it('turns a failed fetch into network_error', async () => {
    const { api } = client(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.listServers()).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('maps invite_expired (410) and banned (409)', async () => {
    const { api } = client(async (url) =>
      url.endsWith('/join')
        ? json(409, { error: { code: 'banned', message: 'You are banned' } })
        : json(410, { error: { code: 'invite_expired', message: 'Expired' } }),
    );
    await expect(api.previewInvite('abc')).rejects.toMatchObject({ code: 'invite_expired', status: 410 });
    await expect(api.joinInvite('abc')).rejects.toMatchObject({ code: 'banned' });
  });
});

describe('requests', () => {
  it('sends the bearer token and JSON body, and returns undefined on 204', async () => {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const { api } = client(async (url, init) => {
      calls.push({ url, init });
      return url.includes('/messages/') ? new Response(null, { status: 204 }) : json(201, { id: 'm1' });
    });
    await api.sendMessage('c1', { content: 'hi', nonce: 'n1' });
    expect(calls[0]?.url).toBe('/channels/c1/messages');
    expect((calls[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer a1');
    expect(calls[0]?.init?.body).toBe(JSON.stringify({ content: 'hi', nonce: 'n1' }));
    await expect(api.deleteMessage('m1')).resolves.toBeUndefined();
  });

  it('builds history queries', async () => {
    const urls: string[] = [];
    const { api } = client(async (url) => {
      urls.push(url);
      return json(200, []);
    });
    await api.listMessages('c1', { limit: 50, before: 'm9' });
    await api.listMessages('c1');
    expect(urls).toEqual(['/channels/c1/messages?limit=50&before=m9', '/channels/c1/messages']);
  });

  it('stores the session on login and forgets it on logout', async () => {
    const { api, storage } = client(async (url) => {
      if (url === '/auth/login') return json(200, { user, access_token: 'A', refresh_token: 'R', expires_in: 900 });
      return new Response(null, { status: 204 });
    }, null);
    const events: string[] = [];
    api.onSession((_s, reason) => events.push(reason));
    await api.login({ username: 'alice', password: 'password1' });
    expect(storage.load()).toMatchObject({ access_token: 'A', refresh_token: 'R', user_id: 'u1' });
    await api.logout();
    expect(storage.load()).toBeNull();
    expect(events).toEqual(['login', 'logout']);
  });

  it('keeps no session when login needs a second factor, and stores it after the code', async () => {
    const bodies: unknown[] = [];
    const { api, storage } = client(async (url, init) => {
      if (url === '/auth/login') return json(200, { mfa_required: true, ticket: 'T' });
      bodies.push(JSON.parse(String(init?.body)));
      return json(200, { user, access_token: 'A2', refresh_token: 'R2', expires_in: 900 });
    }, null);
    expect(await api.login({ username: 'alice', password: 'password1' })).toEqual({ mfaTicket: 'T' });
    expect(storage.load()).toBeNull();
    await api.loginMfa('T', { recovery_code: 'abcdefghij' });
    expect(bodies).toEqual([{ ticket: 'T', recovery_code: 'abcdefghij' }]);
    expect(storage.load()).toMatchObject({ access_token: 'A2', user_id: 'u1' });
  });
});

describe('refresh on 401', () => {
  it('refreshes once and retries with the new token', async () => {
    const seen: string[] = [];
    const { api, storage } = client(async (url, init) => {
      if (url === '/auth/refresh') {
        expect(JSON.parse(String(init?.body))).toEqual({ refresh_token: 'r1' });
        return json(200, { user, access_token: 'a2', refresh_token: 'r2', expires_in: 900 });
      }
      const auth = (init?.headers as Record<string, string>).Authorization ?? '';
      seen.push(auth);
      return auth === 'Bearer a2' ? json(200, user) : json(401, { error: { code: 'unauthenticated', message: 'expired' } });
    });
    await expect(api.me()).resolves.toMatchObject({ id: 'u1' });
    expect(seen).toEqual(['Bearer a1', 'Bearer a2']);
    expect(storage.load()).toMatchObject({ access_token: 'a2', refresh_token: 'r2' });
  });

  it('shares one in-flight refresh between concurrent calls', async () => {
    let refreshes = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const { api } = client(async (url, init) => {
      if (url === '/auth/refresh') {
        refreshes += 1;
        await gate;
        return json(200, { user, access_token: 'a2', refresh_token: 'r2', expires_in: 900 });
      }
      const auth = (init?.headers as Record<string, string>).Authorization;
      return auth === 'Bearer a2' ? json(200, []) : json(401, { error: { code: 'unauthenticated', message: 'expired' } });
    });
    const all = Promise.all([api.listServers(), api.listServers(), api.me()]);
    await new Promise((r) => setTimeout(r, 10));
    release();
    await all;
    expect(refreshes).toBe(1);
  });

  it('refreshes before calling when the access token is about to expire', async () => {
    const urls: string[] = [];
    const { api } = client(
      async (url) => {
        urls.push(url);
        if (url === '/auth/refresh') return json(200, { user, access_token: 'a2', refresh_token: 'r2', expires_in: 900 });
        return json(200, []);
      },
      session({ expires_at: Date.now() + 1000 }),
    );
    await api.listServers();
    expect(urls).toEqual(['/auth/refresh', '/servers']);
  });

  it('forgets the session when the refresh token is refused', async () => {
    const { api, storage } = client(async (url) =>
      url === '/auth/refresh'
        ? json(401, { error: { code: 'unauthenticated', message: 'spent' } })
        : json(401, { error: { code: 'unauthenticated', message: 'expired' } }),
    );
    const reasons: string[] = [];
    api.onSession((_s, r) => reasons.push(r));
    await expect(api.me()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(storage.load()).toBeNull();
    expect(reasons).toEqual(['expired']);
  });

  it('does not spend the refresh token again if another tab already refreshed', async () => {
    const storage = memorySessionStorage(session());
    let refreshes = 0;
    const api = new ApiClient({
      storage,
      locks: null,
      fetch: async (url, init) => {
        if (url === '/auth/refresh') {
          refreshes += 1;
          return json(200, { user, access_token: 'x', refresh_token: 'y', expires_in: 900 });
        }
        const auth = (init?.headers as Record<string, string>).Authorization;
        if (auth === 'Bearer a1') {
          // Meanwhile another tab rotated the pair.
          storage.save(session({ access_token: 'tab2', refresh_token: 'r-tab2' }));
          return json(401, { error: { code: 'unauthenticated', message: 'expired' } });
        }
        return json(200, user);
      },
    });
    await api.me();
    expect(refreshes).toBe(0);
  });

  it('does not refresh for unauthenticated endpoints (wrong password)', async () => {
    const urls: string[] = [];
    const { api } = client(async (url) => {
      urls.push(url);
      return json(401, { error: { code: 'unauthenticated', message: 'Wrong username or password' } });
    }, null);
    await expect(api.login({ username: 'alice', password: 'nope-nope' })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(urls).toEqual(['/auth/login']);
  });
});

describe('sendingTooFast', () => {
  it('tells the sender to wait the Retry-After seconds on a 429', () => {
    const err = new ApiError({ code: 'rate_limited', status: 429, message: 'x', retryAfter: 3 });
    expect(sendingTooFast(err)).toBe('You are sending messages too fast. Wait 3 seconds, then try again.');
  });

  it('says nothing for other errors', () => {
    const err = new ApiError({ code: 'forbidden', status: 403, message: 'x' });
    expect(sendingTooFast(err)).toBeNull();
    expect(sendingTooFast(new Error('boom'))).toBeNull();
  });
});
