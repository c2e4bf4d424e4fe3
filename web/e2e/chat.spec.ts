/**
 * The main chat flow with two people in two browser contexts: sign up, create
 * a server, invite, join by link, typing, messages live, edit/delete, presence,
 * and a reload that keeps the session and the history in order.
 */
import { expect, test } from '@playwright/test';
import {
  app,
  channelHeading,
  composer,
  createInviteLink,
  createServer,
  history,
  joinFromPreview,
  memberRow,
  newUserPage,
  send,
  shot,
  signUp,
  signUpAndJoin,
  signUpAtHome,
  uniqueName,
} from './helpers';

test('two people chat live', async ({ browser }) => {
  const alice = uniqueName('alice');
  const bob = uniqueName('bob');
  const serverName = uniqueName('Club ');

  const A = await newUserPage(browser);
  const B = await newUserPage(browser);

  await signUpAtHome(A.page, alice);
  await shot(A.page, 'chat-01-empty');
  await createServer(A.page, serverName);
  const link = await createInviteLink(A.page, serverName);
  expect(link).toContain('/app/invite/');

  // B opens the link logged out, sees the auth screen, signs up, previews and joins.
  await signUpAndJoin(B.page, link, bob, serverName);
  await expect(memberRow(A.page, bob)).toBeVisible();
  await expect(memberRow(B.page, alice)).toHaveAccessibleName(/Online/);

  // Typing line.
  await composer(A.page).pressSequentially('Hello Bob 👋', { delay: 20 });
  await expect(B.page.getByText(`${alice} is typing…`)).toBeVisible();
  await shot(B.page, 'chat-02-typing');

  // A sends, B sees it.
  await composer(A.page).press('Enter');
  await expect(history(B.page).getByText('Hello Bob 👋')).toBeVisible();
  await expect(B.page.getByText(`${alice} is typing…`)).toBeHidden();

  // Mention with autocomplete: B types @ + part of A's name.
  await composer(B.page).pressSequentially(`hi @${alice.slice(0, 4)}`);
  await expect(B.page.getByRole('listbox', { name: 'Mention a member' })).toBeVisible();
  await B.page.getByRole('option', { name: new RegExp(alice) }).click();
  await expect(composer(B.page)).toHaveValue(`hi @${alice} `);
  await composer(B.page).press('Enter');
  await expect(history(A.page).getByText(`@${alice}`)).toBeVisible();

  // B sends, edits, then deletes their own message; A sees each step.
  await send(B.page, 'first draft');
  await expect(history(A.page).getByText('first draft', { exact: true })).toBeVisible();
  await history(B.page).getByRole('button', { name: new RegExp(`^Actions for message from ${bob}`) }).last().click();
  await B.page.getByRole('menuitem', { name: 'Edit message' }).click();
  const edit = B.page.getByRole('textbox', { name: 'Edit message' });
  await edit.fill('final words');
  await edit.press('Enter');
  await expect(history(A.page).getByText('final words', { exact: true })).toBeVisible();
  await expect(history(A.page).getByText('(edited)')).toBeVisible();
  await shot(A.page, 'chat-03-edited');

  await history(B.page).getByRole('button', { name: new RegExp(`^Actions for message from ${bob}`) }).last().click();
  await B.page.getByRole('menuitem', { name: 'Delete message' }).click();
  const confirm = B.page.getByRole('dialog', { name: 'Delete this message?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete message' }).click();
  await expect(history(A.page).getByText('final words', { exact: true })).toBeHidden();
  await expect(history(B.page).getByText('final words', { exact: true })).toBeHidden();

  // More history, then B leaves (closes the page) and A sees B go offline.
  await send(A.page, 'one');
  await send(A.page, 'two');
  await send(A.page, 'three');
  await expect(memberRow(A.page, bob)).toHaveAccessibleName(/Online/);
  await B.page.close();
  await expect(memberRow(A.page, bob)).toHaveAccessibleName(/Offline/, { timeout: 90_000 });
  await shot(A.page, 'chat-04-offline');

  // A reloads: still logged in, history in order.
  await A.page.reload();
  await expect(channelHeading(A.page, 'general')).toBeVisible();
  const texts = await history(A.page).locator('article p').allTextContents();
  const order = ['Hello Bob 👋', 'one', 'two', 'three'].map((t) => texts.indexOf(t));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((x, y) => x - y)).toEqual(order);
  await shot(A.page, 'chat-05-reloaded');

  await A.context.close();
  await B.context.close();
});

test('logging out returns to the login screen and stays logged out after reload', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('carol'));
  await page.getByRole('button', { name: 'Profile and account' }).click();
  await page.getByRole('dialog', { name: 'Profile and account' }).getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await context.close();
});

test('optimistic send survives a double Enter without duplicates', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('dave'));
  await createServer(page, uniqueName('Solo '));
  await composer(page).fill('only once');
  await composer(page).press('Enter');
  await composer(page).press('Enter');
  await expect(history(page).getByText('only once', { exact: true })).toHaveCount(1);
  await page.reload();
  await expect(history(page).getByText('only once', { exact: true })).toHaveCount(1);
  await context.close();
});

test('the /app/invite/CODE form of a link works too', async ({ browser }) => {
  const owner = await newUserPage(browser);
  const guest = await newUserPage(browser);
  const serverName = uniqueName('Path ');
  await signUpAtHome(owner.page, uniqueName('pam'));
  await createServer(owner.page, serverName);
  const link = await createInviteLink(owner.page, serverName);
  const code = new URL(link).searchParams.get('code');
  expect(code).toBeTruthy();
  await guest.page.goto(app(`invite/${code}`));
  // Logged out, the page already shows which server the invite leads to.
  await expect(guest.page.getByRole('region', { name: 'Invite preview' }).getByRole('heading', { name: serverName })).toBeVisible();
  await signUp(guest.page, uniqueName('gus'));
  await joinFromPreview(guest.page, serverName);
  await owner.context.close();
  await guest.context.close();
});

test('older history loads on scroll up without the view jumping', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('hal'));
  await createServer(page, uniqueName('History '));
  const channelId = new URL(page.url()).searchParams.get('channel');
  expect(channelId).toBeTruthy();
  // Seed 120 messages through the API with this session's token.
  await page.evaluate(async (channel) => {
    const session = JSON.parse(localStorage.getItem('chat.session') ?? '{}') as { access_token: string };
    for (let i = 1; i <= 120; i++) {
      const res = await fetch(`/channels/${channel}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.access_token}` },
        body: JSON.stringify({ content: `msg ${i}` }),
      });
      if (!res.ok) throw new Error(`seed failed: ${res.status}`);
    }
  }, channelId);
  await page.reload();
  const region = history(page);
  await expect(region.getByText('msg 120', { exact: true })).toBeVisible();
  await expect(region.getByText('msg 1', { exact: true })).toHaveCount(0);

  // Scroll to the top: the next page loads and the message that was on top stays in view.
  await region.evaluate((el) => (el.scrollTop = 0));
  await expect(region.getByText('msg 70', { exact: true })).toBeAttached();
  await expect(region.getByText('msg 71', { exact: true })).toBeInViewport();
  const top = await region.evaluate((el) => el.scrollTop);
  expect(top).toBeGreaterThan(0);

  // Keep going to the start of the channel.
  for (let i = 0; i < 5 && (await region.getByText('msg 1', { exact: true }).count()) === 0; i++) {
    await region.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(500);
  }
  await expect(region.getByText('msg 1', { exact: true })).toBeAttached();
  await expect(region.getByRole('heading', { name: 'Welcome to #general' })).toBeAttached();
  await shot(page, 'chat-06-history-start');

  // Someone else writes while A is scrolled up: a "new messages" button appears instead of a jump.
  const serverId = new URL(page.url()).searchParams.get('server');
  const code = await page.evaluate(async (server) => {
    const session = JSON.parse(localStorage.getItem('chat.session') ?? '{}') as { access_token: string };
    const res = await fetch(`/servers/${server}/invites`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.access_token}` },
      body: '{}',
    });
    return ((await res.json()) as { code: string }).code;
  }, serverId);
  const other = await newUserPage(browser);
  await other.page.goto(app(`invite/?code=${code}`));
  await signUp(other.page, uniqueName('ned'));
  await other.page.getByRole('button', { name: /^Join / }).click();
  const before = await region.evaluate((el) => el.scrollTop);
  await send(other.page, 'fresh news');
  const jump = page.getByRole('button', { name: /1 new message · Jump to latest/ });
  await expect(jump).toBeVisible();
  await expect(region.getByText('New messages', { exact: true })).toBeAttached();
  expect(Math.abs((await region.evaluate((el) => el.scrollTop)) - before)).toBeLessThan(2);
  await shot(page, 'chat-07-new-messages');
  await jump.click();
  await expect(region.getByText('fresh news', { exact: true })).toBeInViewport();
  await other.context.close();
  await context.close();
});
