/**
 * Electron glue only: create the lab on the app's database, register the
 * contract's methods over IPC, open a locked-down window. Everything else
 * lives in electron/core, which runs the same under plain Node.
 */
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_PREFIX, LAB_METHOD_NAMES } from '../../shared/contract/api';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import { createLab, type LabHandle } from '../core/create-lab';
import { defaultDatabasePath } from '../core/paths';
import { dispatch } from '../core/transport/dispatch';
import { findElectronNativeBinding } from './native-binding';

const appRoot = app.getAppPath();
const rendererIndex = join(import.meta.dirname, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

let handle: LabHandle | null = null;
let window: BrowserWindow | null = null;

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return devServerUrl ? url.startsWith(devServerUrl) : url.startsWith('file://');
}

function registerIpc(lab: LabHandle['lab']): void {
  for (const method of LAB_METHOD_NAMES) {
    ipcMain.handle(`${IPC_INVOKE_PREFIX}${method}`, (event, payload: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'invalid_request', message: 'Request from an untrusted frame refused.' } };
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
    },
  });
  win.once('ready-to-show', () => win.show());
  // The app never navigates away from itself, nor opens other windows.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
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
