/**
 * Where the desktop app keeps its database. Computed here, without Electron,
 * the same way Electron computes `app.getPath('userData')` for an app named
 * "Quorum", so the CLI and the desktop app find the same file by default.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Quorum';
export const DATABASE_FILE = 'quorum.sqlite';

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(appDataDir(env, platform), APP_NAME);
}

/** QUORUM_DB overrides the default, for scripts and tests. */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.QUORUM_DB ?? join(userDataDir(env, platform), DATABASE_FILE);
}
