/**
 * Unread indicators: a message in a channel someone is not viewing marks that
 * channel and its server unread (bold + pill, mention badge, accessible names,
 * title count), survives a reload, and opening the channel reads it.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  channelHeading,
  createInviteLink,
  createServer,
  expectAccessible,
  history,
  newUserPage,
  send,
  shot,
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

for (const scheme of ['light', 'dark'] as const) {
  test(`a channel with new messages is marked unread until opened (${scheme})`, async ({ browser }) => {
    const ann = uniqueName('ann');
    const ben = uniqueName('ben');
    const serverName = uniqueName('Unread ');
    const A = await newUserPage(browser, { colorScheme: scheme });
    const B = await newUserPage(browser, { colorScheme: scheme });

    await signUpAtHome(A.page, ann);
    await createServer(A.page, serverName);
    const link = await createInviteLink(A.page, serverName);
    await signUpAndJoin(B.page, link, ben, serverName);

    // A moves to a second channel; B writes in #general.
    await A.page.getByRole('navigation', { name: 'Channels' }).getByRole('button', { name: 'Create channel' }).click();
    const create = A.page.getByRole('dialog', { name: 'Create channel' });
    await create.getByLabel('Channel name').fill('random');
    await create.getByRole('button', { name: 'Create channel' }).click();
    await expect(channelHeading(A.page, 'random')).toBeVisible();
    await expect(channelLink(A.page, 'general')).toHaveAccessibleName('general');

    await send(B.page, `hi @${ann}, are you there?`);
    await expect(channelLink(A.page, 'general')).toHaveAccessibleName('general, 1 unread message, 1 mention');
    await expect(serverLink(A.page, serverName)).toHaveAccessibleName(`${serverName}, unread messages, 1 mention`);
    await expect(A.page).toHaveTitle(/^\(1\) #random/);
    // The writer's own view stays read.
    await expect(channelLink(B.page, 'general')).toHaveAccessibleName('general');

    // The state survives a reload, and later messages add to it.
    await A.page.reload();
    await expect(channelHeading(A.page, 'random')).toBeVisible();
    await expect(channelLink(A.page, 'general')).toHaveAccessibleName('general, 1 unread message, 1 mention');
    await send(B.page, 'second message');
    await expect(channelLink(A.page, 'general')).toHaveAccessibleName('general, 2 unread messages, 1 mention');
    await A.page.waitForTimeout(150);
    await expectAccessible(A.page, `unread marks (${scheme})`);
    await shot(A.page, `unread-${scheme}`);

    // Opening the channel reads it.
    await channelLink(A.page, 'general').click();
    await expect(channelHeading(A.page, 'general')).toBeVisible();
    await expect(history(A.page).getByText('second message')).toBeVisible();
    await expect(channelLink(A.page, 'general')).toHaveAccessibleName('general');
    await expect(serverLink(A.page, serverName)).toHaveAccessibleName(serverName);
    await expect(A.page).toHaveTitle(/^#general/);

    // Messages in the channel on screen are read at once.
    await send(B.page, 'third message');
    await expect(history(A.page).getByText('third message')).toBeVisible();
    await expect(channelLink(A.page, 'general')).toHaveAccessibleName('general');

    await A.context.close();
    await B.context.close();
  });
}
