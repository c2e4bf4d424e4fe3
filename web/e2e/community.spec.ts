/**
 * Running a community: roles, channels, kick, ban, ownership transfer, all
 * seen live by the other people.
 */
import { expect, test } from '@playwright/test';
import {
  channelHeading,
  createInviteLink,
  createServer,
  joinFromPreview,
  memberAction,
  memberRow,
  newUserPage,
  serverMenu,
  shot,
  signUpAndJoin,
  signUpAtHome,
  uniqueName,
} from './helpers';

test('owner and admin run the server', async ({ browser }) => {
  const owner = uniqueName('olga');
  const bea = uniqueName('bea');
  const cid = uniqueName('cid');
  const serverName = uniqueName('Guild ');

  const O = await newUserPage(browser);
  const B = await newUserPage(browser);
  const C = await newUserPage(browser);

  await signUpAtHome(O.page, owner);
  await createServer(O.page, serverName);
  const link = await createInviteLink(O.page, serverName);
  await signUpAndJoin(B.page, link, bea, serverName);
  await signUpAndJoin(C.page, link, cid, serverName);
  await expect(memberRow(O.page, cid)).toBeVisible();

  // Only the owner can change roles: B (member) sees no such item for C.
  await memberRow(B.page, cid).click();
  await expect(B.page.getByRole('menuitem', { name: 'Make admin' })).toHaveCount(0);
  await B.page.keyboard.press('Escape');

  // Owner promotes B; everyone sees the badge.
  await memberAction(O.page, bea, 'Make admin');
  await expect(memberRow(O.page, bea)).toHaveAccessibleName(/Admin/);
  await expect(memberRow(C.page, bea)).toHaveAccessibleName(/Admin/);

  // B, now admin, creates a channel; the owner sees it appear.
  await B.page.getByRole('navigation', { name: 'Channels' }).getByRole('button', { name: 'Create channel' }).click();
  const create = B.page.getByRole('dialog', { name: 'Create channel' });
  await create.getByLabel('Channel name').fill('announcements');
  await create.getByLabel(/^Topic/).fill('News from the team');
  await create.getByRole('button', { name: 'Create channel' }).click();
  await expect(channelHeading(B.page, 'announcements')).toBeVisible();
  await expect(O.page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: 'announcements' })).toBeVisible();
  await shot(B.page, 'community-01-channel');

  // B kicks C; C's view leaves the server at once.
  await memberAction(B.page, cid, `Kick ${cid}…`);
  await B.page.getByRole('dialog', { name: `Kick ${cid}?` }).getByRole('button', { name: `Kick ${cid}` }).click();
  await expect(C.page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();
  await expect(C.page.getByText(/You were removed from/)).toBeVisible();
  await expect(memberRow(O.page, cid)).toHaveCount(0);
  await shot(C.page, 'community-02-kicked');

  // C comes back with the invite, then the owner bans C for 1 hour.
  await C.page.goto(link);
  await joinFromPreview(C.page, serverName);
  await expect(memberRow(O.page, cid)).toBeVisible();
  await memberAction(O.page, cid, `Ban ${cid}…`);
  const ban = O.page.getByRole('dialog', { name: `Ban ${cid}?` });
  await ban.getByRole('radio', { name: '1 hour' }).check();
  await ban.getByLabel(/^Reason/).fill('Spamming');
  await ban.getByRole('button', { name: `Ban ${cid}` }).click();
  await expect(ban).toBeHidden();
  await expect(C.page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();

  // The banned user's invite link is refused with a clear message.
  await C.page.goto(link);
  const join = C.page.getByRole('button', { name: `Join ${serverName}` });
  // Said before Join (the preview knows the ban), with until when.
  const refusal = C.page.getByText(/you are banned from/i);
  await expect(join.or(refusal)).toBeVisible();
  if (await join.isVisible()) await join.click();
  await expect(refusal).toBeVisible();
  await shot(C.page, 'community-03-banned');

  // The bans list shows C; the owner could unban from there.
  await serverMenu(O.page, serverName).click();
  await O.page.getByRole('menuitem', { name: 'Bans' }).click();
  const bans = O.page.getByRole('dialog', { name: `Bans in ${serverName}` });
  await expect(bans.getByRole('button', { name: new RegExp(`^Unban`) })).toHaveCount(1);
  // Named from the ban itself (the server sends the user's names with it).
  await expect(bans.getByRole('button', { name: `Unban ${cid}` })).toBeVisible();
  await expect(bans.getByText(`@${cid}`)).toBeVisible();
  await O.page.keyboard.press('Escape');

  // Ownership transfer: badges change live for both.
  await memberAction(O.page, bea, 'Transfer ownership…');
  const transfer = O.page.getByRole('dialog', { name: `Transfer ownership to ${bea}?` });
  await expect(transfer).toContainText('You become an admin');
  await transfer.getByRole('button', { name: 'Transfer ownership' }).click();
  await expect(memberRow(O.page, bea)).toHaveAccessibleName(/Owner/);
  await expect(memberRow(O.page, owner)).toHaveAccessibleName(/Admin/);
  await expect(memberRow(B.page, bea)).toHaveAccessibleName(/Owner/);
  await expect(memberRow(B.page, owner)).toHaveAccessibleName(/Admin/);
  await shot(O.page, 'community-04-transferred');

  // The old owner can now leave in one clear step.
  await serverMenu(O.page, serverName).click();
  await O.page.getByRole('menuitem', { name: 'Leave server' }).click();
  await O.page.getByRole('dialog', { name: `Leave “${serverName}”?` }).getByRole('button', { name: 'Leave server' }).click();
  await expect(O.page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();
  await expect(memberRow(B.page, owner)).toHaveCount(0);

  for (const u of [O, B, C]) await u.context.close();
});

test('an owner is told why they cannot leave, and cannot delete their account while owning a server', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  const serverName = uniqueName('Mine ');
  await signUpAtHome(page, uniqueName('owen'));
  await createServer(page, serverName);
  await serverMenu(page, serverName).click();
  await page.getByRole('menuitem', { name: 'Leave server' }).click();
  const explain = page.getByRole('dialog', { name: `You own “${serverName}”` });
  await expect(explain).toContainText('Transfer ownership');
  await explain.getByRole('button', { name: 'Got it' }).click();
  await expect(serverMenu(page, serverName)).toBeFocused();

  await page.getByRole('button', { name: 'Profile and account' }).click();
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete your account?' });
  await confirm.getByLabel('Your password').fill('correct horse battery');
  await confirm.getByRole('button', { name: 'Delete my account' }).click();
  await expect(confirm.getByRole('alert')).toContainText('You still own a server');

  // Delete the server (confirmation names it), then the account.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');
  await serverMenu(page, serverName).click();
  await page.getByRole('menuitem', { name: 'Server settings' }).click();
  await page.getByRole('button', { name: 'Delete server…' }).click();
  const del = page.getByRole('dialog', { name: `Delete “${serverName}”?` });
  await del.getByRole('button', { name: `Delete ${serverName}` }).click();
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Profile and account' }).click();
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const last = page.getByRole('dialog', { name: 'Delete your account?' });
  await last.getByLabel('Your password').fill('correct horse battery');
  await last.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await context.close();
});
