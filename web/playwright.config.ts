import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the real `chat-server` binary (see e2e/global-setup.ts).
 * Browsers are not downloaded: Debian's Chromium is used.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts/,
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: './test-results/artifacts',
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    // Set by the global setup once the server listens on a free port.
    baseURL: process.env.CHAT_E2E_BASE_URL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
