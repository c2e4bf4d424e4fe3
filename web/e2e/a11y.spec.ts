/**
 * axe scans (WCAG 2.x A/AA) of every screen and every dialog, in light and
 * dark themes: no serious or critical violations allowed. Screenshots of each.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  app,
  createInviteLink,
  createServer,
  expectAccessible,
  history,
  memberAction,
  memberRow,
  profileCard,
  newUserPage,
  send,
  serverMenu,
  shot,
  signUp,
  signUpAndJoin,
  signUpAtHome,
  uniqueName,
} from './helpers';

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen and dialog is accessible (${scheme})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const { context, page } = await newUserPage(browser, { colorScheme: scheme });
    const guest = await newUserPage(browser, { colorScheme: scheme });
    const owner = uniqueName('ally');
    const other = uniqueName('bo');
    const serverName = uniqueName('Access ');

    const check = async (p: Page, name: string) => {
      await p.waitForTimeout(150); // let dialog animations settle
      await expectAccessible(p, `${name} (${scheme})`);
      await shot(p, `a11y-${scheme}-${name}`);
    };
    /** Escape until no dialog is left (nested confirmations close one at a time). */
    const closeDialog = async (p: Page) => {
      for (let i = 0; i < 3 && (await p.getByRole('dialog').count()) > 0; i++) {
        await p.keyboard.press('Escape');
        await p.waitForTimeout(100);
      }
      await expect(p.getByRole('dialog')).toHaveCount(0);
    };

    // Auth screens.
    await page.goto(app());
    await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
    await check(page, 'login');
    await page.getByRole('button', { name: 'Log in' }).click(); // empty submit shows inline errors
    await check(page, 'login-errors');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await check(page, 'signup');

    await page.getByLabel('Username', { exact: true }).fill(owner);
    await page.getByLabel(/^Display name/).fill(owner);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();
    await check(page, 'no-servers');

    await page.getByRole('button', { name: 'Join a server' }).first().click();
    await check(page, 'dialog-join');
    await closeDialog(page);
    await page.getByRole('button', { name: 'Create a server' }).first().click();
    await check(page, 'dialog-create-server');
    await closeDialog(page);

    await createServer(page, serverName);
    await check(page, 'channel-empty');
    const link = await createInviteLink(page, serverName);

    // Invite page for a logged-out visitor, then the preview.
    await guest.page.goto(link);
    await check(guest.page, 'invite-logged-out');
    await signUp(guest.page, other);
    await expect(guest.page.getByRole('button', { name: `Join ${serverName}` })).toBeVisible();
    await check(guest.page, 'invite-preview');
    await guest.page.getByRole('button', { name: `Join ${serverName}` }).click();

    await send(page, `Welcome @${other} — see https://example.com 🎉`);
    await send(guest.page, 'Thanks! '.repeat(40));
    await expect(history(page).getByText('Thanks!', { exact: false })).toBeVisible();
    await check(page, 'channel-messages');
    await check(guest.page, 'channel-messages-mentioned');

    // Server menu dialogs.
    const dialogs: Array<[string, string]> = [
      ['Invite people', 'dialog-invites'],
      ['Server settings', 'dialog-server-settings'],
      ['Create channel', 'dialog-create-channel'],
      ['Bans', 'dialog-bans'],
      ['Leave server', 'dialog-leave-owner'],
    ];
    for (const [item, name] of dialogs) {
      await serverMenu(page, serverName).click();
      if (item === 'Invite people') await check(page, 'menu-server');
      await page.getByRole('menuitem', { name: item }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      if (item === 'Invite people') await expect(page.getByRole('textbox', { name: /New invite link/ })).toHaveValue(/invite/);
      await check(page, name);
      await closeDialog(page);
    }

    await serverMenu(page, serverName).click();
    await page.getByRole('menuitem', { name: 'Server settings' }).click();
    await page.getByRole('button', { name: 'Delete server…' }).click();
    await check(page, 'dialog-delete-server');
    await closeDialog(page);

    await page.getByRole('button', { name: 'Edit channel general' }).click();
    await check(page, 'dialog-edit-channel');
    await closeDialog(page);

    // Profile card, its Manage menu and the dialogs it opens.
    await memberRow(page, other).click();
    await expect(profileCard(page, other)).toBeVisible();
    await check(page, 'profile-card');
    await profileCard(page, other).getByRole('button', { name: `Manage ${other}…` }).click();
    await check(page, 'menu-member');
    await closeDialog(page);
    for (const [item, name] of [
      [`Kick ${other}…`, 'dialog-kick'],
      [`Ban ${other}…`, 'dialog-ban'],
      ['Transfer ownership…', 'dialog-transfer'],
    ] as const) {
      await memberAction(page, other, item);
      await expect(page.getByRole('dialog', { name: /\?$/ })).toBeVisible();
      await check(page, name);
      await closeDialog(page);
    }

    // Message actions and the delete confirmation.
    await history(page).getByRole('button', { name: /^Actions for message from/ }).first().click();
    await page.getByRole('menuitem', { name: 'Delete message' }).click();
    await check(page, 'dialog-delete-message');
    await closeDialog(page);

    // Own corner: status menu, profile dialog, delete-account confirmation.
    await page.getByRole('button', { name: /Change status$/ }).click();
    await check(page, 'menu-status');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Profile and account' }).click();
    await check(page, 'dialog-profile');
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await check(page, 'dialog-delete-account');
    await closeDialog(page);

    // Member leaving confirmation (as a member).
    await serverMenu(guest.page, serverName).click();
    await guest.page.getByRole('menuitem', { name: 'Leave server' }).click();
    await check(guest.page, 'dialog-leave-member');
    await closeDialog(guest.page);

    // Not found page.
    await page.goto(app('no/such/page/'));
    await check(page, 'not-found');

    await context.close();
    await guest.context.close();
  });
}

test('a phone-sized layout uses drawers (390×844)', async ({ browser }) => {
  const owner = uniqueName('pia');
  const serverName = uniqueName('Phone ');
  const { context, page } = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
  await signUpAtHome(page, owner);
  await check390(page, 'phone-no-servers');
  await createServer(page, serverName);
  // Side panes are hidden; the header buttons open them as drawers.
  await expect(page.getByRole('navigation', { name: 'Channels' })).toBeHidden();
  await page.getByRole('button', { name: 'Open servers and channels' }).click();
  const drawer = page.getByRole('dialog', { name: 'Servers and channels' });
  await expect(drawer.getByRole('navigation', { name: 'Channels' })).toBeVisible();
  await check390(page, 'phone-drawer-channels');
  await drawer.getByRole('link', { name: 'general' }).click();
  await expect(drawer).toBeHidden();

  await send(page, 'Sent from a phone, with a long link https://example.com/a/very/long/path/that/should/wrap/nicely/on/small/screens');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  await check390(page, 'phone-channel');

  await page.getByRole('button', { name: 'Show members' }).click();
  const members = page.getByRole('dialog', { name: 'Members' });
  await expect(members.getByRole('button', { name: new RegExp(`^${owner}`) })).toBeVisible();
  await check390(page, 'phone-drawer-members');
  await page.keyboard.press('Escape');
  await expect(members).toBeHidden();
  await expect(page.getByRole('button', { name: 'Show members' })).toBeFocused();

  // Invite flow on the phone.
  const guest = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
  await page.getByRole('button', { name: 'Open servers and channels' }).click();
  const link = await createInviteLink(page, serverName);
  await signUpAndJoin(guest.page, link, uniqueName('pat'), serverName);
  await expect(history(guest.page).getByText('Sent from a phone', { exact: false })).toBeVisible();
  await check390(guest.page, 'phone-guest');
  await guest.context.close();
  await context.close();
});

async function check390(page: Page, name: string) {
  await page.waitForTimeout(150);
  await expectAccessible(page, name);
  await shot(page, name);
}

// ---- the matrix: screen × role (owner, admin, plain member) × theme × viewport ----

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

for (const scheme of ['light', 'dark'] as const) {
  for (const [vpName, viewport] of Object.entries(VIEWPORTS) as Array<[keyof typeof VIEWPORTS, { width: number; height: number }]>) {
    test(`matrix: every screen, menu, popover and dialog as owner, admin and member (${scheme}, ${vpName})`, async ({ browser }) => {
      test.setTimeout(360_000); // three people, eleven screens each: long, not slow
      const phone = vpName === 'phone';
      const serverName = uniqueName('Matrix ');
      const names = { owner: uniqueName('own'), admin: uniqueName('adm'), member: uniqueName('mem') };
      const O = await newUserPage(browser, { colorScheme: scheme, viewport });
      const A = await newUserPage(browser, { colorScheme: scheme, viewport });
      const M = await newUserPage(browser, { colorScheme: scheme, viewport });
      const label = (role: string, screen: string) => `matrix-${scheme}-${vpName}-${role}-${screen}`;
      const check = async (p: Page, role: string, screen: string) => {
        await p.waitForTimeout(150);
        await expectAccessible(p, label(role, screen));
        await shot(p, label(role, screen));
      };
      const escapeAll = async (p: Page) => {
        for (let i = 0; i < 4 && (await p.getByRole('dialog').count()) + (await p.getByRole('menu').count()) > 0; i++) {
          await p.keyboard.press('Escape');
          await p.waitForTimeout(100);
        }
      };

      // Logged out: the invite page, and an invalid invite.
      await signUpAtHome(O.page, names.owner);
      await createServer(O.page, serverName);
      if (phone) await O.page.getByRole('button', { name: 'Open servers and channels' }).click();
      const link = await createInviteLink(O.page, serverName);
      await escapeAll(O.page);
      await A.page.goto(link);
      await expect(A.page.getByRole('region', { name: 'Invite preview' })).toBeVisible();
      await check(A.page, 'anonymous', 'invite');
      await M.page.goto(app('invite/?code=NoSuchCode123'));
      await expect(M.page.getByRole('heading', { name: 'This invite is invalid or has expired' })).toBeVisible();
      await check(M.page, 'anonymous', 'invite-invalid');
      await signUpAndJoin(A.page, link, names.admin, serverName);
      await signUpAndJoin(M.page, link, names.member, serverName);
      await send(M.page, `Hi @${names.owner} 👋`);

      // The owner makes A an admin.
      const openMembers = async (p: Page) => {
        if (phone) await p.getByRole('button', { name: 'Show members' }).click();
        return phone ? p.getByRole('dialog', { name: 'Members' }) : p.getByRole('complementary', { name: 'Members' });
      };
      let members = await openMembers(O.page);
      await members.getByRole('button', { name: new RegExp(`^${names.admin}\\b`) }).click();
      await profileCard(O.page, names.admin).getByRole('button', { name: `Manage ${names.admin}…` }).click();
      await O.page.getByRole('menuitem', { name: 'Make admin' }).click();
      await escapeAll(O.page);

      for (const [role, P] of [
        ['owner', O],
        ['admin', A],
        ['member', M],
      ] as const) {
        const p = P.page;
        const me = names[role];
        const other = role === 'member' ? names.owner : names.member;
        await expect(history(p).getByText(`Hi @${names.owner}`)).toBeVisible();
        await check(p, role, 'channel');

        // Member list (a drawer on the phone), my own card and someone else's.
        members = await openMembers(p);
        if (phone) await check(p, role, 'members-drawer');
        await members.getByRole('button', { name: new RegExp(`^${me}\\b`) }).click();
        await expect(profileCard(p, me)).toBeVisible();
        await expect(profileCard(p, me).getByRole('button', { name: /^Manage/ })).toHaveCount(0);
        await check(p, role, 'own-profile-card');
        await p.keyboard.press('Escape');
        await expect(profileCard(p, me)).toBeHidden();
        await members.getByRole('button', { name: new RegExp(`^${other}\\b`) }).click();
        await expect(profileCard(p, other)).toBeVisible();
        await check(p, role, 'profile-card');
        const manage = profileCard(p, other).getByRole('button', { name: `Manage ${other}…` });
        if (role === 'member') {
          await expect(manage).toHaveCount(0);
        } else {
          await manage.click();
          await expect(p.getByRole('menu')).toBeVisible();
          await check(p, role, 'member-menu');
        }
        await escapeAll(p);

        // The author name in the chat opens the card too.
        const author = history(p).getByRole('button', { name: names.member, exact: true });
        await author.click();
        await expect(profileCard(p, names.member)).toBeVisible();
        await check(p, role, 'author-card');
        await escapeAll(p);

        // Server menu (in the drawer on the phone) and what it offers this role.
        if (phone) await p.getByRole('button', { name: 'Open servers and channels' }).click();
        await serverMenu(p, serverName).click();
        await expect(p.getByRole('menu')).toBeVisible();
        await check(p, role, 'server-menu');
        await p.keyboard.press('Escape');
        // Status menu with its legend, and the custom status dialog.
        await p.getByRole('button', { name: /Change status$/ }).click();
        await check(p, role, 'status-menu');
        await p.getByRole('menuitem', { name: /custom status…$/ }).click();
        await expect(p.getByRole('dialog', { name: 'Custom status' })).toBeVisible();
        await check(p, role, 'custom-status-dialog');
        await escapeAll(p);

        // Quick switcher and the account deletion dialog.
        await p.keyboard.press('Control+k');
        await expect(p.getByRole('dialog', { name: 'Quick switcher' })).toBeVisible();
        await check(p, role, 'quick-switcher');
        await escapeAll(p);
        if (phone) await p.getByRole('button', { name: 'Open servers and channels' }).click();
        await p.getByRole('button', { name: 'Profile and account' }).click();
        await p.getByRole('button', { name: 'Delete account…' }).click();
        await expect(p.getByRole('dialog', { name: 'Delete your account?' })).toBeVisible();
        await check(p, role, 'delete-account');
        await escapeAll(p);
      }

      // A banned member's invite page.
      members = await openMembers(O.page);
      await members.getByRole('button', { name: new RegExp(`^${names.member}\\b`) }).click();
      await profileCard(O.page, names.member).getByRole('button', { name: `Manage ${names.member}…` }).click();
      await O.page.getByRole('menuitem', { name: `Ban ${names.member}…` }).click();
      const ban = O.page.getByRole('dialog', { name: `Ban ${names.member}?` });
      await ban.getByRole('radio', { name: 'Permanently' }).check();
      await check(O.page, 'owner', 'ban-dialog');
      await ban.getByRole('button', { name: `Ban ${names.member}` }).click();
      await expect(ban).toBeHidden();
      await M.page.goto(link);
      await expect(M.page.getByText(/You are banned from .* permanently/)).toBeVisible();
      await check(M.page, 'member', 'invite-banned');

      for (const P of [O, A, M]) await P.context.close();
    });
  }
}
