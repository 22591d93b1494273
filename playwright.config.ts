import { defineConfig } from '@playwright/test';

/** The system Chromium; these machines can't download Playwright's own browsers. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Builds out/ once before any project runs (both need it: the bridge serves
  // out/renderer, Electron loads out/main and out/preload).
  globalSetup: './tests/e2e/browser/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two cores: one worker leaves room for the lab and the browser.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: 'tests/e2e/browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/e2e/electron',
    },
  ],
});
