/**
 * Electron smoke tests: the real desktop window, on the built app. They need
 * an Electron binary, which `npm ci` does not download (the electron package
 * fetches it on first use). Where none is installed they skip, and say why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { APP_ORIGIN } from '../../../electron/main/app-protocol';

const root = join(import.meta.dirname, '..', '..', '..');

/** The binary's path without letting the electron package try to download it. */
function electronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const skipReason =
  'No Electron binary in node_modules/electron/dist: the electron package downloads it on first use, and this machine cannot reach the download. Run "node node_modules/electron/install.js" where the network allows, then rerun.';
if (!binary) console.log(`[electron smoke] skipped: ${skipReason}`);

test.describe('desktop app', () => {
  test.skip(!binary, skipReason);

  test.beforeAll(() => {
    // The Electron-ABI build of better-sqlite3 (see electron/main/native-binding.ts).
    execFileSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], { cwd: root, stdio: 'inherit' });
  });

  test('opens a locked-down window that shows the examples', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [root],
      env: { ...process.env, QUORUM_DB: join(mkdtempSync(join(tmpdir(), 'quorum-electron-')), 'lab.sqlite') },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle(/Quorum/);
      // Served from the app's own scheme (electron/main/app-protocol.ts), never file://.
      const onAppScheme = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);
      expect(onAppScheme(page.url()), page.url()).toBe(true);
      // The protocol handler attaches the CSP header to what it serves.
      const csp = await page.evaluate(async () => (await fetch('index.html', { method: 'HEAD' })).headers.get('content-security-policy'));
      expect(csp).toContain("frame-ancestors 'none'");
      const exposure = await page.evaluate(() => ({
        hasLab: typeof (globalThis as unknown as { lab?: { listExamples?: unknown } }).lab?.listExamples === 'function',
        hasRequire: typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined',
        hasProcess: typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined',
      }));
      expect(exposure).toEqual({ hasLab: true, hasRequire: false, hasProcess: false });
      await expect(page.getByTestId('example-card').first()).toBeVisible();
      // New windows are refused (setWindowOpenHandler denies, so open() returns null).
      const opened = await page.evaluate(() => (globalThis as unknown as { open: (url: string) => unknown }).open('https://example.com/') !== null);
      expect(opened).toBe(false);
      expect(app.windows()).toHaveLength(1);
      // Navigation away from the app is refused.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(onAppScheme(page.url()), page.url()).toBe(true);
    } finally {
      await app.close();
    }
  });
});
