/**
 * Read state kept by the server: a user who was away logs in and sees which
 * channels have new messages and mentions; two devices of one user stay in
 * step (reading on one clears the other; a mute set on one shows on both).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  app,
  channelHeading,
  createInviteLink,
  createServer,
  history,
  newUserPage,
  send,
  signUpAndJoin,
  signUpAtHome,
  uniqueName,
} from './helpers';

function channelLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: new RegExp(`^${name}\\b`) });
}

function serverLink(page: Page, serverName: string) {
  return page.getByRole('navigation', { name: 'Servers' }).getByRole('link', { name: new RegExp(`^${serverName}\\b`) });
}

async function createChannel(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Channels' }).getByRole('button', { name: 'Create channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create channel' });
  await dialog.getByLabel('Channel name').fill(name);
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  await expect(channelHeading(page, name)).toBeVisible();
}

async function logIn(browser: Browser, username: string) {
  const device = await newUserPage(browser);
  await device.page.goto(app());
  await device.page.getByLabel('Username', { exact: true }).fill(username);
  await device.page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await device.page.getByRole('button', { name: 'Log in' }).click();
  await expect(channelHeading(device.page, 'general')).toBeVisible();
  return device;
}

/** ann's server with #general and #random; ben joined it. */
async function community(browser: Browser) {
  const ann = uniqueName('ann');
  const ben = uniqueName('ben');
  const serverName = uniqueName('Reads ');
  const A = await newUserPage(browser);
  const B = await newUserPage(browser);
  await signUpAtHome(A.page, ann);
  await createServer(A.page, serverName);
  const link = await createInviteLink(A.page, serverName);
  await signUpAndJoin(B.page, link, ben, serverName);
  await createChannel(A.page, 'random');
  await expect(channelLink(B.page, 'random')).toBeVisible();
  return { ann, ben, serverName, A, B };
}

test('a user who was away logs in to the right unread and mention counts', async ({ browser }) => {
  const { ben, serverName, A, B } = await community(browser);
  await B.context.close(); // ben is offline from here on

  await send(A.page, 'first while ben is away', 'random');
  await send(A.page, `@${ben} can you look at this?`, 'random');
  await send(A.page, 'third', 'random');

  const ben1 = await logIn(browser, ben);
  await expect(channelLink(ben1.page, 'random')).toHaveAccessibleName('random, 3 unread messages, 1 mention');
  await expect(channelLink(ben1.page, 'general')).toHaveAccessibleName('general');
  await expect(serverLink(ben1.page, serverName)).toHaveAccessibleName(`${serverName}, unread messages, 1 mention`);
  await expect(ben1.page).toHaveTitle(/^\(1\) #general/);

  // Opening the channel shows where the new messages start, and reads it.
  await channelLink(ben1.page, 'random').click();
  await expect(channelHeading(ben1.page, 'random')).toBeVisible();
  const divider = history(ben1.page, 'random').getByRole('separator', { name: 'New messages' });
  await expect(divider).toBeVisible();
  await expect(channelLink(ben1.page, 'random')).toHaveAccessibleName('random');
  await expect(ben1.page).toHaveTitle(/^#random/);
  // Escape dismisses the divider.
  await history(ben1.page, 'random').click();
  await ben1.page.keyboard.press('Escape');
  await expect(divider).toBeHidden();

  // A reload (a new session) still shows the channel read: the server kept it.
  await ben1.page.reload();
  await expect(channelHeading(ben1.page, 'random')).toBeVisible();
  await expect(channelLink(ben1.page, 'random')).toHaveAccessibleName('random');

  await ben1.context.close();
  await A.context.close();
});

test('two devices of one user: reading on one clears the other, and a mute shows on both', async ({ browser }) => {
  const { ben, A, B } = await community(browser);
  const phone = await logIn(browser, ben);
  await expect(channelHeading(B.page, 'general')).toBeVisible();

  await send(A.page, `@${ben} over here`, 'random');
  for (const device of [B.page, phone.page]) {
    await expect(channelLink(device, 'random')).toHaveAccessibleName('random, 1 unread message, 1 mention');
  }

  // Read on the laptop: the phone clears at once.
  await channelLink(B.page, 'random').click();
  await expect(history(B.page, 'random').getByText(`@${ben} over here`)).toBeVisible();
  await expect(channelLink(phone.page, 'random')).toHaveAccessibleName('random');

  // "Mark as read" from the phone's channel menu clears the laptop too.
  await channelLink(B.page, 'general').click();
  await expect(channelHeading(B.page, 'general')).toBeVisible();
  await send(A.page, 'one more', 'random');
  await expect(channelLink(B.page, 'random')).toHaveAccessibleName('random, 1 unread message');
  await expect(channelLink(phone.page, 'random')).toHaveAccessibleName('random, 1 unread message');
  await phone.page.getByRole('button', { name: 'Options for channel random' }).click();
  await phone.page.getByRole('menuitem', { name: 'Mark as read' }).click();
  await expect(channelLink(phone.page, 'random')).toHaveAccessibleName('random');
  await expect(channelLink(B.page, 'random')).toHaveAccessibleName('random');

  // Muting on the phone shows on the laptop: no unread mark there either.
  await phone.page.getByRole('button', { name: 'Options for channel random' }).click();
  await phone.page.getByRole('menuitem', { name: 'Mute channel for 1 hour' }).click();
  await send(A.page, 'quiet please', 'random');
  await expect(channelLink(B.page, 'random')).toHaveAccessibleName('random, muted');
  await expect(channelLink(phone.page, 'random')).toHaveAccessibleName('random, muted');

  await phone.context.close();
  await B.context.close();
  await A.context.close();
});
