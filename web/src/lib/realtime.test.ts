import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Realtime, type SocketLike } from './realtime';

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 1;
  sent: Array<{ type: string; data?: Record<string, unknown> }> = [];
  closedWith: number | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  // helpers driven by the test
  receive(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  types() {
    return this.sent.map((f) => f.type);
  }
}

const flush = () => new Promise<void>((r) => queueMicrotask(() => r()));

function make(opts: Partial<ConstructorParameters<typeof Realtime>[0]> = {}) {
  return new Realtime({
    url: () => 'ws://test/ws',
    getToken: async () => 'tok',
    socketFactory: (url) => new FakeSocket(url),
    random: () => 0.5,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    ...opts,
  });
}

const ready = { type: 'ready', data: { session_id: 'S1', user: { id: 'u1' }, servers: [] } };

describe('Realtime', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for hello, then identifies with the token', async () => {
    const rt = make();
    const states: string[] = [];
    rt.on('state', (s) => states.push(s));
    rt.start();
    const ws = FakeSocket.all[0]!;
    expect(ws.url).toBe('ws://test/ws');
    expect(ws.sent).toEqual([]);
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 20_000 } });
    await flush();
    expect(ws.sent).toEqual([{ type: 'identify', data: { token: 'tok' } }]);
    const onReady = vi.fn();
    rt.on('ready', onReady);
    ws.receive(ready);
    expect(onReady).toHaveBeenCalledWith(ready.data);
    expect(rt.state).toBe('ready');
    expect(rt.sessionId).toBe('S1');
    expect(states).toEqual(['connecting', 'ready']);
  });

  it('heartbeats at the announced interval and reconnects when acks stop', async () => {
    const rt = make();
    rt.start();
    const ws = FakeSocket.all[0]!;
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 10_000 } });
    await flush();
    ws.receive(ready);
    vi.advanceTimersByTime(9_999);
    expect(ws.types()).toEqual(['identify']);
    vi.advanceTimersByTime(1);
    expect(ws.types()).toEqual(['identify', 'heartbeat']);
    ws.receive({ type: 'heartbeat_ack' });
    vi.advanceTimersByTime(10_000);
    expect(ws.types()).toEqual(['identify', 'heartbeat', 'heartbeat']);
    // No ack this time: the next beat declares the connection dead.
    vi.advanceTimersByTime(10_000);
    expect(ws.closedWith).not.toBeNull();
    expect(rt.state).toBe('reconnecting');
  });

  it('resumes with the session id and the last seq after a drop, and drops replayed duplicates', async () => {
    const rt = make();
    const seqs: number[] = [];
    rt.on('event', (e) => seqs.push(e.seq));
    rt.start();
    const ws = FakeSocket.all[0]!;
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    ws.receive(ready);
    ws.receive({ type: 'presence.updated', seq: 1, data: { user_id: 'u2', status: 'online' } });
    ws.receive({ type: 'presence.updated', seq: 2, data: { user_id: 'u2', status: 'away' } });
    ws.drop(1006);
    expect(rt.state).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    const ws2 = FakeSocket.all[1]!;
    ws2.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    expect(ws2.sent).toEqual([{ type: 'resume', data: { token: 'tok', session_id: 'S1', seq: 2 } }]);
    ws2.receive({ type: 'presence.updated', seq: 2, data: { user_id: 'u2', status: 'away' } });
    ws2.receive({ type: 'presence.updated', seq: 3, data: { user_id: 'u2', status: 'dnd' } });
    const resumed = vi.fn();
    rt.on('resumed', resumed);
    ws2.receive({ type: 'resumed', data: {} });
    expect(resumed).toHaveBeenCalled();
    expect(rt.state).toBe('ready');
    expect(seqs).toEqual([1, 2, 3]);
    expect(rt.seq).toBe(3);
  });

  it('falls back to identify on invalid_session', async () => {
    const rt = make();
    rt.start();
    const ws = FakeSocket.all[0]!;
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    ws.receive(ready);
    ws.receive({ type: 'message.deleted', seq: 1, data: { id: 'm', channel_id: 'c', server_id: 's' } });
    ws.drop();
    vi.advanceTimersByTime(1000);
    const ws2 = FakeSocket.all[1]!;
    ws2.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    expect(ws2.types()).toEqual(['resume']);
    ws2.receive({ type: 'invalid_session', data: {} });
    await flush();
    expect(ws2.sent[1]).toEqual({ type: 'identify', data: { token: 'tok' } });
    ws2.receive({ ...ready, data: { ...ready.data, session_id: 'S2' } });
    expect(rt.sessionId).toBe('S2');
    expect(rt.seq).toBe(0);
  });

  it('identifies again, without resuming, after the reconnect close (4010)', async () => {
    const rt = make();
    const readies = vi.fn();
    rt.on('ready', readies);
    rt.start();
    const ws = FakeSocket.all[0]!;
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    ws.receive(ready);
    ws.receive({ type: 'message.deleted', seq: 1, data: { id: 'm', channel_id: 'c', server_id: 's' } });
    ws.drop(4010);
    expect(rt.state).toBe('reconnecting');
    expect(rt.sessionId).toBeNull();
    vi.advanceTimersByTime(1000);
    const ws2 = FakeSocket.all[1]!;
    ws2.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    expect(ws2.sent).toEqual([{ type: 'identify', data: { token: 'tok' } }]);
    ws2.receive({ ...ready, data: { ...ready.data, session_id: 'S2' } });
    // A fresh `ready`: the app refetches its cache on it.
    expect(readies).toHaveBeenCalledTimes(2);
    expect(rt.sessionId).toBe('S2');
    expect(rt.seq).toBe(0);
  });

  it('backs off exponentially with jitter, capped', () => {
    const rt = make({ random: () => 0 });
    expect([0, 1, 2, 3, 10].map((n) => rt.backoffDelay(n))).toEqual([500, 1000, 2000, 4000, 15_000]);
    const rt2 = make({ random: () => 0.999 });
    expect(rt2.backoffDelay(0)).toBeGreaterThan(990);
    expect(rt2.backoffDelay(20)).toBeLessThanOrEqual(30_000);
  });

  it('waits longer after each failed attempt and resets once ready', async () => {
    const rt = make({ random: () => 1 });
    rt.start();
    FakeSocket.all[0]!.drop();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.drop();
    vi.advanceTimersByTime(1999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    const ws = FakeSocket.all[2]!;
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    ws.receive(ready);
    ws.drop();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(4);
  });

  it('stops for good when the session is revoked (4003)', async () => {
    const rt = make();
    const revoked = vi.fn();
    rt.on('revoked', revoked);
    rt.start();
    FakeSocket.all[0]!.drop(4003);
    vi.advanceTimersByTime(60_000);
    expect(revoked).toHaveBeenCalled();
    expect(FakeSocket.all).toHaveLength(1);
    expect(rt.state).toBe('idle');
  });

  it('closes with 1000 on stop and sends typing and presence only when open', async () => {
    const rt = make();
    rt.start();
    const ws = FakeSocket.all[0]!;
    ws.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    ws.receive(ready);
    rt.sendTyping('c1');
    rt.setPresence('invisible');
    expect(ws.sent.slice(1)).toEqual([
      { type: 'typing.start', data: { channel_id: 'c1' } },
      { type: 'presence.set', data: { status: 'invisible' } },
    ]);
    rt.stop();
    expect(ws.closedWith).toBe(1000);
    rt.sendTyping('c1');
    expect(ws.sent).toHaveLength(3);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });
});

describe('Realtime token failures', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('retries later instead of giving up when the token cannot be fetched', async () => {
    let fail = true;
    const rt = make({ getToken: async () => (fail ? Promise.reject(new Error('offline')) : 'tok') });
    const revoked = vi.fn();
    rt.on('revoked', revoked);
    rt.start();
    FakeSocket.all[0]!.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    await flush();
    expect(rt.state).toBe('reconnecting');
    expect(revoked).not.toHaveBeenCalled();
    fail = false;
    vi.advanceTimersByTime(1000);
    const ws2 = FakeSocket.all[1]!;
    ws2.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    await flush();
    expect(ws2.types()).toEqual(['identify']);
  });

  it('stops when there is no session any more', async () => {
    const rt = make({ getToken: async () => null });
    const revoked = vi.fn();
    rt.on('revoked', revoked);
    rt.start();
    FakeSocket.all[0]!.receive({ type: 'hello', data: { heartbeat_interval_ms: 30_000 } });
    await flush();
    expect(revoked).toHaveBeenCalled();
    expect(rt.state).toBe('idle');
  });
});
