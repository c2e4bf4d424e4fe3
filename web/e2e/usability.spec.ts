/**
 * The usability pass (issue 24): each fix checked in a real browser, found by
 * role and accessible name, with a screenshot of each.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  app,
  channelHeading,
  composer,
  createInviteLink,
  createServer,
  history,
  memberAction,
  memberRow,
  newUserPage,
  profileCard,
  send,
  serverMenu,
  shot,
  signUp,
  signUpAndJoin,
  signUpAtHome,
  uniqueName,
} from './helpers';

/** An owner with a server, and a member who joined through a link. */
async function community(browser: import('@playwright/test').Browser) {
  const owner = uniqueName('ona');
  const member = uniqueName('mel');
  const serverName = uniqueName('Usable ');
  const O = await newUserPage(browser);
  const M = await newUserPage(browser);
  await signUpAtHome(O.page, owner);
  await createServer(O.page, serverName);
  const link = await createInviteLink(O.page, serverName);
  await signUpAndJoin(M.page, link, member, serverName);
  await expect(memberRow(O.page, member)).toBeVisible();
  return { O, M, owner, member, serverName, link };
}

test('a profile card opens from a member row and an author name, with bio and only allowed actions', async ({ browser }) => {
  const { O, M, owner, member } = await community(browser);
  // The member writes a bio and a custom status; the owner sees both.
  await M.page.getByRole('button', { name: 'Profile and account' }).click();
  await M.page.getByLabel(/^Bio/).fill('I collect vintage keyboards.');
  await M.page.getByRole('button', { name: 'Save profile' }).click();
  await expect(M.page.getByText('Saved.')).toBeVisible();
  await M.page.keyboard.press('Escape');
  await M.page.getByRole('button', { name: /Change status$/ }).click();
  await M.page.getByRole('menuitem', { name: 'Set a custom status…' }).click();
  await M.page.getByRole('dialog', { name: 'Custom status' }).getByLabel(/^Custom status/).fill('Fixing a keyboard 🔧');
  await M.page.getByRole('button', { name: 'Save status' }).click();
  await expect(M.page.getByRole('dialog', { name: 'Custom status' })).toBeHidden();
  await send(M.page, 'Hello from the member');

  // Owner: the member row opens a card (a dialog, never an empty menu).
  await memberRow(O.page, member).click();
  const card = profileCard(O.page, member);
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { name: member })).toBeVisible();
  await expect(card.getByText(`@${member}`)).toBeVisible();
  await expect(card.getByText('I collect vintage keyboards.')).toBeVisible();
  await expect(card.getByText('“Fixing a keyboard 🔧”')).toBeVisible();
  await expect(card.getByText('Member since')).toBeVisible();
  await expect(card.getByText('Role')).toBeVisible();
  await expect(card.getByRole('button', { name: `Manage ${member}…` })).toBeVisible();
  await expect(O.page.getByRole('menu')).toHaveCount(0);
  await shot(O.page, 'usability-03-profile-card-owner');
  await O.page.keyboard.press('Escape');
  await expect(card).toBeHidden();

  // Keyboard: Enter on an author name in the chat opens the same card.
  const author = history(O.page).getByRole('button', { name: member, exact: true });
  await author.focus();
  await O.page.keyboard.press('Enter');
  await expect(profileCard(O.page, member)).toBeVisible();
  await O.page.keyboard.press('Escape');
  await expect(author).toBeFocused();

  // A plain member sees the owner's card with no actions, and their own with none either.
  await memberRow(M.page, owner).click();
  const ownerCard = profileCard(M.page, owner);
  await expect(ownerCard.getByText('Owner')).toBeVisible();
  await expect(ownerCard.getByRole('button', { name: /^Manage/ })).toHaveCount(0);
  await shot(M.page, 'usability-03-profile-card-member');
  await M.page.keyboard.press('Escape');
  await memberRow(M.page, member).click();
  await expect(profileCard(M.page, member).getByRole('button', { name: /^Manage/ })).toHaveCount(0);
  await M.page.keyboard.press('Escape');
  await O.context.close();
  await M.context.close();
});

test('the invite page shows the server to a logged-out visitor, a bogus code plainly, and a ban before Join', async ({ browser }) => {
  const { O, M, member, serverName, link } = await community(browser);
  const V = await newUserPage(browser);
  await V.page.goto(link);
  const preview = V.page.getByRole('region', { name: 'Invite preview' });
  await expect(preview.getByRole('heading', { name: serverName })).toBeVisible();
  await expect(preview).toContainText(/\d+ online · 2 members/);
  await expect(V.page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await shot(V.page, 'usability-04-invite-logged-out');

  await V.page.goto(app('invite/?code=NoSuchCode123'));
  await expect(V.page.getByRole('heading', { name: 'This invite is invalid or has expired' })).toBeVisible();
  await expect(V.page.getByRole('button', { name: 'Log in' })).toHaveCount(0);
  await shot(V.page, 'usability-04-invite-invalid');

  // The owner bans the member for 1 day; the member's link says so, without a Join button.
  await memberAction(O.page, member, `Ban ${member}…`);
  const ban = O.page.getByRole('dialog', { name: `Ban ${member}?` });
  await expect(ban).toContainText('Choose how long');
  await ban.getByRole('radio', { name: 'Permanently' }).check();
  await expect(ban).toContainText('can never rejoin unless an admin lifts the ban');
  await expect(ban).not.toContainText('until the ban ends');
  await ban.getByRole('radio', { name: '1 day' }).check();
  await expect(ban).toContainText('cannot rejoin for 1 day');
  await ban.getByRole('button', { name: `Ban ${member}` }).click();
  await expect(O.page.getByText(`${member} was banned for 1 day.`)).toBeVisible();
  await expect(M.page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible();
  await M.page.goto(link);
  await expect(M.page.getByText(new RegExp(`You are banned from ${serverName} until .+, so you cannot join before then`))).toBeVisible();
  await expect(M.page.getByRole('button', { name: `Join ${serverName}` })).toHaveCount(0);
  await shot(M.page, 'usability-04-invite-banned');
  await V.context.close();
  await O.context.close();
  await M.context.close();
});

test('deleting the account says what goes and that the messages stay, and asks for the password', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('del'));
  await createServer(page, uniqueName('Temp '));
  await send(page, 'first');
  await send(page, 'second');
  // The owner must hand the server on first: delete it, then the account.
  await page.getByRole('button', { name: 'Profile and account' }).click();
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  const what = dialog.getByRole('list', { name: 'What will be deleted' });
  await expect(what).toContainText('your profile (display name, bio, status)');
  await expect(what).toContainText('your membership in 1 server');
  await expect(what).toContainText('your settings');
  const stays = dialog.getByRole('list', { name: 'What stays' });
  await expect(stays).toContainText('All 2 messages you wrote stay in their conversations, shown as “Deleted user”.');
  await expect(dialog).toContainText('You own');
  await shot(page, 'usability-01-delete-account');
  // No password: focus goes to the field with its error.
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(dialog.getByLabel('Your password')).toBeFocused();
  await expect(dialog.getByText('Enter your password to confirm.')).toBeVisible();
  await context.close();
});

test('a deleted member\'s messages stay as “Deleted user”, whose card only says so', async ({ browser }) => {
  const { O, M, member, serverName } = await community(browser);
  await send(M.page, 'Thanks for having me');
  await expect(history(O.page).getByText('Thanks for having me', { exact: true })).toBeVisible();
  // The owner also has a DM with the member.
  await memberRow(O.page, member).click();
  await profileCard(O.page, member).getByRole('button', { name: 'Message', exact: true }).click();
  await composer(O.page, `@${member}`).fill('Welcome aboard');
  await composer(O.page, `@${member}`).press('Enter');
  await expect(history(O.page, `@${member}`).getByText('Welcome aboard', { exact: true })).toBeVisible();
  await M.page.getByRole('button', { name: 'Profile and account' }).click();
  await M.page.getByRole('button', { name: 'Delete account…' }).click();
  const dialog = M.page.getByRole('dialog', { name: 'Delete your account?' });
  await expect(dialog.getByRole('list', { name: 'What stays' })).toContainText('The 1 message you wrote stays in its conversation, shown as “Deleted user”.');
  await dialog.getByLabel('Your password').fill('correct horse battery');
  await dialog.getByRole('button', { name: 'Delete my account' }).click();
  await expect(M.page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();

  // The owner reloads: the DM stays readable, but takes no reply.
  await O.page.reload();
  await O.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: 'Deleted user' }).click();
  await expect(history(O.page, '@Deleted user').getByText('Welcome aboard', { exact: true })).toBeVisible();
  await expect(O.page.getByText('This account was deleted: you can read this conversation, but not reply.')).toBeVisible();
  await expect(composer(O.page, '@Deleted user')).toHaveCount(0);
  // In the server the message stays, its author is "Deleted user".
  await O.page.getByRole('link', { name: new RegExp(`^${serverName}`) }).click();
  await expect(history(O.page).getByText('Thanks for having me', { exact: true })).toBeVisible();
  const author = history(O.page).getByRole('button', { name: 'Deleted user', exact: true });
  await author.click();
  const card = profileCard(O.page, 'Deleted user');
  await expect(card).toContainText('This account was deleted. Its messages stay.');
  await expect(card.getByRole('button')).toHaveCount(0);
  await shot(O.page, 'usability-01b-deleted-user');
  await O.page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await O.context.close();
  await M.context.close();
});

test('drafts stay per channel across reloads, and the app returns to the last channel', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('dra'));
  const serverName = uniqueName('Drafts ');
  await createServer(page, serverName);
  await serverMenu(page, serverName).click();
  await page.getByRole('menuitem', { name: 'Create channel' }).click();
  await page.getByRole('dialog', { name: 'Create channel' }).getByLabel('Channel name').fill('random');
  await page.getByRole('dialog', { name: 'Create channel' }).getByRole('button', { name: 'Create channel' }).click();
  await page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: /^random/ }).click();
  await expect(channelHeading(page, 'random')).toBeVisible();
  await composer(page, 'random').fill('half a thought');
  await page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: /^general/ }).click();
  await expect(composer(page, 'general')).toHaveValue('');
  await page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: /^random/ }).click();
  await expect(composer(page, 'random')).toHaveValue('half a thought');
  // Reopen the app: the last channel (random) and its draft are back.
  await page.goto(app());
  await expect(channelHeading(page, 'random')).toBeVisible();
  await expect(composer(page, 'random')).toHaveValue('half a thought');
  await expect(page).toHaveTitle(`#random · ${serverName} · Chat`);
  await shot(page, 'usability-05-draft-kept');
  await context.close();
});

test('Up edits my last message with the edit box in view; focus goes to the composer after login and to the first invalid field', async ({ browser }) => {
  const { context, page } = await newUserPage(browser, { viewport: { width: 1280, height: 500 } });
  // Empty login: focus to the first invalid field.
  await page.goto(app());
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Username', { exact: true })).toBeFocused();
  const name = uniqueName('upa');
  await signUp(page, name);
  await createServer(page, uniqueName('Edit '));
  for (let i = 1; i <= 12; i++) await send(page, `line ${i}`);
  await composer(page).press('ArrowUp');
  const box = page.getByRole('textbox', { name: 'Edit message' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('line 12');
  await expect(box).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeInViewport();
  await box.fill('line twelve');
  await box.press('Enter');
  await expect(history(page).getByText('line twelve')).toBeVisible();
  await expect(history(page).getByText('(edited)')).toBeVisible();
  await shot(page, 'usability-06-up-arrow-edit');

  // Log out and in again: the composer has focus.
  await page.getByRole('button', { name: 'Profile and account' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Username', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(composer(page)).toBeFocused();
  await context.close();
});

test('the invite dialog has a 7-day link at once; deleting a channel shows one dialog at a time', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('inv'));
  const serverName = uniqueName('Links ');
  await createServer(page, serverName);
  await serverMenu(page, serverName).click();
  await page.getByRole('menuitem', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite people to ${serverName}` });
  await expect(dialog.getByRole('textbox', { name: /New invite link/ })).toHaveValue(/\/app\/invite\//);
  await expect(dialog.getByLabel('Expires after')).toHaveValue('4');
  await expect(dialog.getByLabel('Expires after').locator('option:checked')).toHaveText('7 days');
  await expect(dialog.getByLabel('Maximum uses')).toBeVisible();
  await expect(dialog.getByText(/expires in 7 days, no use limit/)).toBeVisible();
  await shot(page, 'usability-10-invite-dialog');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Edit channel general' }).click();
  await page.getByRole('button', { name: 'Delete channel…' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(page.getByRole('dialog', { name: 'Delete #general?' })).toBeVisible();
  await shot(page, 'usability-12-one-dialog');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit #general' })).toBeVisible();
  await context.close();
});

test('status is shown by shape and text, the promoted member is told, and joins are quiet lines', async ({ browser }) => {
  const { O, M, member, serverName } = await community(browser);
  await expect(history(O.page).getByText(`${member} joined the server.`)).toBeVisible();
  // Each status has its own shape (not colour alone) and its name in text.
  await expect(memberRow(O.page, member)).toHaveAccessibleName(/Online/);
  await expect(memberRow(O.page, member).locator('svg[data-status="online"] circle')).toHaveCount(1);
  await M.page.getByRole('button', { name: /Change status$/ }).click();
  await M.page.getByRole('menuitemradio', { name: /^Away/ }).click();
  await expect(memberRow(O.page, member)).toHaveAccessibleName(/Away/);
  await expect(memberRow(O.page, member).locator('svg[data-status="away"] circle')).toHaveCount(2);
  await memberAction(O.page, member, 'Make admin');
  await expect(M.page.getByText(`You are now an admin of “${serverName}”.`)).toBeVisible();
  await shot(M.page, 'usability-13-promoted');
  await memberAction(O.page, member, 'Remove admin role');
  await expect(M.page.getByText(`You are now a member of “${serverName}”, no longer an admin.`)).toBeVisible();
  await O.context.close();
  await M.context.close();
});

test('Ctrl+K opens the quick switcher for servers, channels and people', async ({ browser }) => {
  const { O, M, member } = await community(browser);
  await O.page.keyboard.press('Control+k');
  const dialog = O.page.getByRole('dialog', { name: 'Quick switcher' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('combobox', { name: 'Where to?' });
  await expect(input).toBeFocused();
  await input.fill(member.slice(0, 5));
  await expect(dialog.getByRole('option', { name: new RegExp(member) })).toBeVisible();
  await input.fill('general');
  await expect(dialog.getByRole('option', { name: /#general/ })).toBeVisible();
  await shot(O.page, 'usability-quick-switcher');
  await input.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(channelHeading(O.page, 'general')).toBeVisible();
  await O.context.close();
  await M.context.close();
});

test('the focus ring keeps at least 3:1 around the current server icon in both themes', async ({ browser }) => {
  for (const scheme of ['light', 'dark'] as const) {
    const { context, page } = await newUserPage(browser, { colorScheme: scheme });
    await signUpAtHome(page, uniqueName('foc'));
    const serverName = uniqueName('Ring ');
    await createServer(page, serverName);
    const icon = page.getByRole('navigation', { name: 'Servers' }).getByRole('link', { name: new RegExp(`^${serverName}`) });
    await icon.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(icon).toBeFocused();
    const ratios = await focusRingRatios(page);
    expect(ratios.ringVsInner, `${scheme}: outline vs inner ring`).toBeGreaterThanOrEqual(3);
    expect(ratios.ringVsBackground, `${scheme}: outline vs rail`).toBeGreaterThanOrEqual(3);
    await shot(page, `usability-08-focus-ring-${scheme}`);
    await context.close();
  }
});

/** Contrast of the focused element's outline against its inner ring and against the background behind it. */
async function focusRingRatios(page: Page): Promise<{ ringVsInner: number; ringVsBackground: number }> {
  return page.evaluate(() => {
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (rgb: number[]) => {
      const [r, g, b] = rgb.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    const ring = parse(cs.outlineColor);
    const inner = parse(cs.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? 'rgb(255,255,255)');
    let bgEl: HTMLElement | null = el.parentElement;
    let bg = [255, 255, 255];
    while (bgEl) {
      const c = getComputedStyle(bgEl).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') {
        bg = parse(c);
        break;
      }
      bgEl = bgEl.parentElement;
    }
    return { ringVsInner: ratio(ring, inner), ringVsBackground: ratio(ring, bg) };
  });
}

test('deleting the last channel updates the title and offers Create channel right there', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('emp'));
  const serverName = uniqueName('Empty ');
  await createServer(page, serverName);
  await expect(page).toHaveTitle(`#general · ${serverName} · Chat`);
  await page.getByRole('button', { name: 'Edit channel general' }).click();
  await page.getByRole('button', { name: 'Delete channel…' }).click();
  await page.getByRole('dialog', { name: 'Delete #general?' }).getByRole('button', { name: 'Delete channel' }).click();
  await expect(page.getByText('This server has no channels yet.')).toBeVisible();
  await expect(page).toHaveTitle(`${serverName} · Chat`);
  await page.getByRole('main').getByRole('button', { name: 'Create channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create channel' });
  await dialog.getByLabel('Channel name').fill('lobby');
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  await expect(channelHeading(page, 'lobby')).toBeVisible();
  await shot(page, 'usability-polish-no-channels');
  await context.close();
});

test('no tooltip lingers on the phone after a drawer closes (390×844, touch)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signUpAtHome(page, uniqueName('tip'));
  await createServer(page, uniqueName('Tips '));
  const open = page.getByRole('button', { name: 'Open servers and channels' });
  const drawer = page.getByRole('dialog', { name: 'Servers and channels' });
  // Picking a channel closes the drawer; focus returns to its opener.
  await open.tap();
  await drawer.getByRole('link', { name: 'general' }).tap();
  await expect(drawer).toBeHidden();
  await expect(open).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // Closing it with its own button, too.
  await open.tap();
  await drawer.getByRole('button', { name: 'Close servers and channels' }).tap();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await shot(page, 'usability-15-phone-no-tooltip');
  await context.close();

  // With a mouse, hovering still names an icon.
  const desk = await newUserPage(browser);
  await signUpAtHome(desk.page, uniqueName('tid'));
  const name = uniqueName('Hover ');
  await createServer(desk.page, name);
  await desk.page.getByRole('link', { name: new RegExp(`^${name}`) }).hover();
  await expect(desk.page.getByRole('tooltip', { name })).toBeVisible();
  await desk.context.close();
});

test('channel order is changed by dragging or Move up/down and saved with the rest', async ({ browser }) => {
  const { context, page } = await newUserPage(browser);
  await signUpAtHome(page, uniqueName('ord'));
  const serverName = uniqueName('Order ');
  await createServer(page, serverName);
  for (const name of ['random', 'news']) {
    await serverMenu(page, serverName).click();
    await page.getByRole('menuitem', { name: 'Create channel' }).click();
    const create = page.getByRole('dialog', { name: 'Create channel' });
    await create.getByLabel('Channel name').fill(name);
    await create.getByRole('button', { name: 'Create channel' }).click();
    await expect(channelHeading(page, name)).toBeVisible();
  }
  const sidebar = page.getByRole('navigation', { name: 'Channels' }).getByRole('link');
  await expect(sidebar).toHaveText([/general/, /random/, /news/]);

  await page.getByRole('button', { name: 'Edit channel news' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit #news' });
  const order = dialog.getByRole('list', { name: 'Channel order' }).getByRole('listitem');
  // Pointer: drag #news onto #general, the top.
  await order.filter({ hasText: '#news' }).dragTo(order.filter({ hasText: '#general' }));
  await expect(order).toHaveText([/#news/, /#general/, /#random/]);
  await expect(dialog).toContainText('1 of 3 in the channel list');
  // Keyboard: Move down once.
  await dialog.getByRole('button', { name: 'Move down' }).focus();
  await page.keyboard.press('Enter');
  await expect(order).toHaveText([/#general/, /#news/, /#random/]);
  // Nothing is applied before Save, like the topic beside it (the sidebar
  // is behind the modal, hidden from the accessibility tree: read it by CSS).
  await dialog.getByLabel('Topic').fill('Announcements');
  await expect(page.locator('nav[aria-label="Channels"] a')).toHaveText([/general/, /random/, /news/]);
  await shot(page, 'usability-16-channel-order');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(sidebar).toHaveText([/general/, /news/, /random/]);
  // Cancel drops a new order.
  await page.getByRole('button', { name: 'Edit channel random' }).click();
  const again = page.getByRole('dialog', { name: 'Edit #random' });
  await again.getByRole('button', { name: 'Move up' }).click();
  await again.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await expect(sidebar).toHaveText([/general/, /news/, /random/]);
  await context.close();
});

