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
      const exposure = await page.evaluate(() => ({
        hasLab: typeof (globalThis as unknown as { lab?: { listExamples?: unknown } }).lab?.listExamples === 'function',
        hasRequire: typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined',
        hasProcess: typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined',
      }));
      expect(exposure).toEqual({ hasLab: true, hasRequire: false, hasProcess: false });
      await expect(page.getByTestId('example-card').first()).toBeVisible();
      // Navigation away from the app is refused.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^file:/);
    } finally {
      await app.close();
    }
  });
});
