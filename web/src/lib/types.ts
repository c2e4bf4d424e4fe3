/**
 * Wire types of the chat server, written by hand from shared/API.md.
 * Field names stay snake_case, exactly as they travel.
 */

export type Id = string;
/** RFC 3339 UTC timestamp. */
export type Timestamp = string;

export type Status = 'online' | 'away' | 'dnd' | 'offline';
/** What a user may pick for themself; `invisible` shows as `offline` to others. */
export type SelfStatus = 'online' | 'away' | 'dnd' | 'invisible';
export type Role = 'owner' | 'admin' | 'member';

export interface User {
  id: Id;
  username: string;
  display_name: string;
  bio: string;
  /** Others see `offline` for an invisible user; the user sees `invisible`. */
  status: Status | 'invisible';
  created_at: Timestamp;
  /** A short custom status text ("In a meeting"), or null. */
  custom_status?: string | null;
}

/** `GET /users/{id}`: a user; `message_count` only when I look at myself. */
export interface Profile extends User {
  message_count?: number;
}

export interface Server {
  id: Id;
  name: string;
  description: string;
  owner_id: Id;
  created_at: Timestamp;
  member_count: number;
  my_role: Role;
}

export interface Channel {
  id: Id;
  server_id: Id;
  name: string;
  topic: string;
  position: number;
  created_at: Timestamp;
}

export interface ServerWithChannels extends Server {
  channels: Channel[];
}

export interface Member {
  user_id: Id;
  username: string;
  display_name: string;
  role: Role;
  status: Status | 'invisible';
  joined_at: Timestamp;
}

export interface MessageAuthor {
  id: Id;
  username: string;
  display_name: string;
}

export interface Message {
  id: Id;
  channel_id: Id;
  server_id: Id;
  author: MessageAuthor;
  content: string;
  mentions: Id[];
  created_at: Timestamp;
  edited_at: Timestamp | null;
  nonce: string | null;
}

export interface Invite {
  code: string;
  server_id: Id;
  created_by: Id;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  max_uses: number | null;
  uses: number;
}

export interface InvitePreview {
  code: string;
  server: { id: Id; name: string; member_count: number; online_count?: number };
  expires_at: Timestamp | null;
  /** Only for a signed-in viewer banned from the server; `expires_at` null = permanent. */
  ban?: { expires_at: Timestamp | null };
}

export interface Ban {
  user_id: Id;
  server_id: Id;
  reason: string | null;
  banned_by: Id;
  created_at: Timestamp;
  /** `null` means permanent. */
  expires_at: Timestamp | null;
  /** Whom it bans (a deleted account shows as `deleted-user`). */
  user: MessageAuthor;
}

export interface AuthResponse {
  user: User;
  access_token: string;
  refresh_token: string;
  /** Seconds until the access token expires. */
  expires_in: number;
}

// ---- WebSocket ---------------------------------------------------------

export interface ReadyData {
  session_id: string;
  user: User;
  servers: ServerWithChannels[];
}

/** Events that carry a `seq` and feed the cache. */
export type ServerEvent =
  | { type: 'message.created'; data: Message }
  | { type: 'message.updated'; data: Message }
  | { type: 'message.deleted'; data: { id: Id; channel_id: Id; server_id: Id } }
  | { type: 'typing.started'; data: { channel_id: Id; server_id: Id; user_id: Id; expires_at: Timestamp } }
  | { type: 'presence.updated'; data: { user_id: Id; status: Status | 'invisible' } }
  | { type: 'member.joined'; data: { server_id: Id; member: Member } }
  | { type: 'member.updated'; data: { server_id: Id; member: Member } }
  | { type: 'member.left'; data: { server_id: Id; user_id: Id; reason: 'left' | 'kicked' | 'banned' } }
  /** Goes to members of every role, so `my_role` is absent. */
  | { type: 'server.updated'; data: Omit<Server, 'my_role'> & { my_role?: Role } }
  | { type: 'server.deleted'; data: { server_id: Id } }
  | { type: 'channel.created'; data: Channel }
  | { type: 'channel.updated'; data: Channel }
  | { type: 'channel.deleted'; data: { id: Id; server_id: Id } };

export type ServerEventType = ServerEvent['type'];
