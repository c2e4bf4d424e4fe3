/** TanStack Query keys, in one place. */
import type { Id } from './types';

export const keys = {
  me: ['me'] as const,
  servers: ['servers'] as const,
  server: (id: Id) => ['server', id] as const,
  members: (serverId: Id) => ['members', serverId] as const,
  messages: (channelId: Id) => ['messages', channelId] as const,
  pins: (channelId: Id) => ['pins', channelId] as const,
  invites: (serverId: Id) => ['invites', serverId] as const,
  bans: (serverId: Id) => ['bans', serverId] as const,
  auditLog: (serverId: Id) => ['audit-log', serverId] as const,
  invitePreview: (code: string) => ['invite-preview', code] as const,
  user: (id: Id) => ['user', id] as const,
  directChannels: ['direct-channels'] as const,
  blocks: ['blocks'] as const,
};

export const PAGE_SIZE = 50;
