/** Ids that mark direct conversations (a leaf module: the unread rules and sync both need it). */
import type { Id } from './types';

/** The stand-in server id that messages and read states of DMs and groups carry. */
export const DIRECT_SERVER_ID = '00000000-0000-0000-0000-000000000000';

export function isDirectServer(id: Id | null | undefined): boolean {
  return !id || id === DIRECT_SERVER_ID;
}
