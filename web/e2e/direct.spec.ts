/**
 * Direct messages (issue 19): two people who share a server open a DM from a
 * profile card, talk live (the other, reading a DM with a third member, sees
 * it unread until they open it; the
 * pane names the DM "@name"), then one blocks the other and the DM is
 * read-only: both composers are disabled and say why.
 */
import { expect, test } from '@playwright/test';
import {
  composer,
  createInviteLink,
  createServer,
  expectAccessible,
  history,
  memberRow,
  newUserPage,
  profileCard,
  shot,
  signUpAndJoin,
  signUpAtHome,
  uniqueName,
} from './helpers';

test('two people open a DM from a shared server, talk live, and a block makes it read-only', async ({ browser }) => {
  const owner = uniqueName('dora');
  const member = uniqueName('dmitri');
  const serverName = uniqueName('DM club ');
  const O = await newUserPage(browser);
  const M = await newUserPage(browser);
  await signUpAtHome(O.page, owner);
  await createServer(O.page, serverName);
  const link = await createInviteLink(O.page, serverName);
  await signUpAndJoin(M.page, link, member, serverName);
  await expect(memberRow(O.page, member)).toBeVisible();
  // A third member, so the member can be reading another conversation.
  const third = uniqueName('cleo');
  const C = await newUserPage(browser);
  await signUpAndJoin(C.page, link, third, serverName);
  await memberRow(M.page, third).click();
  await profileCard(M.page, third).getByRole('button', { name: 'Message', exact: true }).click();
  await expect(M.page.getByRole('heading', { level: 1, name: `@${third}` })).toBeVisible();

  // "Message" on the member's profile card opens the DM home with the conversation.
  await memberRow(O.page, member).click();
  await profileCard(O.page, member).getByRole('button', { name: 'Message', exact: true }).click();
  await expect(O.page.getByRole('link', { name: 'Direct messages' })).toHaveAttribute('aria-current', 'page');
  await expect(O.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: member })).toBeVisible();
  // The pane names the DM "@name", and its empty state speaks of a conversation.
  await expect(O.page.getByRole('heading', { level: 1, name: `@${member}` })).toBeVisible();
  await expect(O.page.getByText(`This is the beginning of your direct messages with @${member}.`)).toBeVisible();
  await composer(O.page, `@${member}`).fill('Hi there, this is a DM');
  await composer(O.page, `@${member}`).press('Enter');
  await expect(history(O.page, `@${member}`).getByText('Hi there, this is a DM', { exact: true })).toBeVisible();

  // The member, reading another conversation, sees it unread: on the DM home icon and in the list.
  await expect(M.page.getByRole('link', { name: 'Direct messages, unread messages, 1 mention' })).toBeVisible();
  const conversations = M.page.getByRole('navigation', { name: 'Conversations' });
  const unreadLink = conversations.getByRole('link', { name: `${owner}, 1 unread message, 1 mention` });
  await expect(unreadLink).toBeVisible();
  await expect(unreadLink).toHaveAttribute('data-unread', 'true');
  await shot(M.page, 'direct-00-unread');
  await expectAccessible(M.page, 'the DM home with an unread conversation');
  // Opening it clears the mark, here and on the DM home.
  await unreadLink.click();
  await expect(history(M.page, `@${owner}`).getByText('Hi there, this is a DM', { exact: true })).toBeVisible();
  await expect(conversations.getByRole('link', { name: owner })).toBeVisible();
  await expect(conversations.locator('[data-unread]')).toHaveCount(0);
  await expect(M.page.getByRole('link', { name: 'Direct messages', exact: true })).toBeVisible();
  await expect(M.page.getByRole('heading', { level: 1, name: `@${owner}` })).toBeVisible();
  await composer(M.page, `@${owner}`).fill('Hello back!');
  await composer(M.page, `@${owner}`).press('Enter');
  await expect(history(O.page, `@${member}`).getByText('Hello back!', { exact: true })).toBeVisible();
  // Search inside the DM looks through my conversations only.
  const box = O.page.getByRole('combobox', { name: 'Search messages' });
  await box.fill('hello');
  await box.press('Enter');
  const panel = O.page.getByRole('region', { name: 'Search results' });
  await expect(panel.getByRole('heading', { name: '1 result' })).toBeVisible();
  await expect(panel.getByRole('button', { name: new RegExp(`in @${member},.*Hello back!`) })).toBeVisible();
  await O.page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await shot(O.page, 'direct-01-conversation');
  await expectAccessible(O.page, 'the DM home with a conversation');

  // New message dialog is accessible too.
  await O.page.getByRole('button', { name: 'New message' }).click();
  await expect(O.page.getByRole('dialog', { name: 'New message' })).toBeVisible();
  await expectAccessible(O.page, 'the new message dialog');
  await O.page.keyboard.press('Escape');

  // The owner blocks the member from the author name in the DM, with a confirmation.
  await history(O.page, `@${member}`).getByRole('button', { name: member, exact: true }).first().click();
  await profileCard(O.page, member).getByRole('button', { name: 'Block', exact: true }).click();
  const confirm = O.page.getByRole('dialog', { name: `Block ${member}?` });
  await expect(confirm).toBeVisible();
  await expectAccessible(O.page, 'the block confirmation');
  await confirm.getByRole('button', { name: 'Block' }).click();
  await expect(confirm).toBeHidden();
  await O.page.keyboard.press('Escape');

  // The blocker sees the member's messages collapsed, and may show them.
  await expect(history(O.page, `@${member}`).getByText('1 blocked message —').first()).toBeVisible();
  await history(O.page, `@${member}`).getByRole('button', { name: 'show' }).first().click();
  await expect(history(O.page, `@${member}`).getByText('Hello back!', { exact: true })).toBeVisible();

  // The blocker's composer is disabled and says why, with the way out.
  await expect(composer(O.page, `@${member}`)).toBeDisabled();
  await expect(O.page.getByText(`You blocked ${member}: neither of you can write here until you unblock them.`)).toBeVisible();
  await expect(O.page.getByRole('button', { name: 'Unblock', exact: true })).toBeVisible();
  await expectAccessible(O.page, 'a DM the viewer blocked');

  // Read-only for both: the member's send is refused; their composer then
  // says so instead of showing a failed message, and nothing reaches the owner.
  await composer(M.page, `@${owner}`).fill('Can you hear me?');
  await composer(M.page, `@${owner}`).press('Enter');
  await expect(M.page.getByText('This conversation is read-only: one of you blocked the other.')).toBeVisible();
  await expect(composer(M.page, `@${owner}`)).toBeDisabled();
  await expect(M.page.getByText('Can you hear me?')).toHaveCount(0);
  await shot(M.page, 'direct-02-blocked');
  await expectAccessible(M.page, 'a DM refused as blocked');
  await expect(history(O.page, `@${member}`).getByText('Can you hear me?')).toHaveCount(0);
});
