/**
 * Electron glue only: create the lab on the app's database, register the
 * contract's methods over IPC, open a locked-down window served from
 * app://quorum (security wiring in hardening.ts, decisions in trust.ts and
 * app-protocol.ts). Everything else lives in electron/core, which runs the
 * same under plain Node.
 */
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, LAB_METHOD_NAMES } from '../../shared/contract/api';
import { createLab, type LabHandle } from '../core/create-lab';
import { defaultDatabasePath } from '../core/paths';
import { dispatch } from '../core/transport/dispatch';
import { APP_ENTRY_URL } from './app-protocol';
import { guardAllWebContents, lockDownSession, registerAppScheme, serveRenderer } from './hardening';
import { findElectronNativeBinding } from './native-binding';
import { appOriginFor, isTrustedSender } from './trust';

const appRoot = app.getAppPath();
const rendererDir = join(import.meta.dirname, '../renderer');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
/** The one origin trusted over IPC and allowed as a navigation target (see trust.ts). */
const appOrigin = appOriginFor(devServerUrl);

// Both before `ready`: the scheme can only be registered then, and the guard
// must be in place before the first web contents exists.
registerAppScheme();
guardAllWebContents(appOrigin);

let handle: LabHandle | null = null;
let window: BrowserWindow | null = null;

function isTrustedEvent(event: IpcMainInvokeEvent): boolean {
  const mainFrame = window && !window.isDestroyed() ? window.webContents.mainFrame : null;
  return isTrustedSender(event.senderFrame, mainFrame, appOrigin);
}

function registerIpc(lab: LabHandle['lab']): void {
  for (const method of LAB_METHOD_NAMES) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, (event, payload: unknown) => {
      if (!isTrustedEvent(event)) return { ok: false, error: { code: 'invalid_request', message: 'Request from an untrusted frame refused.' } };
      return dispatch(lab, method, payload);
    });
  }
  lab.events.subscribe((event) => window?.webContents.send(IPC_EVENT_CHANNEL, event));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Quorum',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Navigation, new windows and webviews are refused for every web contents by guardAllWebContents.
  void win.loadURL(devServerUrl || APP_ENTRY_URL);
  return win;
}

async function start(): Promise<void> {
  lockDownSession();
  serveRenderer(rendererDir);
  const databasePath = defaultDatabasePath(process.env);
  try {
    handle = createLab({ databasePath, appRoot, transport: 'electron', nativeBinding: findElectronNativeBinding(appRoot) });
  } catch (error) {
    dialog.showErrorBox('Quorum cannot open its database', `${(error as Error).message}\n\nDatabase: ${databasePath}`);
    app.exit(1);
    return;
  }
  registerIpc(handle.lab);
  window = createWindow();
  window.on('closed', () => (window = null));
}

app.whenReady().then(start, (error: unknown) => {
  console.error(error);
  app.exit(1);
});

app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !handle) return;
  // Let trials in flight finish and be saved before the process ends.
  event.preventDefault();
  closing = true;
  void handle.close().finally(() => app.quit());
});
