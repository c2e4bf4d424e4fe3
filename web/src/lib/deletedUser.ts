/**
 * A deleted account keeps its id so its messages stay, shown as "Deleted
 * user"; its username becomes the reserved `~deleted-<id>` (docs/openapi.yaml,
 * `User.username`), which no sign-up can produce. The client shows no
 * username, profile, mention or DM actions for it.
 */
export const DELETED_USER_NAME = 'Deleted user';

export function isDeletedUser(user: { username: string }): boolean {
  return user.username.startsWith('~deleted-');
}
