/**
 * Wire types of the chat server under the names the client uses. The REST
 * shapes are the schemas of docs/openapi.yaml, generated into
 * ./api-schema.ts (`npm run gen:types`); nothing here restates a field.
 * Field names stay snake_case, exactly as they travel.
 */
import type { components } from './api-schema';

type Schemas = components['schemas'];

export type Id = string;
/** RFC 3339 UTC timestamp. */
export type Timestamp = string;

/** A status as others see it (`invisible` shows as `offline`). */
export type Status = Exclude<Schemas['User']['status'], 'invisible'>;
/** What a user may pick for themself; `invisible` shows as `offline` to others. */
export type SelfStatus = NonNullable<Schemas['UpdateMeRequest']['status']>;
export type Role = Schemas['Server']['my_role'];

export type User = Schemas['User'];
/** `GET /users/{id}`: a user; `message_count` only when I look at myself. */
export type Profile = Schemas['Profile'];
export type Server = Schemas['Server'];
/** A server's channel (`kind` text); DMs and groups are [`DirectChannel`]. */
export type Channel = Omit<Schemas['Channel'], 'server_id' | 'kind'> & { server_id: Id; kind?: Schemas['Channel']['kind'] };
export type ServerWithChannels = Omit<Schemas['ServerWithChannels'], 'channels'> & { channels: Channel[] };
export type Member = Schemas['Member'];
export type MessageAuthor = Schemas['Author'];
export type Invite = Schemas['Invite'];
export type InvitePreview = Schemas['InvitePreview'];
export type Ban = Schemas['Ban'];
export type AuthResponse = Schemas['AuthTokens'];
/** Every error code the server sends (REST and socket). */
export type ServerErrorCode = Schemas['ErrorCode'];
/** The message a reply answers (`{id, deleted: true}` once that is gone). */
export type ReplyPreview = (Schemas['ReplyPreview'] & { deleted?: undefined }) | Schemas['DeletedReply'];
export type Message = Omit<Schemas['Message'], 'reply_to' | 'reactions' | 'pinned' | 'attachments'> & {
  reply_to?: ReplyPreview | null;
  /** Its files in upload order, with signed URLs (paths on the API). */
  attachments?: Attachment[];
  /** In order of first use; `me` is for the viewer. */
  reactions?: Reaction[];
  pinned?: boolean;
};
export type Reaction = Schemas['Reaction'];
export type Attachment = Schemas['Attachment'];
export type Upload = Schemas['Upload'];
/** Search: where a hit matched (offsets are JS string indexes into `context`). */
export type SearchHighlight = Schemas['SearchHighlight'];
export type SearchHit = Message & { highlight: SearchHighlight };
/** `GET /servers/{id}/messages/search` query parameters. */
export type SearchParams = {
  q: string;
  author_id?: Id;
  channel_id?: Id;
  mentions?: Id;
  before?: string;
  after?: string;
  has?: 'link' | 'file';
  limit?: number;
  cursor?: string;
};
export type SearchResults = { total_estimate: number; messages: SearchHit[]; next_cursor: string | null };
export type AuditAction = Schemas['AuditAction'];
/** A DM (`kind` dm) or group, with everyone in it (me included). */
export type DirectChannel = Schemas['DirectChannel'];
export type Recipient = Schemas['Recipient'];
export type Block = Schemas['Block'];
export type DmPolicy = NonNullable<Schemas['UpdateMeRequest']['dm_policy']>;
export type AuditEntry = Schemas['AuditEntry'];
export type AuditChange = AuditEntry['changes'][number];
/** `reaction.added` / `reaction.removed`. */
export interface ReactionEventData {
  message_id: Id;
  channel_id: Id;
  server_id: Id;
  emoji: string;
  user_id: Id;
}

// ---- WebSocket ---------------------------------------------------------

export interface ReadyData {
  session_id: string;
  user: User;
  servers: ServerWithChannels[];
  /** One per channel of every server I am in (servers before read state existed sent none). */
  read_states?: ReadState[];
  notification_settings?: NotificationSettings;
  /** My DMs and groups, the most recent activity first (as `GET /me/channels`). */
  direct_channels?: DirectChannel[];
}

// ---- read state and notification settings ------------------------------

/** `GET /me/read-states` item, `read_state.updated` payload. */
export interface ReadState {
  channel_id: Id;
  server_id: Id;
  /** Newest message read; null when never read (then every message is unread). */
  last_read_message_id: Id | null;
  /** The channel's newest message; null in an empty channel. */
  last_message_id: Id | null;
  /** Exact up to 100. */
  unread_count: number;
  /** More than 100 unread (unread_count is then 100). */
  unread_capped: boolean;
  mention_count: number;
}

export type NotifyLevel = 'all' | 'mentions' | 'none';
export type ChannelNotifyLevel = NotifyLevel | 'default';

export interface ServerNotificationSettings {
  server_id: Id;
  level: NotifyLevel;
  muted_until: Timestamp | null;
  suppress_everyone: boolean;
}

export interface ChannelNotificationSettings {
  channel_id: Id;
  server_id: Id;
  level: ChannelNotifyLevel;
  muted_until: Timestamp | null;
}

/** Stored settings only; absent servers are `all`, absent channels `default`, not muted. */
export interface NotificationSettings {
  servers: ServerNotificationSettings[];
  channels: ChannelNotificationSettings[];
}

/** Events that carry a `seq` and feed the cache. */
export type ServerEvent =
  | { type: 'message.created'; data: Message }
  | { type: 'message.updated'; data: Message }
  | { type: 'message.deleted'; data: { id: Id; channel_id: Id; server_id: Id } }
  | { type: 'reaction.added'; data: ReactionEventData }
  | { type: 'reaction.removed'; data: ReactionEventData }
  | { type: 'reaction.removed_all'; data: { message_id: Id; channel_id: Id; server_id: Id } }
  | { type: 'channel.pins_updated'; data: { channel_id: Id; server_id: Id } }
  | { type: 'typing.started'; data: { channel_id: Id; server_id: Id; user_id: Id; expires_at: Timestamp } }
  | { type: 'presence.updated'; data: { user_id: Id; status: Status | 'invisible' } }
  | { type: 'member.joined'; data: { server_id: Id; member: Member } }
  | { type: 'member.updated'; data: { server_id: Id; member: Member } }
  | { type: 'member.left'; data: { server_id: Id; user_id: Id; reason: 'left' | 'kicked' | 'banned' } }
  /** Goes to members of every role, so `my_role` is absent. */
  | { type: 'server.updated'; data: Omit<Server, 'my_role'> & { my_role?: Role } }
  | { type: 'server.deleted'; data: { server_id: Id } }
  | { type: 'channel.created'; data: Channel | DirectChannel }
  | { type: 'channel.updated'; data: Channel | DirectChannel }
  /** `server_id` is null for a DM or group. */
  | { type: 'channel.deleted'; data: { id: Id; server_id: Id | null } }
  | { type: 'recipient.added'; data: { channel_id: Id; recipient: Recipient } }
  | { type: 'recipient.removed'; data: { channel_id: Id; user_id: Id } }
  /** About myself only: I acked a channel somewhere. */
  | { type: 'read_state.updated'; data: ReadState }
  /** About myself only: the changed entries. */
  | { type: 'notification_settings.updated'; data: NotificationSettings };

export type ServerEventType = ServerEvent['type'];

// ---- account security (issue 15) ----------------------------------------

/** `POST /auth/login` when the user has two-factor sign-in on: no tokens yet. */
export interface MfaRequiredResponse {
  mfa_required: true;
  ticket: string;
}

/** `GET /me/mfa`. */
export interface MfaStatus {
  enabled: boolean;
  recovery_codes_left: number;
}

/** `POST /me/mfa/totp/setup`. */
export interface TotpSetup {
  /** Base32, for typing into an authenticator app. */
  secret: string;
  /** `otpauth://totp/…`, for a QR code. */
  otpauth_uri: string;
}

/** `GET /auth/signup-challenge` (the optional sign-up proof of work, ALTCHA format). */
export type SignupChallenge = Schemas['SignupChallenge'];

/** `POST /me/mfa/totp/enable` and `POST /me/mfa/recovery-codes`. */
export interface RecoveryCodesResponse {
  recovery_codes: string[];
}

/** One entry of `GET /me/sessions`. */
export interface SessionInfo {
  id: Id;
  created_at: string;
  last_used_at: string;
  user_agent: string | null;
  ip_hint: string | null;
  current: boolean;
}
