/**
 * Attachments between two people: one uploads an image with the attach
 * button, the other sees its preview appear live (with its size reserved),
 * opens the full-size viewer and closes it with Escape.
 */
import { deflateSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { composer, createInviteLink, createServer, history, newUserPage, shot, signUpAndJoin, signUpAtHome, uniqueName } from './helpers';

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(kind: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A solid-colour RGB PNG of `w`×`h` pixels. */
function png(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set([240, 120, 40], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

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
