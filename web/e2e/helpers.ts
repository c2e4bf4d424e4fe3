/** Shared steps for the e2e specs. Everything is found by role and accessible name. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const shotsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');

export function baseUrl(): string {
  const u = process.env.CHAT_E2E_BASE_URL;
  if (!u) throw new Error('CHAT_E2E_BASE_URL missing: the global setup did not run');
  return u;
}

/** `/app/` + path, e.g. app('invite/?code=x'). */
export function app(path = ''): string {
  return baseUrl() + path.replace(/^\//, '');
}

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: false });
}

export async function newUserPage(browser: Browser, opts: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {}) {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    colorScheme: opts.colorScheme ?? 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  return { context, page };
}

/** Signs up through the UI (on whatever page shows the auth form). Display name = username. */
export async function signUp(page: Page, username: string, password = 'correct horse battery'): Promise<void> {
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel(/^Display name/).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

export async function signUpAtHome(page: Page, username: string): Promise<void> {
  await page.goto(app());
  await signUp(page, username);
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();
}

export async function createServer(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Create a server' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a server' });
  await dialog.getByLabel('Server name').fill(name);
  await dialog.getByRole('button', { name: 'Create server' }).click();
  await expect(dialog).toBeHidden();
  await expect(channelHeading(page, 'general')).toBeVisible();
}

export function channelHeading(page: Page, name: string): Locator {
  return page.getByRole('heading', { name, level: 1, exact: true });
}

export function serverMenu(page: Page, serverName: string): Locator {
  return page.getByRole('button', { name: `${serverName}, server menu` }).first();
}

/** Opens "Invite people" (which creates a link at once) and returns the link. */
export async function createInviteLink(page: Page, serverName: string): Promise<string> {
  await serverMenu(page, serverName).click();
  await page.getByRole('menuitem', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite people to ${serverName}` });
  // The dialog produces a link at once (7 days, no use limit).
  const input = dialog.getByRole('textbox', { name: 'New invite link' });
  await expect(input).toHaveValue(/\/app\/invite\//);
  const link = await input.inputValue();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return link;
}

/** Opens an invite link while logged out, signs up there and joins. */
export async function signUpAndJoin(page: Page, link: string, username: string, serverName: string): Promise<void> {
  await page.goto(link);
  await signUp(page, username);
  await joinFromPreview(page, serverName);
}

export async function joinFromPreview(page: Page, serverName: string): Promise<void> {
  await page.getByRole('button', { name: `Join ${serverName}` }).click();
  await expect(channelHeading(page, 'general')).toBeVisible();
}

/** How the pane names a place: a channel's name gets "#"; "@name" (a DM) is kept. */
function placeName(channel: string): string {
  return channel.startsWith('@') ? channel : `#${channel}`;
}

export function composer(page: Page, channel = 'general'): Locator {
  return page.getByRole('textbox', { name: `Message ${placeName(channel)}` });
}

export function history(page: Page, channel = 'general'): Locator {
  return page.getByRole('region', { name: `Messages in ${placeName(channel)}` });
}

export async function send(page: Page, text: string, channel = 'general'): Promise<void> {
  await composer(page, channel).fill(text);
  await composer(page, channel).press('Enter');
  await expect(history(page, channel).getByText(text, { exact: true })).toBeVisible();
}

/** The member row button in the member list (desktop: the visible aside). */
export function memberRow(page: Page, name: string): Locator {
  return page.getByRole('complementary', { name: 'Members' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

/** The profile card a member row, author name or avatar opens. */
export function profileCard(page: Page, name: string): Locator {
  return page.getByRole('dialog', { name: `Profile of ${name}` });
}

/** Opens the member's profile card, then its "Manage" menu, then the item. */
export async function memberAction(page: Page, name: string, item: string | RegExp): Promise<void> {
  // The card stays open after an action; clicking the row again would close it.
  if (!(await profileCard(page, name).isVisible())) await memberRow(page, name).click();
  await profileCard(page, name).getByRole('button', { name: `Manage ${name}…` }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Runs axe with the WCAG 2.x A/AA rules and fails on serious or critical violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

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
export function png(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + w * 3);
  for (let x = 0; x < w; x++) row.set([240, 120, 40], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
