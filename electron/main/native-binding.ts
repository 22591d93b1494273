/**
 * better-sqlite3 is a native module, and Electron's Node has a different ABI
 * from the system Node that runs the tests and the CLI. Rather than rebuild
 * node_modules in place (which would break `npm test` until the next
 * reinstall), `scripts/electron-native.mjs` (run by `npm start`) compiles a
 * second copy against Electron's headers into .native/electron-<version>-<platform>-<arch>/,
 * and the main process hands that file to better-sqlite3 as `nativeBinding`.
 * Node keeps loading the default build in node_modules. One install serves both.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeBindingPath(appRoot: string): string {
  const dir = `electron-${process.versions.electron ?? 'unknown'}-${process.platform}-${process.arch}`;
  return join(appRoot, '.native', dir, 'better_sqlite3.node');
}

export function findElectronNativeBinding(appRoot: string): string {
  const path = electronNativeBindingPath(appRoot);
  if (!existsSync(path)) {
    throw new Error(`The SQLite module for Electron is missing (${path}). Start the app with "npm start", which builds it, or run "node scripts/electron-native.mjs".`);
  }
  return path;
}
