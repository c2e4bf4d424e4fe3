/**
 * What the viewer's role allows, mirroring API.md's role table, so the UI only
 * offers permitted actions. The server still decides; its refusals are shown.
 */
import type { Role } from './types';

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export function rank(role: Role | null | undefined): number {
  return role ? RANK[role] : 0;
}

export function outranks(me: Role | null | undefined, target: Role | null | undefined): boolean {
  return rank(me) > rank(target);
}

export const can = {
  manageServer: (me: Role | undefined) => rank(me) >= RANK.admin,
  deleteServer: (me: Role | undefined) => me === 'owner',
  manageChannels: (me: Role | undefined) => rank(me) >= RANK.admin,
  manageInvites: (me: Role | undefined) => rank(me) >= RANK.admin,
  manageBans: (me: Role | undefined) => rank(me) >= RANK.admin,
  kickOrBan: (me: Role | undefined, target: Role | undefined) => rank(me) >= RANK.admin && outranks(me, target),
  setRole: (me: Role | undefined, target: Role | undefined) => me === 'owner' && target !== 'owner',
  transfer: (me: Role | undefined, target: Role | undefined) => me === 'owner' && target !== 'owner',
  leave: (me: Role | undefined) => me !== 'owner',
  /** Own messages always; others' when an admin outranks the author (a departed author has no role). */
  deleteMessage: (me: Role | undefined, mine: boolean, authorRole: Role | undefined) =>
    mine || (rank(me) >= RANK.admin && outranks(me, authorRole)),
};

export function roleLabel(role: Role): string {
  return role === 'owner' ? 'Owner' : role === 'admin' ? 'Admin' : 'Member';
}
