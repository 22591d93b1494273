/**
 * Builds the app once before the end-to-end tests: the headless bridge serves
 * the built renderer (out/renderer), so a stale build would test old code.
 * Set QUORUM_SKIP_BUILD=1 to reuse out/ as it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from './lab-server';

export default function globalSetup(): void {
  if (process.env.QUORUM_SKIP_BUILD === '1' && existsSync(join(APP_ROOT, 'out', 'renderer', 'index.html'))) return;
  const cli = join(APP_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
    cwd: APP_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`"electron-vite build" failed (exit ${result.status}); run "npm run build" to see why.`);
}
