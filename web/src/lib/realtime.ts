/**
 * The one WebSocket of the app, as a plain class (no React).
 *
 * Protocol (shared/API.md): wait for `hello`, send `identify {token}` (or
 * `resume {token, session_id, seq}` after a drop), heartbeat every
 * `heartbeat_interval_ms`, reconnect with exponential backoff and jitter, and
 * fall back to identify on `invalid_session`. Events are handed to listeners
 * in `seq` order; replayed duplicates are dropped.
 */
import type { ReadyData, SelfStatus, ServerEvent } from './types';

export type ConnectionState =
  /** Not started, or stopped (logged out). */
  | 'idle'
  /** Opening the socket / waiting for hello / identifying. */
  | 'connecting'
  /** Identified (or resumed) and receiving events. */
  | 'ready'
  /** Dropped; a reconnect is scheduled. */
  | 'reconnecting';

/** Minimal surface of the browser WebSocket that this class uses (fakeable in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export interface RealtimeOptions {
  /** Absolute ws:// or wss:// URL of `/ws`. */
  url: () => string;
  /** A currently valid access token, or null when logged out; throws on a transient failure. */
  getToken: () => Promise<string | null>;
  /** Called after close code 4001 so the next identify uses a fresh token. */
  refreshToken?: () => Promise<string | null>;
  socketFactory?: SocketFactory;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  /** First reconnect delay; doubles each attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RealtimeHandlers {
  event: (event: ServerEvent & { seq: number }) => void;
  /** A fresh session: the cache should be refetched (events may have been missed). */
  ready: (data: ReadyData) => void;
  /** The previous session continued; missed events were replayed before this. */
  resumed: () => void;
  state: (state: ConnectionState) => void;
  /** The server ended the session (logout elsewhere, revoked): do not reconnect. */
  revoked: () => void;
  /** An `error {code, message}` frame. */
  serverError: (err: { code: string; message: string }) => void;
}

type Listener<K extends keyof RealtimeHandlers> = RealtimeHandlers[K];

const OPEN = 1;
/** Close code of a server that may have missed events for this socket
 * (its cluster link was down): the session is gone, identify and refetch. */
export const RECONNECT_CLOSE = 4010;

export function sameOriginSocketUrl(path = '/ws'): string {
  const loc = globalThis.location;
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${loc.host}${path}`;
}

export class Realtime {
  private readonly opts: Required<Omit<RealtimeOptions, 'refreshToken'>> & Pick<RealtimeOptions, 'refreshToken'>;
  private socket: SocketLike | null = null;
  private _state: ConnectionState = 'idle';
  private running = false;
  private attempts = 0;
  private reconnectTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private awaitingAck = false;
  private _sessionId: string | null = null;
  private _seq = 0;
  private readonly listeners: { [K in keyof RealtimeHandlers]: Set<Listener<K>> } = {
    event: new Set(),
    ready: new Set(),
    resumed: new Set(),
    state: new Set(),
    revoked: new Set(),
    serverError: new Set(),
  };

  constructor(opts: RealtimeOptions) {
    this.opts = {
      socketFactory: (url) => new WebSocket(url) as unknown as SocketLike,
      random: Math.random,
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      ...opts,
    };
  }

  get state(): ConnectionState {
    return this._state;
  }
  get sessionId(): string | null {
    return this._sessionId;
  }
  /** The last `seq` received in this session. */
  get seq(): number {
    return this._seq;
  }

  on<K extends keyof RealtimeHandlers>(kind: K, fn: Listener<K>): () => void {
    (this.listeners[kind] as Set<Listener<K>>).add(fn);
    return () => {
      (this.listeners[kind] as Set<Listener<K>>).delete(fn);
    };
  }

  private emit<K extends keyof RealtimeHandlers>(kind: K, ...args: Parameters<RealtimeHandlers[K]>): void {
    for (const fn of this.listeners[kind] as Set<(...a: Parameters<RealtimeHandlers[K]>) => void>) {
      try {
        fn(...args);
      } catch (e) {
        console.error('realtime listener failed', e);
      }
    }
  }

  private setState(s: ConnectionState): void {
    if (s === this._state) return;
    this._state = s;
    this.emit('state', s);
  }

  /** Connects and keeps the connection up until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Closes with 1000 (ends the session on the server) and stops reconnecting. */
  stop(): void {
    this.running = false;
    this.clearTimers();
    const s = this.socket;
    this.socket = null;
    if (s) {
      detach(s);
      try {
        s.close(1000, 'bye');
      } catch {
        // already closed
      }
    }
    this._sessionId = null;
    this._seq = 0;
    this.attempts = 0;
    this.setState('idle');
  }

  /** Skips the backoff wait (e.g. the browser came back online). */
  reconnectNow(): void {
    if (!this.running || this._state !== 'reconnecting') return;
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connect();
  }

  sendTyping(channelId: string): void {
    this.send({ type: 'typing.start', data: { channel_id: channelId } });
  }

  setPresence(status: SelfStatus): void {
    this.send({ type: 'presence.set', data: { status } });
  }

  private send(frame: { type: string; data?: unknown }): boolean {
    const s = this.socket;
    if (!s || s.readyState !== OPEN) return false;
    s.send(JSON.stringify(frame));
    return true;
  }

  /** Delay before reconnect attempt `n` (0-based): exponential, capped, with "equal jitter". */
  backoffDelay(n: number): number {
    const cap = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** n);
    return Math.round(cap / 2 + this.opts.random() * (cap / 2));
  }

  private connect(): void {
    this.clearTimers();
    if (this._state === 'idle') this.setState('connecting');
    let socket: SocketLike;
    try {
      socket = this.opts.socketFactory(this.opts.url());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (ev) => this.onFrame(socket, ev.data);
    socket.onclose = (ev) => this.onClose(socket, ev.code);
    socket.onerror = () => {
      // onclose follows and handles the reconnect.
    };
  }

  private onFrame(socket: SocketLike, raw: unknown): void {
    if (socket !== this.socket || typeof raw !== 'string') return;
    let frame: { type?: unknown; data?: unknown; seq?: unknown };
    try {
      frame = JSON.parse(raw) as typeof frame;
    } catch {
      return;
    }
    const data = (frame.data ?? {}) as Record<string, unknown>;
    switch (frame.type) {
      case 'hello': {
        const interval = Number(data.heartbeat_interval_ms);
        this.startHeartbeat(Number.isFinite(interval) && interval > 0 ? interval : 30_000);
        void this.authenticate(socket);
        return;
      }
      case 'ready': {
        const ready = data as unknown as ReadyData;
        this._sessionId = ready.session_id;
        this._seq = 0;
        this.attempts = 0;
        this.setState('ready');
        this.emit('ready', ready);
        return;
      }
      case 'resumed':
        this.attempts = 0;
        this.setState('ready');
        this.emit('resumed');
        return;
      case 'invalid_session':
        this._sessionId = null;
        this._seq = 0;
        void this.authenticate(socket);
        return;
      case 'heartbeat_ack':
        this.awaitingAck = false;
        return;
      case 'error':
        this.emit('serverError', {
          code: String(data.code ?? 'error'),
          message: String(data.message ?? ''),
        });
        return;
      default: {
        if (typeof frame.type !== 'string') return;
        const seq = typeof frame.seq === 'number' ? frame.seq : null;
        if (seq !== null) {
          if (seq <= this._seq) return; // replayed twice
          this._seq = seq;
        }
        this.emit('event', { type: frame.type, data: frame.data, seq: seq ?? this._seq } as ServerEvent & { seq: number });
      }
    }
  }

  private async authenticate(socket: SocketLike): Promise<void> {
    let token: string | null;
    try {
      token = await this.opts.getToken();
    } catch {
      // Could not get a token right now (offline?): try again later, keep the session.
      if (socket === this.socket) this.drop(socket);
      return;
    }
    if (socket !== this.socket) return;
    if (!token) {
      // Logged out meanwhile.
      this.stop();
      this.emit('revoked');
      return;
    }
    if (this._sessionId) {
      this.send({ type: 'resume', data: { token, session_id: this._sessionId, seq: this._seq } });
    } else {
      this.send({ type: 'identify', data: { token } });
    }
  }

  private startHeartbeat(intervalMs: number): void {
    if (this.heartbeatTimer !== null) this.opts.clearTimeout(this.heartbeatTimer);
    this.awaitingAck = false;
    const beat = () => {
      const s = this.socket;
      if (!s) return;
      if (this.awaitingAck) {
        // No ack for a whole interval: the connection is a zombie.
        this.drop(s);
        return;
      }
      this.awaitingAck = true;
      this.send({ type: 'heartbeat', data: {} });
      this.heartbeatTimer = this.opts.setTimeout(beat, intervalMs);
    };
    this.heartbeatTimer = this.opts.setTimeout(beat, intervalMs);
  }

  private drop(socket: SocketLike): void {
    detach(socket);
    try {
      socket.close(4000, 'heartbeat timeout');
    } catch {
      // ignore
    }
    this.onClose(socket, 4000);
  }

  private onClose(socket: SocketLike, code: number): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.clearTimers();
    if (!this.running) return;
    if (code === 4003) {
      // Session revoked (logout): never reconnect on our own.
      this.running = false;
      this._sessionId = null;
      this._seq = 0;
      this.setState('idle');
      this.emit('revoked');
      return;
    }
    if (code === RECONNECT_CLOSE) {
      // The server ended the session: identify on the next socket, whose
      // `ready` makes the app refetch what it shows.
      this._sessionId = null;
      this._seq = 0;
    }
    if (code === 4001) {
      // Token refused: refresh it before the next try; the session may be gone.
      this._sessionId = null;
      this._seq = 0;
      const refresh = this.opts.refreshToken;
      if (refresh) {
        void refresh().then(
          (t) => {
            if (!t && this.running) {
              this.stop();
              this.emit('revoked');
            }
          },
          () => {
            // Transient failure: the next attempt asks for a token again.
          },
        );
      }
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = this.backoffDelay(this.attempts);
    this.attempts += 1;
    this.reconnectTimer = this.opts.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.reconnectTimer !== null) this.opts.clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer !== null) this.opts.clearTimeout(this.heartbeatTimer);
    this.reconnectTimer = null;
    this.heartbeatTimer = null;
  }
}

function detach(s: SocketLike): void {
  s.onopen = null;
  s.onmessage = null;
  s.onclose = null;
  s.onerror = null;
}
