/**
 * The Electron side of the security defaults: wiring only. Every decision
 * (which file a URL names, where navigation may go, who may call over IPC)
 * is made by the plain-Node modules app-protocol.ts, app-protocol-handler.ts
 * and trust.ts, which the unit tests exercise; docs/security.md has the why.
 */
import { app, protocol, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/contract/security';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { respondToAppRequest } from './app-protocol-handler';
import { isAllowedNavigation } from './trust';

/** Electron accepts this only before `app` is ready, and only once: call it at module load. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves app://quorum/… from the built renderer (on the default session, which our window uses). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(rendererDir, request));
}

/**
 * The lab needs no camera, microphone, notifications, clipboard reads or any
 * other permission: refuse both the asynchronous requests and the synchronous
 * checks (a page may query `navigator.permissions` without ever requesting).
 */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // app: responses carry the CSP themselves; this covers the dev server's http responses.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

function guardWebContents(contents: WebContents, appOrigin: string): void {
  // <webview> is off in our webPreferences already; refusing here also covers any other contents.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const denyForeign = (event: NavigationEvent): void => {
    if (!isAllowedNavigation(event.url, appOrigin)) event.preventDefault();
  };
  // will-frame-navigate covers every frame; will-navigate (main frame) is kept
  // so the main frame stays guarded even if frame events change semantics;
  // will-redirect stops an allowed navigation from being bounced elsewhere.
  contents.on('will-navigate', denyForeign);
  contents.on('will-frame-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** For every web contents the app ever creates (devtools and anything unforeseen included), not just our window. */
export function guardAllWebContents(appOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appOrigin));
}
