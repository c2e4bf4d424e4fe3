/**
 * Account security in the browser: turn on two-factor sign-in from the
 * Security section, log out, log in with a TOTP code computed here (RFC 6238
 * with node's HMAC-SHA1), then with a recovery code, which then fails a second
 * time. Also: sessions list, password change, axe on every new screen, and
 * the phone layout.
 */
import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { app, createServer, expectAccessible, newUserPage, shot, signUpAtHome, uniqueName } from './helpers';

const PASSWORD = 'correct horse battery';

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** RFC 6238: HOTP (RFC 4226) of the 30-second step, `steps` away from now. */
function totp(secret: string, steps = 0): string {
  const counter = Math.floor(Date.now() / 1000 / 30) + steps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

async function openAccount(page: Page) {
  await page.getByRole('button', { name: 'Profile and account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Profile and account' });
  await expect(dialog.getByRole('heading', { name: 'Security' })).toBeVisible();
  return dialog;
}

async function logOut(page: Page) {
  const dialog = await openAccount(page);
  await dialog.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
}

async function passwordStep(page: Page, username: string) {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in' })).toBeVisible();
}

test('two-factor sign-in: enable, then log in with a TOTP code and with a recovery code once', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  const username = uniqueName('sec');
  await signUpAtHome(page, username);

  // Set up: password, then the QR code and the key, then a code.
  let dialog = await openAccount(page);
  await dialog.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await dialog.getByLabel('Your password').fill('not my password');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByText('this is not your current password')).toBeVisible();
  await dialog.getByLabel('Your password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByRole('img', { name: 'QR code to add Chat to your authenticator app' })).toBeVisible();
  const secret = (await dialog.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page, 'two-factor setup');
  await shot(page, 'security-setup');
  await dialog.getByLabel('Code from the app').fill(totp(secret, 5));
  await dialog.getByRole('button', { name: 'Turn on' }).click();
  await expect(dialog.getByText('That code is not right', { exact: false })).toBeVisible();
  await dialog.getByLabel('Code from the app').fill(totp(secret));
  await dialog.getByRole('button', { name: 'Turn on' }).click();

  // Recovery codes, once, with a warning.
  await expect(dialog.getByRole('alert')).toContainText('shown only this once');
  const codes = await dialog.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').allInnerTexts();
  expect(codes).toHaveLength(10);
  const [first = '', second = ''] = codes;
  await expectAccessible(page, 'recovery codes');
  await shot(page, 'security-recovery-codes');
  await dialog.getByRole('button', { name: 'I have saved them' }).click();
  await expect(dialog.getByText('10 recovery codes left.', { exact: false })).toBeVisible();
  await page.keyboard.press('Escape');

  // Log out; log in with a TOTP code (the next step's: the current one was spent enabling).
  await logOut(page);
  await passwordStep(page, username);
  await expectAccessible(page, 'login second step');
  await shot(page, 'security-login-code');
  const code = page.getByLabel('Authentication code');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await code.fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('That code is not right', { exact: false })).toBeVisible();
  const next = totp(secret, 1);
  await code.fill(`${next.slice(0, 3)} ${next.slice(3)}`); // pasted with a space
  await expect(code).toHaveValue(next);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();

  // Log out; log in with a recovery code.
  await logOut(page);
  await passwordStep(page, username);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(first);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();

  // The same recovery code fails a second time.
  await logOut(page);
  await passwordStep(page, username);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(first);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('That recovery code is not valid or was already used.')).toBeVisible();
  await page.getByLabel('Recovery code').fill(second);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();

  dialog = await openAccount(page);
  await expect(dialog.getByText('8 recovery codes left.', { exact: false })).toBeVisible();
  await context.close();
});

test('sessions list and password change, keyboard and phone friendly', async ({ browser }) => {
  const username = uniqueName('ses');
  const laptop = await newUserPage(browser);
  await signUpAtHome(laptop.page, username);
  const phone = await newUserPage(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await phone.page.goto(app());
  await phone.page.getByLabel('Username', { exact: true }).fill(username);
  await phone.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await phone.page.getByRole('button', { name: 'Log in' }).click();
  await expect(phone.page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();

  // The phone sees both sessions, its own marked "This device" (the account
  // button lives in the servers-and-channels drawer on a phone).
  await createServer(phone.page, uniqueName('Pocket '));
  await phone.page.getByRole('button', { name: 'Open servers and channels' }).click();
  await phone.page.getByRole('dialog', { name: 'Servers and channels' }).getByRole('button', { name: 'Profile and account' }).click();
  const pd = phone.page.getByRole('dialog', { name: 'Profile and account' });
  const list = pd.getByRole('list', { name: 'Sessions' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByText('This device')).toHaveCount(1);
  await expectAccessible(phone.page, 'security on a phone');
  await pd.getByRole('heading', { name: 'Where you are signed in' }).scrollIntoViewIfNeeded();
  await shot(phone.page, 'security-phone-sessions');

  // Keyboard only: focus "Sign out" of the other session and press Enter.
  const signOut = list.getByRole('button', { name: /^Sign out / });
  await signOut.focus();
  await phone.page.keyboard.press('Enter');
  await expect(pd.getByRole('status').filter({ hasText: 'Signed out' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  // The laptop's session is over at once.
  await expect(laptop.page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();

  // Password change: a wrong current password is shown at its field.
  await pd.getByLabel('Current password').fill('wrong password');
  await pd.getByLabel('New password', { exact: true }).fill('a brand new password');
  await pd.getByLabel('New password again').fill('a brand new password');
  await pd.getByRole('button', { name: 'Change password' }).click();
  await expect(pd.getByText('this is not your current password')).toBeVisible();
  await pd.getByLabel('Current password').fill(PASSWORD);
  await pd.getByRole('button', { name: 'Change password' }).click();
  await expect(pd.getByText('Password changed. Your other sessions were signed out.')).toBeVisible();
  await laptop.context.close();
  await phone.context.close();
});
