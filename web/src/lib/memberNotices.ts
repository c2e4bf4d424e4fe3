/**
 * Notices about membership that the cache does not show by itself: a
 * member promoted or demoted (or made owner) is told, and "X joined" /
 * "X left" become quiet system lines in the server's first channel. They are
 * live events, not stored messages: a reload starts with none.
 *
 * `noteMemberEvent` must run before the cache applies the event (it reads
 * the role and name as they were).
 */
import type { QueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { createStore, notify, useStore } from './store';
import type { Id, Member, Server, ServerEvent, ServerWithChannels } from './types';

export interface SystemLine {
  id: string;
  serverId: Id;
  text: string;
  at: string;
}

const lines = createStore<SystemLine[]>([]);
let lineSeq = 0;

function addLine(serverId: Id, text: string): void {
  const line = { id: `sys-${++lineSeq}`, serverId, text, at: new Date().toISOString() };
  lines.set((l) => [...l.slice(-199), line]);
}

/** The system lines of a server, oldest first. */
export function useSystemLines(serverId: Id | null): SystemLine[] {
  const all = useStore(lines, (l) => l);
  return serverId ? all.filter((l) => l.serverId === serverId) : [];
}

export function clearSystemLines(): void {
  lines.set([]);
}

function roleWord(role: Member['role']): string {
  return role === 'owner' ? 'the owner' : role === 'admin' ? 'an admin' : 'a member';
}

export function noteMemberEvent(qc: QueryClient, ev: ServerEvent, meId: Id | null): void {
  if (ev.type === 'member.updated') {
    const { server_id, member } = ev.data;
    if (member.user_id !== meId) return;
    const server =
      qc.getQueryData<ServerWithChannels>(keys.server(server_id)) ?? qc.getQueryData<Server[]>(keys.servers)?.find((s) => s.id === server_id);
    if (!server || server.my_role === member.role) return;
    const promoted = member.role === 'owner' || (member.role === 'admin' && server.my_role === 'member');
    notify(`You are now ${roleWord(member.role)} of “${server.name}”${promoted ? '.' : `, no longer ${roleWord(server.my_role)}.`}`);
    return;
  }
  if (ev.type === 'member.joined') {
    const m = ev.data.member;
    if (m.user_id === meId) return;
    addLine(ev.data.server_id, `${m.display_name || m.username} joined the server.`);
    return;
  }
  if (ev.type === 'member.left') {
    const { server_id, user_id, reason } = ev.data;
    if (user_id === meId) return;
    const m = qc.getQueryData<Member[]>(keys.members(server_id))?.find((x) => x.user_id === user_id);
    const name = m ? m.display_name || m.username : 'A member';
    const verb = reason === 'kicked' ? 'was removed from' : reason === 'banned' ? 'was banned from' : 'left';
    addLine(server_id, `${name} ${verb} the server.`);
  }
}
