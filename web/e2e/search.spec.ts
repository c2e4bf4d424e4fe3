/**
 * Message search: Ctrl+F to the box, a word found with its match
 * highlighted, a `from:` filter completed from the member list, keyboard
 * navigation into the results and a jump to the message in context; the
 * empty state; the phone layout.
 */
import { expect, test } from '@playwright/test';
import { app, createServer, expectAccessible, history, newUserPage, send, shot, signUpAtHome, uniqueName } from './helpers';

test('find a message by a word and a filter, then jump to it', async ({ browser }) => {
  const me = uniqueName('sofia');
  const { page } = await newUserPage(browser);
  await signUpAtHome(page, me);
  await createServer(page, uniqueName('Search '));

  await send(page, 'The Café opens at nine tomorrow');
  for (let i = 0; i < 3; i++) await send(page, `filler line ${i}`);

  await history(page).click();
  await page.keyboard.press('Control+f');
  const box = page.getByRole('combobox', { name: 'Search messages' });
  await expect(box).toBeFocused();

  await box.fill('cafe from:');
  await expect(page.getByRole('option', { name: new RegExp(`@${me}`) })).toBeVisible();
  await box.press('Enter'); // picks the suggestion
  await expect(box).toHaveValue(`cafe from:${me} `);
  await box.press('Enter'); // searches

  const panel = page.getByRole('region', { name: 'Search results' });
  await expect(panel.getByRole('heading', { name: '1 result' })).toBeVisible();
  await expect(panel.getByRole('button', { name: `Remove filter from: ${me}` })).toBeVisible();
  await expect(panel.locator('mark')).toHaveText('Café');
  await expectAccessible(page, 'search results');
  await shot(page, 'search-results');

  await box.press('ArrowDown');
  const hit = panel.getByRole('button', { name: /Jump to message/ });
  await expect(hit).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  const article = history(page)
    .getByRole('article')
    .filter({ has: page.locator('p', { hasText: 'The Café opens at nine tomorrow' }) });
  await expect(article).toBeFocused();

  await box.fill('nothingmatchesthis');
  await box.press('Enter');
  await expect(panel.getByText('No messages match.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('search works on a phone', async ({ browser }) => {
  const { page } = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
  await signUpAtHome(page, uniqueName('pho'));
  await page.goto(app());
  await createServer(page, uniqueName('Phone '));
  await send(page, 'pocket sized deploy notes');
  const box = page.getByRole('combobox', { name: 'Search messages' });
  await box.fill('deplo');
  await box.press('Enter');
  const panel = page.getByRole('region', { name: 'Search results' });
  await expect(panel.getByRole('heading', { name: '1 result' })).toBeVisible();
  const width = await panel.evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBe(390);
  await shot(page, 'search-phone');
});
