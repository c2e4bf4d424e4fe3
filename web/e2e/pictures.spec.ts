/**
 * Avatars and server icons: an avatar chosen in the profile dialog shows
 * as the author's picture on a message sent afterwards (for the other
 * member too), a server icon chosen in server settings shows in the rail
 * and on the invite preview, and both dialogs pass the axe scan with their
 * pickers.
 */
import { expect, test } from '@playwright/test';
import { composer, createInviteLink, createServer, expectAccessible, history, newUserPage, png, serverMenu, shot, signUpAndJoin, signUpAtHome, uniqueName } from './helpers';

test('an avatar set in settings shows on sent messages; a server icon shows in the rail and the invite preview', async ({ browser }) => {
  const alice = uniqueName('alice');
  const bob = uniqueName('bob');
  const serverName = uniqueName('Pics ');
  const A = await newUserPage(browser);
  const B = await newUserPage(browser);
  await signUpAtHome(A.page, alice);
  await createServer(A.page, serverName);
  const link = await createInviteLink(A.page, serverName);
  await signUpAndJoin(B.page, link, bob, serverName);

  // The avatar: upload in "Profile and account", preview there, then send.
  await A.page.getByRole('button', { name: 'Profile and account' }).click();
  const profile = A.page.getByRole('dialog', { name: 'Profile and account' });
  await profile.getByLabel('Avatar file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(300, 200) });
  await expect(profile.getByRole('status').filter({ hasText: 'Avatar updated.' })).toBeVisible();
  await expect(profile.locator('img[data-avatar="picture"]')).toHaveAttribute('src', /\/avatars\/[0-9a-f-]+\/[0-9a-f]{32}\.png$/);
  await expect(profile.getByRole('button', { name: 'Remove avatar' })).toBeVisible();
  await expectAccessible(A.page, 'profile dialog with an avatar');
  await shot(A.page, 'avatar-picker');
  await A.page.keyboard.press('Escape');
  await expect(profile).toBeHidden();

  await composer(A.page).fill('with my new face');
  await composer(A.page).press('Enter');
  for (const page of [A.page, B.page]) {
    const sent = history(page).getByRole('article').filter({ hasText: 'with my new face' });
    const picture = sent.locator('img[data-avatar="picture"]');
    await expect(picture).toHaveAttribute('src', /\/avatars\//);
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  }

  // The server icon: upload in "Server settings"; the rail shows it.
  await serverMenu(A.page, serverName).click();
  await A.page.getByRole('menuitem', { name: 'Server settings' }).click();
  const settings = A.page.getByRole('dialog', { name: 'Server settings' });
  await settings.getByLabel('Server icon file').setInputFiles({ name: 'icon.png', mimeType: 'image/png', buffer: png(128, 128) });
  await expect(settings.getByRole('status').filter({ hasText: 'Server icon updated.' })).toBeVisible();
  await expectAccessible(A.page, 'server settings with an icon');
  await A.page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  const railIcon = A.page.getByRole('link', { name: new RegExp(`^${serverName}`) }).locator('img[data-server-icon="picture"]');
  await expect(railIcon).toHaveAttribute('src', /\/icons\//);
  await expect.poll(() => railIcon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  await shot(A.page, 'server-icon-rail');

  // Whoever follows an invite link sees the icon before joining.
  const V = await newUserPage(browser);
  await V.page.goto(link);
  const previewIcon = V.page.getByRole('region', { name: 'Invite preview' }).locator('img[data-server-icon="picture"]');
  await expect(previewIcon).toHaveAttribute('src', /\/icons\//);
  await expect.poll(() => previewIcon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
  await expectAccessible(V.page, 'invite preview with a server icon');
  await V.context.close();

  // Removing the avatar brings the initials back in the picker.
  await A.page.getByRole('button', { name: 'Profile and account' }).click();
  await profile.getByRole('button', { name: 'Remove avatar' }).click();
  await expect(profile.getByRole('status').filter({ hasText: 'Avatar removed.' })).toBeVisible();
  await expect(profile.locator('img[data-avatar="picture"]')).toHaveCount(0);
  await A.context.close();
  await B.context.close();
});
