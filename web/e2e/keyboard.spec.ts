/** The main chat flow with the keyboard only: no clicks at all. */
import { expect, test, type Page } from '@playwright/test';
import { app, channelHeading, composer, history, shot, uniqueName } from './helpers';

/** Presses Tab until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, matches: (el: { role: string | null; name: string; tag: string }) => boolean, max = 60, back = false) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return { role: null, name: '', tag: '' };
      const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
      return { role: el.getAttribute('role'), name: name.trim(), tag: el.tagName.toLowerCase() };
    });
    if (matches(info)) return;
  }
  throw new Error('focus never reached the expected element');
}

test('sign up, create a server, chat and edit with the keyboard only', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const me = uniqueName('kay');
  const serverName = uniqueName('Keys ');

  await page.goto(app());
  await tabTo(page, (e) => e.name === 'Create an account');
  await page.keyboard.press('Enter');
  await tabTo(page, (e) => e.tag === 'input' && e.name.startsWith('Username'), 60, true);
  await page.keyboard.type(me);
  await page.keyboard.press('Tab');
  await page.keyboard.type(me); // display name
  await page.keyboard.press('Tab');
  await page.keyboard.type('correct horse battery');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();

  await tabTo(page, (e) => e.name === 'Create a server');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Create a server' })).toBeVisible();
  await expect(page.getByLabel('Server name')).toBeFocused();
  await page.keyboard.type(serverName);
  await page.keyboard.press('Enter');
  await expect(channelHeading(page, 'general')).toBeVisible();

  // The skip link leads to the message box.
  await tabTo(page, (e) => e.name === 'Skip to message box', 30, true);
  await expect(page.getByRole('link', { name: 'Skip to message box' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(composer(page)).toBeFocused();
  await page.keyboard.type('typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(history(page).getByText('typed without a mouse')).toBeVisible();

  // Edit it through the message's action menu.
  await tabTo(page, (e) => e.name.startsWith('Actions for message from'), 30, true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Edit message' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Edit message' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('edited by keyboard');
  await page.keyboard.press('Enter');
  await expect(history(page).getByText('edited by keyboard')).toBeVisible();

  // A dialog opened from a menu closes with Escape and gives focus back.
  const menu = page.getByRole('button', { name: `${serverName}, server menu` }).first();
  await menu.focus();
  await page.keyboard.press('Enter'); // opens the menu on its first item
  await expect(page.getByRole('menuitem', { name: 'Invite people' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: `Invite people to ${serverName}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(menu).toBeFocused();

  // Focus is visible.
  const outline = await menu.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await shot(page, 'keyboard-01-focus');
  await context.close();
});
