/**
 * Typed REST client for every endpoint of shared/API.md.
 *
 * - Errors become an `ApiError` whose `code` is a union of the documented codes.
 * - The session (access + refresh token) lives in a `SessionStorage`; a 401 on an
 *   authenticated call triggers one refresh (a single in-flight refresh shared by
 *   every caller, serialised across tabs with the Web Locks API when present) and
 *   the call is retried once.
 */
import type {
  AuthResponse,
  Ban,
  Channel,
  ChannelNotificationSettings,
  ChannelNotifyLevel,
  Id,
  Invite,
  InvitePreview,
  Profile,
  Member,
  Message,
  MfaRequiredResponse,
  MfaStatus,
  NotificationSettings,
  NotifyLevel,
  ReadState,
  RecoveryCodesResponse,
  Server,
  ServerNotificationSettings,
  SessionInfo,
  SignupChallenge,
  TotpSetup,
  ServerWithChannels,
  ServerErrorCode,
  User,
  AuditAction,
  AuditEntry,
  Block,
  DirectChannel,
  DmPolicy,
  Upload,
  SearchParams,
  SearchResults,
} from './types';
import { errorCodeValues } from './api-schema';

/**
 * Every code the server sends (the `ErrorCode` schema of docs/openapi.yaml,
 * generated), plus one the client makes itself.
 */
export type ApiErrorCode =
  | ServerErrorCode
  /** The request never got an answer (offline, server down). */
  | 'network_error';

const KNOWN_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([...errorCodeValues, 'network_error']);

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'invite_expired',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'unavailable',
};

export interface ApiErrorDetails {
  field?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  /** The code exactly as the server sent it (may be more specific than `code`). */
  readonly rawCode: string;
  readonly details: ApiErrorDetails | undefined;
  /** Seconds, from `Retry-After` on 429. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    code: ApiErrorCode;
    status: number;
    message: string;
    rawCode?: string;
    details?: ApiErrorDetails;
    retryAfter?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.rawCode = init.rawCode ?? init.code;
    this.details = init.details;
    this.retryAfter = init.retryAfter;
  }

  /** The field a validation-like error is about, if the server named one. */
  get field(): string | undefined {
    return typeof this.details?.field === 'string' ? this.details.field : undefined;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The server's messages may start in lower case ("must be between…"); people read sentences. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Maps a non-2xx response to an ApiError, whatever its body looks like. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const envelope =
    body && typeof body === 'object' && 'error' in body && body.error && typeof body.error === 'object'
      ? (body.error as { code?: unknown; message?: unknown; details?: unknown })
      : null;
  const rawCode = typeof envelope?.code === 'string' ? envelope.code : '';
  const code: ApiErrorCode = KNOWN_CODES.has(rawCode)
    ? (rawCode as ApiErrorCode)
    : (CODE_BY_STATUS[res.status] ?? 'internal');
  const message =
    typeof envelope?.message === 'string' && envelope.message
      ? sentenceCase(envelope.message)
      : defaultMessage(code);
  const details =
    envelope?.details && typeof envelope.details === 'object' ? (envelope.details as ApiErrorDetails) : undefined;
  const retryHeader = res.headers.get('Retry-After');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  return new ApiError({ code, status: res.status, message, rawCode: rawCode || code, details, retryAfter });
}

export function defaultMessage(code: ApiErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return 'Your session has ended. Please log in again.';
    case 'forbidden':
      return 'Your role does not allow this.';
    case 'not_found':
      return 'This does not exist, or you no longer have access to it.';
    case 'invite_expired':
      return 'This invite has expired or has been used up.';
    case 'banned':
      return 'You are banned from this server.';
    case 'rate_limited':
      return 'Too many attempts. Please wait a moment and try again.';
    case 'network_error':
      return 'Could not reach the server. Check your connection and try again.';
    case 'payload_too_large':
      return 'That is too large to send.';
    case 'unavailable':
      return 'The server is busy. Please try again in a moment.';
    default:
      return 'Something went wrong. Please try again.';
  }
}

/**
 * What the composer says when a send was refused for going too fast (429,
 * reading `Retry-After`); `null` for any other error (the failed message
 * shows its own retry).
 */
export function sendingTooFast(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'rate_limited') return null;
  const seconds = Math.max(1, err.retryAfter ?? 1);
  return `You are sending messages too fast. Wait ${seconds} second${seconds === 1 ? '' : 's'}, then try again.`;
}

// ---- session storage -----------------------------------------------------

export interface Session {
  access_token: string;
  refresh_token: string;
  /** Epoch ms when the access token expires. */
  expires_at: number;
  user_id: Id;
}

export interface SessionStorage {
  load(): Session | null;
  save(session: Session | null): void;
}

export const SESSION_KEY = 'chat.session';

/** Keeps the session in localStorage so it survives reloads and is shared by tabs (see docs/decisions.md, "Web client"). */
export function localSessionStorage(key = SESSION_KEY): SessionStorage {
  return {
    load() {
      try {
        const raw = globalThis.localStorage?.getItem(key);
        if (!raw) return null;
        const s = JSON.parse(raw) as Partial<Session>;
        if (typeof s.access_token !== 'string' || typeof s.refresh_token !== 'string') return null;
        return {
          access_token: s.access_token,
          refresh_token: s.refresh_token,
          expires_at: typeof s.expires_at === 'number' ? s.expires_at : 0,
          user_id: typeof s.user_id === 'string' ? s.user_id : '',
        };
      } catch {
        return null;
      }
    },
    save(session) {
      try {
        if (session) globalThis.localStorage?.setItem(key, JSON.stringify(session));
        else globalThis.localStorage?.removeItem(key);
      } catch {
        // Storage full or blocked: the session then lives only as long as the page.
      }
    },
  };
}

export function memorySessionStorage(initial: Session | null = null): SessionStorage {
  let s = initial;
  return {
    load: () => s,
    save: (next) => {
      s = next;
    },
  };
}

// ---- client ----------------------------------------------------------------

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

interface LockManagerLike {
  request<T>(name: string, cb: () => Promise<T>): Promise<T>;
}

export interface ApiClientOptions {
  /** Origin + prefix of the API; '' means same origin. */
  baseUrl?: string;
  fetch?: Fetch;
  storage?: SessionStorage;
  now?: () => number;
  /** Cross-tab lock; defaults to `navigator.locks` when available. */
  locks?: LockManagerLike | null;
}

interface RequestOptions {
  body?: unknown;
  /** `'optional'`: send the token when there is a session, else none. */
  auth?: boolean | 'optional';
  query?: Record<string, string | number | undefined>;
}

export type SessionListener = (session: Session | null, reason: 'login' | 'refresh' | 'logout' | 'expired') => void;

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: Fetch;
  private readonly storage: SessionStorage;
  private readonly now: () => number;
  private readonly locks: LockManagerLike | null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly listeners = new Set<SessionListener>();

  constructor(opts: ApiClientOptions = {}) {
    this.baseUrl = opts.baseUrl ?? '';
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = opts.storage ?? localSessionStorage();
    this.now = opts.now ?? Date.now;
    const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
    this.locks = opts.locks === undefined ? (nav?.locks ?? null) : opts.locks;
  }

  // -- session ------------------------------------------------------------

  session(): Session | null {
    return this.storage.load();
  }

  onSession(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setSession(session: Session | null, reason: Parameters<SessionListener>[1]): void {
    this.storage.save(session);
    for (const l of this.listeners) l(session, reason);
  }

  private sessionFrom(res: AuthResponse): Session {
    return {
      access_token: res.access_token,
      refresh_token: res.refresh_token,
      expires_at: this.now() + res.expires_in * 1000,
      user_id: res.user.id,
    };
  }

  /** Forgets the session locally (used when another tab logged out, or the session is dead). */
  forget(reason: 'logout' | 'expired' = 'logout'): void {
    this.setSession(null, reason);
  }

  /**
   * An access token that is valid for at least a few more seconds, refreshing
   * first if needed; null when there is no usable session.
   */
  async accessToken(): Promise<string | null> {
    const s = this.storage.load();
    if (!s) return null;
    if (s.expires_at - this.now() > 15_000) return s.access_token;
    const fresh = await this.refresh(s.access_token);
    return fresh?.access_token ?? null;
  }

  /**
   * Refreshes the session once, however many callers ask at the same time.
   * `staleAccess` is the token that failed: if the stored one differs, another
   * tab already refreshed, and its result is used instead of spending the
   * refresh token again (which would revoke the whole session).
   */
  refresh(staleAccess?: string): Promise<Session | null> {
    if (!this.refreshing) {
      const run = async (): Promise<Session | null> => {
        const current = this.storage.load();
        if (!current) return null;
        if (staleAccess !== undefined && current.access_token !== staleAccess && current.expires_at > this.now()) {
          return current;
        }
        let res: Response;
        try {
          res = await this.fetchImpl(this.baseUrl + '/auth/refresh', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify({ refresh_token: current.refresh_token }),
          });
        } catch {
          throw new ApiError({ code: 'network_error', status: 0, message: defaultMessage('network_error') });
        }
        if (!res.ok) {
          const err = await errorFromResponse(res);
          if (err.status === 401 || err.status === 400 || err.status === 422) {
            this.setSession(null, 'expired');
            return null;
          }
          throw err;
        }
        const body = (await res.json()) as AuthResponse;
        const next = this.sessionFrom(body);
        this.setSession(next, 'refresh');
        return next;
      };
      const locked = this.locks ? this.locks.request('chat.refresh', run) : run();
      this.refreshing = locked.finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  // -- transport ----------------------------------------------------------

  private async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const auth = opts.auth ?? true;
    let url = this.baseUrl + path;
    if (opts.query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.query)) if (v !== undefined) q.set(k, String(v));
      const qs = q.toString();
      if (qs) url += '?' + qs;
    }
    const send = async (token: string | null): Promise<Response> => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      // A form sets its own multipart Content-Type (with the boundary).
      const form = opts.body instanceof FormData;
      if (opts.body !== undefined && !form) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      try {
        return await this.fetchImpl(url, {
          method,
          headers,
          body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
        });
      } catch {
        throw new ApiError({ code: 'network_error', status: 0, message: defaultMessage('network_error') });
      }
    };

    let token: string | null = null;
    if (auth === 'optional') {
      token = await this.accessToken().catch(() => null);
    } else if (auth) {
      token = await this.accessToken();
      if (!token) {
        throw new ApiError({ code: 'unauthenticated', status: 401, message: defaultMessage('unauthenticated') });
      }
    }
    let res = await send(token);
    if (auth === true && res.status === 401 && token) {
      const fresh = await this.refresh(token);
      if (!fresh) {
        throw await errorFromResponse(res);
      }
      res = await send(fresh.access_token);
      if (res.status === 401) {
        const err = await errorFromResponse(res);
        this.setSession(null, 'expired');
        throw err;
      }
    }
    if (!res.ok) throw await errorFromResponse(res);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  // -- auth ----------------------------------------------------------------

  /** A sign-up challenge to solve first, or `null` when the server asks none (204). */
  async signupChallenge(): Promise<SignupChallenge | null> {
    const res = await this.request<SignupChallenge | undefined>('GET', '/auth/signup-challenge', { auth: false });
    return res ?? null;
  }

  async signup(body: { username: string; password: string; display_name?: string; altcha?: string }): Promise<User> {
    const res = await this.request<AuthResponse>('POST', '/auth/signup', { body, auth: false });
    this.setSession(this.sessionFrom(res), 'login');
    return res.user;
  }

  /**
   * Logs in; with two-factor sign-in on, answers `{ mfaTicket }` instead (no
   * session yet): finish with `loginMfa`.
   */
  async login(body: { username: string; password: string }): Promise<User | { mfaTicket: string }> {
    const res = await this.request<AuthResponse | MfaRequiredResponse>('POST', '/auth/login', { body, auth: false });
    if ('mfa_required' in res && res.mfa_required) return { mfaTicket: res.ticket };
    const tokens = res as AuthResponse;
    this.setSession(this.sessionFrom(tokens), 'login');
    return tokens.user;
  }

  /** The second login step: the ticket and a TOTP code or a recovery code. */
  async loginMfa(ticket: string, proof: { code: string } | { recovery_code: string }): Promise<User> {
    const res = await this.request<AuthResponse>('POST', '/auth/mfa', { body: { ticket, ...proof }, auth: false });
    this.setSession(this.sessionFrom(res), 'login');
    return res.user;
  }

  // -- account security ----------------------------------------------------

  mfaStatus = () => this.request<MfaStatus>('GET', '/me/mfa');
  setupTotp = (password: string) => this.request<TotpSetup>('POST', '/me/mfa/totp/setup', { body: { password } });
  enableTotp = (code: string) => this.request<RecoveryCodesResponse>('POST', '/me/mfa/totp/enable', { body: { code } });
  disableMfa = (password: string, code: string) =>
    this.request<void>('POST', '/me/mfa/disable', { body: { password, code } });
  regenerateRecoveryCodes = (password: string, code: string) =>
    this.request<RecoveryCodesResponse>('POST', '/me/mfa/recovery-codes', { body: { password, code } });
  changePassword = (current_password: string, new_password: string) =>
    this.request<void>('PUT', '/me/password', { body: { current_password, new_password } });
  listSessions = () => this.request<SessionInfo[]>('GET', '/me/sessions');
  endSession = (id: Id) => this.request<void>('DELETE', `/me/sessions/${enc(id)}`);
  endOtherSessions = () => this.request<void>('DELETE', '/me/sessions');

  /** Ends this session on the server (best effort) and always forgets it locally. */
  async logout(): Promise<void> {
    try {
      if (this.storage.load()) await this.request<void>('POST', '/auth/logout', { body: {} });
    } catch {
      // Already dead or unreachable: forgetting it locally is what the user asked.
    } finally {
      this.setSession(null, 'logout');
    }
  }

  me = () => this.request<User>('GET', '/me');
  updateMe = (body: { display_name?: string; bio?: string; custom_status?: string | null; dm_policy?: DmPolicy }) =>
    this.request<User>('PATCH', '/me', { body });
  /** A profile card: people who share a server with me, or me (then with `message_count`). */
  getUser = (id: Id) => this.request<Profile>('GET', `/users/${enc(id)}`);
  /** Sets my avatar (PNG, JPEG, GIF or WebP up to 8 MiB; stored as a 256×256 PNG). */
  setAvatar = (file: Blob, filename: string) => this.request<User>('PUT', '/me/avatar', { body: fileForm(file, filename) });
  clearAvatar = () => this.request<User>('DELETE', '/me/avatar');

  async deleteMe(password?: string): Promise<void> {
    await this.request<void>('DELETE', '/me', password === undefined ? {} : { body: { password } });
    this.setSession(null, 'logout');
  }

  // -- servers -------------------------------------------------------------

  createServer = (body: { name: string; description?: string }) =>
    this.request<Server>('POST', '/servers', { body });
  listServers = () => this.request<Server[]>('GET', '/servers');
  getServer = (id: Id) => this.request<ServerWithChannels>('GET', `/servers/${enc(id)}`);
  updateServer = (id: Id, body: { name?: string; description?: string }) =>
    this.request<Server>('PUT', `/servers/${enc(id)}`, { body });
  deleteServer = (id: Id) => this.request<void>('DELETE', `/servers/${enc(id)}`);
  /** Sets the server's icon (PNG, JPEG, GIF or WebP up to 8 MiB; stored as a 256×256 PNG). */
  setServerIcon = (id: Id, file: Blob, filename: string) =>
    this.request<ServerWithChannels>('PUT', `/servers/${enc(id)}/icon`, { body: fileForm(file, filename) });
  clearServerIcon = (id: Id) => this.request<ServerWithChannels>('DELETE', `/servers/${enc(id)}/icon`);

  // -- invites -------------------------------------------------------------

  createInvite = (serverId: Id, body: { max_uses?: number; expires_in_seconds?: number }) =>
    this.request<Invite>('POST', `/servers/${enc(serverId)}/invites`, { body });
  listInvites = (serverId: Id) => this.request<Invite[]>('GET', `/servers/${enc(serverId)}/invites`);
  revokeInvite = (code: string) => this.request<void>('DELETE', `/invites/${enc(code)}`);
  /** Anyone may preview; a signed-in caller also learns of their own ban. */
  previewInvite = (code: string) => this.request<InvitePreview>('GET', `/invites/${enc(code)}`, { auth: 'optional' });
  joinInvite = (code: string) => this.request<Server>('POST', `/invites/${enc(code)}/join`, { body: {} });
  joinServer = (serverId: Id, inviteCode: string) =>
    this.request<Server>('POST', `/servers/${enc(serverId)}/join`, { body: { invite_code: inviteCode } });

  // -- members -------------------------------------------------------------

  leaveServer = (serverId: Id) => this.request<void>('DELETE', `/servers/${enc(serverId)}/leave`);
  listMembers = (serverId: Id) => this.request<Member[]>('GET', `/servers/${enc(serverId)}/members`);
  setRole = (serverId: Id, userId: Id, role: 'admin' | 'member') =>
    this.request<Member>('PUT', `/servers/${enc(serverId)}/members/${enc(userId)}`, { body: { role } });
  transferOwnership = (serverId: Id, userId: Id) =>
    this.request<Server>('POST', `/servers/${enc(serverId)}/transfer-ownership`, { body: { user_id: userId } });
  kick = (serverId: Id, userId: Id) =>
    this.request<void>('DELETE', `/servers/${enc(serverId)}/members/${enc(userId)}`);

  // -- moderation ----------------------------------------------------------

  ban = (serverId: Id, body: { user_id: Id; reason?: string; duration_seconds?: number }) =>
    this.request<Ban>('POST', `/servers/${enc(serverId)}/bans`, { body });
  listBans = (serverId: Id) => this.request<Ban[]>('GET', `/servers/${enc(serverId)}/bans`);
  /** Times a member out until `until` (RFC 3339, at most 28 days ahead). */
  timeoutMember = (serverId: Id, userId: Id, until: string, reason?: string) =>
    this.request<Member>('PUT', `/servers/${enc(serverId)}/members/${enc(userId)}/timeout`, {
      body: reason ? { until, reason } : { until },
    });
  liftTimeout = (serverId: Id, userId: Id) =>
    this.request<void>('DELETE', `/servers/${enc(serverId)}/members/${enc(userId)}/timeout`);
  /** The server's audit log, newest first (admins and the owner). */
  auditLog = (serverId: Id, query: { before?: Id; actor_id?: Id; action?: AuditAction; limit?: number } = {}) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return this.request<AuditEntry[]>('GET', `/servers/${enc(serverId)}/audit-log${qs ? `?${qs}` : ''}`);
  };
  unban = (serverId: Id, userId: Id) =>
    this.request<void>('DELETE', `/servers/${enc(serverId)}/bans/${enc(userId)}`);

  // -- channels ------------------------------------------------------------

  createChannel = (serverId: Id, body: { name: string; topic?: string; slowmode_seconds?: number }) =>
    this.request<Channel>('POST', `/servers/${enc(serverId)}/channels`, { body });
  listChannels = (serverId: Id) => this.request<Channel[]>('GET', `/servers/${enc(serverId)}/channels`);
  getChannel = (id: Id) => this.request<Channel>('GET', `/channels/${enc(id)}`);
  updateChannel = (id: Id, body: { name?: string; topic?: string; position?: number; slowmode_seconds?: number }) =>
    this.request<Channel>('PUT', `/channels/${enc(id)}`, { body });
  deleteChannel = (id: Id) => this.request<void>('DELETE', `/channels/${enc(id)}`);

  // -- messages ------------------------------------------------------------

  sendMessage = (
    channelId: Id,
    body: { content: string; nonce?: string; reply_to?: Id; attachment_ids?: Id[]; spoiler_ids?: Id[] },
  ) => this.request<Message>('POST', `/channels/${enc(channelId)}/messages`, { body });

  /** An attachment path of a message (`url`, `preview_url`) as a full URL. */
  fileUrl = (path: string) => this.baseUrl + path;

  /**
   * Uploads one file to a channel (multipart, streamed by the server),
   * reporting progress; `signal` cancels it. Resolves to the pending upload.
   */
  async uploadAttachment(
    channelId: Id,
    file: Blob,
    filename: string,
    opts: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal } = {},
  ): Promise<Upload> {
    const token = await this.accessToken();
    if (!token) throw new ApiError({ code: 'unauthenticated', status: 401, message: defaultMessage('unauthenticated') });
    const form = fileForm(file, filename);
    return new Promise<Upload>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.baseUrl}/channels/${enc(channelId)}/attachments`);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded, e.total || file.size);
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = null;
        }
        if (xhr.status === 201) {
          resolve(body as Upload);
          return;
        }
        const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
        reject(
          new ApiError({
            code: (err?.code ?? 'internal') as ApiErrorCode,
            status: xhr.status,
            message: err?.message ?? `Upload failed (${xhr.status})`,
          }),
        );
      };
      xhr.onerror = () => reject(new ApiError({ code: 'network_error', status: 0, message: defaultMessage('network_error') }));
      xhr.onabort = () => reject(new ApiError({ code: 'network_error', status: 0, message: 'Upload cancelled' }));
      opts.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send(form);
    });
  }
  listMessages = (channelId: Id, opts: { limit?: number; before?: Id; after?: Id; around?: Id } = {}) =>
    this.request<Message[]>('GET', `/channels/${enc(channelId)}/messages`, {
      query: { limit: opts.limit, before: opts.before, after: opts.after, around: opts.around },
    });
  searchMessages = (serverId: Id, params: SearchParams) =>
    this.request<SearchResults>('GET', `/servers/${enc(serverId)}/messages/search`, { query: { ...params } });
  searchDirectMessages = (params: SearchParams) => this.request<SearchResults>('GET', '/me/channels/search', { query: { ...params } });
  // -- read state and notification settings ---------------------------------

  ackChannel = (channelId: Id, messageId: Id) =>
    this.request<void>('PUT', `/channels/${enc(channelId)}/read`, { body: { message_id: messageId } });
  readStates = () => this.request<ReadState[]>('GET', '/me/read-states');
  notificationSettings = () => this.request<NotificationSettings>('GET', '/me/notification-settings');
  setServerNotifications = (serverId: Id, body: { level?: NotifyLevel; muted_until?: string | null; suppress_everyone?: boolean }) =>
    this.request<ServerNotificationSettings>('PUT', `/servers/${enc(serverId)}/notifications`, { body });
  setChannelNotifications = (channelId: Id, body: { level?: ChannelNotifyLevel; muted_until?: string | null }) =>
    this.request<ChannelNotificationSettings>('PUT', `/channels/${enc(channelId)}/notifications`, { body });

  addReaction = (id: Id, emoji: string) => this.request<void>('PUT', `/messages/${enc(id)}/reactions/${enc(emoji)}`);
  removeReaction = (id: Id, emoji: string) => this.request<void>('DELETE', `/messages/${enc(id)}/reactions/${enc(emoji)}`);
  clearReactions = (id: Id) => this.request<void>('DELETE', `/messages/${enc(id)}/reactions`);
  listPins = (channelId: Id) => this.request<Message[]>('GET', `/channels/${enc(channelId)}/pins`);
  pinMessage = (channelId: Id, id: Id) => this.request<void>('PUT', `/channels/${enc(channelId)}/pins/${enc(id)}`);
  unpinMessage = (channelId: Id, id: Id) => this.request<void>('DELETE', `/channels/${enc(channelId)}/pins/${enc(id)}`);
  editMessage = (id: Id, content: string) => this.request<Message>('PATCH', `/messages/${enc(id)}`, { body: { content } });
  deleteMessage = (id: Id) => this.request<void>('DELETE', `/messages/${enc(id)}`);
  // ---- direct messages ----
  listDirectChannels = () => this.request<DirectChannel[]>('GET', '/me/channels');
  openDirectChannel = (recipients: Id[], name?: string) =>
    this.request<DirectChannel>('POST', '/me/channels', { body: name ? { recipients, name } : { recipients } });
  addRecipient = (channelId: Id, userId: Id) => this.request<void>('PUT', `/channels/${enc(channelId)}/recipients/${enc(userId)}`);
  removeRecipient = (channelId: Id, userId: Id | '@me') =>
    this.request<void>('DELETE', `/channels/${enc(channelId)}/recipients/${userId === '@me' ? '@me' : enc(userId)}`);
  listBlocks = () => this.request<Block[]>('GET', '/me/blocks');
  blockUser = (userId: Id) => this.request<void>('PUT', `/me/blocks/${enc(userId)}`);
  unblockUser = (userId: Id) => this.request<void>('DELETE', `/me/blocks/${enc(userId)}`);
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** A multipart body with one `file` part, as the upload routes take it. */
function fileForm(file: Blob, filename: string): FormData {
  const form = new FormData();
  form.append('file', file, filename);
  return form;
}
