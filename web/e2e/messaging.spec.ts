/**
 * Messaging depth with two people: react and see it live, reply and jump to
 * the original, pin and find it in the pins popover, open a message link.
 * Everything through roles and accessible names, keyboard where it matters.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  app,
  composer,
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

function messageArticle(page: Page, text: string): Locator {
  // The message's own text is a paragraph; a reply's preview of it is not.
  return history(page).getByRole('article').filter({ has: page.locator('p', { hasText: text }) });
}

test('react, reply and jump, pin, and open a message link, live between two people', async ({ browser }) => {
  const alice = uniqueName('alice');
  const bob = uniqueName('bob');
  const serverName = uniqueName('Depth ');
  const A = await newUserPage(browser);
  const B = await newUserPage(browser);

  await signUpAtHome(A.page, alice);
  await createServer(A.page, serverName);
  const link = await createInviteLink(A.page, serverName);
  await signUpAndJoin(B.page, link, bob, serverName);

  await send(A.page, 'Vote on this plan');
  await expect(messageArticle(B.page, 'Vote on this plan')).toBeVisible();

  // React: B opens the picker from the message's actions, searches by name, picks with the keyboard.
  const bMsg = messageArticle(B.page, 'Vote on this plan');
  await bMsg.hover();
  await bMsg.getByRole('button', { name: /^Add reaction to / }).click();
  const search = B.page.getByRole('searchbox', { name: 'Search emoji by name' });
  await expect(search).toBeFocused();
  await search.fill('thumbs up');
  await search.press('ArrowDown');
  await expect(B.page.getByRole('button', { name: 'thumbs up' })).toBeFocused();
  await B.page.keyboard.press('Enter');
  await expect(bMsg.getByRole('button', { name: '👍 1 reaction, including you' })).toBeVisible();
  // A sees it live and adds theirs by clicking the chip.
  const aChip = messageArticle(A.page, 'Vote on this plan').getByRole('button', { name: '👍 1 reaction' });
  await expect(aChip).toBeVisible();
  await aChip.click();
  await expect(messageArticle(A.page, 'Vote on this plan').getByRole('button', { name: '👍 2 reactions, including you' })).toBeVisible();
  await expect(bMsg.getByRole('button', { name: '👍 2 reactions, including you' })).toBeVisible();
  // B takes theirs back.
  await bMsg.getByRole('button', { name: '👍 2 reactions, including you' }).click();
  await expect(messageArticle(A.page, 'Vote on this plan').getByRole('button', { name: '👍 1 reaction, including you' })).toBeVisible();
  await shot(A.page, 'messaging-01-reactions');

  // Reply: B replies (mention on by default); A sees the reply with the original above it, and jumps.
  for (let i = 0; i < 3; i++) await send(A.page, `filler ${i}`);
  await bMsg.hover();
  await bMsg.getByRole('button', { name: /^Reply to / }).click();
  await expect(B.page.getByRole('group', { name: `Replying to ${alice}` })).toBeVisible();
  await expect(B.page.getByRole('checkbox', { name: `Mention @${alice}` })).toBeChecked();
  await expect(composer(B.page)).toBeFocused();
  await composer(B.page).fill('Agreed, **fully**');
  await composer(B.page).press('Enter');
  await expect(B.page.getByRole('group', { name: `Replying to ${alice}` })).toBeHidden();
  const reply = messageArticle(A.page, 'Agreed, fully');
  await expect(reply.getByText('fully', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
  const jump = reply.getByRole('button', { name: new RegExp(`^Replying to ${alice}: Vote on this plan`) });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(messageArticle(A.page, 'Vote on this plan')).toBeFocused();
  await shot(A.page, 'messaging-02-reply');

  // Pin: the owner pins from the menu; B sees it pinned live and finds it in the pins popover.
  const aMsg = messageArticle(A.page, 'Vote on this plan');
  await aMsg.hover();
  await aMsg.getByRole('button', { name: /^Actions for message from / }).click();
  await A.page.getByRole('menuitem', { name: 'Pin message' }).click();
  await expect(bMsg.getByText('📌 Pinned')).toBeVisible();
  await B.page.getByRole('button', { name: 'Pinned messages in #general' }).click();
  const pins = B.page.getByRole('dialog', { name: 'Pinned messages' });
  await expect(pins.getByText('Vote on this plan')).toBeVisible();
  await expectAccessible(B.page, 'pins popover');
  await pins.getByRole('button', { name: /^Jump to pinned message/ }).click();
  await expect(bMsg).toBeFocused();

  // A message link opens the channel at the message, focused and highlighted.
  const id = await aMsg.getAttribute('data-message-id');
  const channelUrl = new URL(B.page.url());
  const channel = channelUrl.searchParams.get('channel');
  expect(id && channel).toBeTruthy();
  await B.page.goto(app(`?channel=${channel}&message=${id}`));
  await expect(messageArticle(B.page, 'Vote on this plan')).toBeFocused();
  await expectAccessible(B.page, 'channel with reactions and a reply');
  await shot(B.page, 'messaging-03-link');
});

test('spoilers and code render safely, and the composer explains formatting', async ({ browser }) => {
  const carol = uniqueName('carol');
  const C = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
  await signUpAtHome(C.page, carol);
  await createServer(C.page, uniqueName('Fmt '));
  await composer(C.page).fill('secret: ||the butler|| and `<b>no html</b>`');
  await composer(C.page).press('Enter');
  const spoiler = history(C.page).getByRole('button', { name: 'Spoiler, hidden. Activate to reveal.' });
  await expect(spoiler).toBeVisible();
  await spoiler.focus();
  await C.page.keyboard.press('Enter');
  await expect(history(C.page).getByText('the butler')).toBeVisible();
  await expect(history(C.page).locator('code', { hasText: '<b>no html</b>' })).toBeVisible();
  await expect(history(C.page).locator('b')).toHaveCount(0);
  await C.page.getByText('Formatting help').click();
  await expect(C.page.getByText('||spoiler||')).toBeVisible();
  // On a phone, the message actions are visible without hovering.
  await expect(history(C.page).getByRole('button', { name: /^Add reaction to / }).first()).toBeVisible();
  await expectAccessible(C.page, 'phone formatting');
});
