/**
 * Attachments between two people: one uploads an image with the attach
 * button, the other sees its preview appear live (with its size reserved),
 * opens the full-size viewer and closes it with Escape.
 */
import { expect, test } from '@playwright/test';
import { composer, createInviteLink, createServer, history, newUserPage, png, shot, signUpAndJoin, signUpAtHome, uniqueName } from './helpers';

test('an uploaded image appears live for the other member, who opens it full size', async ({ browser }) => {
  const alice = uniqueName('alice');
  const bob = uniqueName('bob');
  const serverName = uniqueName('Files ');
  const A = await newUserPage(browser);
  const B = await newUserPage(browser);

  await signUpAtHome(A.page, alice);
  await createServer(A.page, serverName);
  const link = await createInviteLink(A.page, serverName);
  await signUpAndJoin(B.page, link, bob, serverName);

  await A.page.getByTestId('attach-input').setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: png(240, 160) });
  const item = A.page.getByTestId('upload-item');
  await expect(item).toContainText('ready');
  await composer(A.page).fill('look at this');
  await composer(A.page).press('Enter');
  await expect(item).toHaveCount(0);

  const open = history(B.page).getByRole('button', { name: 'Open image sunset.png' });
  await expect(open).toBeVisible();
  const preview = open.getByRole('img', { name: 'sunset.png' });
  await expect(preview).toHaveAttribute('width', '240');
  await expect(preview).toHaveAttribute('height', '160');
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
  await shot(B.page, 'attachments-preview');

  await open.click();
  const viewer = B.page.getByTestId('image-viewer');
  await expect(viewer).toBeVisible();
  const full = viewer.getByRole('img', { name: 'sunset.png' });
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
  await B.page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  await A.context.close();
  await B.context.close();
});
