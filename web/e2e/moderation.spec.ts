/**
 * Moderation tools in the browser: an admin times a member out from the
 * member menu; the member sees the countdown in the composer; the owner
 * reads the act in the server's audit log.
 */
import { expect, test } from '@playwright/test';
import { createInviteLink, createServer, memberAction, memberRow, newUserPage, serverMenu, signUpAndJoin, signUpAtHome, uniqueName } from './helpers';

test('a timeout shows as a countdown to the member and in the audit log', async ({ browser }) => {
  const { page: ownerPage } = await newUserPage(browser);
  const { page: memberPage } = await newUserPage(browser);
  const owner = uniqueName('mod');
  const member = uniqueName('loud');
  const serverName = uniqueName('Moderated ');

  await signUpAtHome(ownerPage, owner);
  await createServer(ownerPage, serverName);
  const link = await createInviteLink(ownerPage, serverName);
  await signUpAndJoin(memberPage, link, member, serverName);

  await expect(memberRow(ownerPage, member)).toBeVisible();
  await memberAction(ownerPage, member, `Time out ${member}…`);
  const dialog = ownerPage.getByRole('dialog', { name: `Time out ${member}?` });
  await dialog.getByLabel('Duration').selectOption({ label: '10 minutes' });
  await dialog.getByLabel(/^Reason/).fill('too loud');
  await dialog.getByRole('button', { name: `Time out ${member}` }).click();
  await expect(dialog).toBeHidden();
  await expect(memberRow(ownerPage, member)).toContainText('Timed out');

  // The member sees the countdown (live, through member.updated).
  const notice = memberPage.getByRole('status').filter({ hasText: 'You are timed out' });
  await expect(notice).toBeVisible();
  await expect(memberPage.getByTestId('timeout-countdown')).toHaveText(/^(10:00|9:\d\d)$/);

  // The owner reads it in the audit log.
  await serverMenu(ownerPage, serverName).click();
  await ownerPage.getByRole('menuitem', { name: 'Audit log' }).click();
  const log = ownerPage.getByRole('dialog', { name: `Audit log of ${serverName}` });
  const entries = log.getByRole('list', { name: 'Audit log entries' });
  await expect(entries.getByRole('listitem').first()).toContainText(`timed out ${member}`);
  await expect(entries.getByRole('listitem').first()).toContainText('Reason: too loud');
});
