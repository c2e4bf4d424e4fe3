/**
 * The optional sign-up challenge, end to end: a second server started with
 * `--signup-challenge on` (a difficulty that takes the browser a moment),
 * the sign-up form solving the proof of work in a Web Worker with a visible
 * progress status, and the account created.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniqueName } from './helpers';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'out');

let server: ChildProcess | null = null;
let dataDir = '';
let origin = '';

test.beforeAll(async () => {
  const bin = process.env.CHAT_SERVER_BIN;
  if (!bin) throw new Error('CHAT_SERVER_BIN is not set');
  dataDir = mkdtempSync(join(tmpdir(), 'chat-e2e-challenge-'));
  server = spawn(
    bin,
    [
      '--storage', 'memory',
      '--listen', '127.0.0.1:0',
      '--data-dir', dataDir,
      '--web-dir', outDir,
      '--rate-limits', 'off',
      '--signup-challenge', 'on',
      '--signup-challenge-difficulty', '400000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  const stdout = server.stdout;
  if (!stdout) throw new Error('no stdout');
  const line = await new Promise<string>((res, rej) => {
    const lines = createInterface({ input: stdout });
    const timer = setTimeout(() => rej(new Error('the challenge server did not start')), 30_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      res(l);
    });
  });
  origin = `http://${(JSON.parse(line) as { listening: string }).listening}`;
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('sign-up solves the proof-of-work challenge in a worker and creates the account', async ({ page }) => {
  const challenge = await page.request.get(`${origin}/auth/signup-challenge`);
  expect(challenge.status()).toBe(200);
  expect((await challenge.json()).maxnumber).toBe(400000);

  // The same form without a solution is refused by the server itself.
  const bare = await page.request.post(`${origin}/auth/signup`, {
    data: { username: uniqueName('bot'), password: 'correct horse battery' },
  });
  expect(bare.status()).toBe(422);
  expect((await bare.json()).error.details.field).toBe('altcha');

  await page.goto(`${origin}/app/`);
  await page.getByRole('button', { name: 'Create an account' }).click();
  const name = uniqueName('human');
  await page.getByLabel('Username', { exact: true }).fill(name);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();

  // The work shows as an accessible status with a progress bar.
  const status = page.getByRole('status').filter({ hasText: 'Checking this browser' });
  await expect(status).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Sign-up check progress' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You are not in any server yet' })).toBeVisible({ timeout: 60_000 });
  await expect(status).toBeHidden();
});
