/** Who may call the lab over IPC, and where web contents may navigate. */
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../electron/main/app-protocol';
import { appOriginFor, isAllowedNavigation, isTrustedSender, originOf, type FrameLike } from '../../../electron/main/trust';

const DEV = 'http://localhost:5173';

/** Our window's main frame, showing our page. */
const mainFrame: FrameLike = { url: 'app://quorum/index.html#/experiments', processId: 7, routingId: 1, parent: null, detached: false };

describe('originOf', () => {
  it('serialises scheme and host, port included, for app: as for http:', () => {
    expect(originOf('app://quorum/index.html')).toBe('app://quorum');
    expect(originOf('app://quorum')).toBe('app://quorum');
    expect(originOf('http://localhost:5173/src/main.ts')).toBe('http://localhost:5173');
    expect(originOf('https://example.com:443/')).toBe('https://example.com');
  });

  it('has no origin for host-less or unparsable URLs', () => {
    expect(originOf('file:///home/me/out/renderer/index.html')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('app:///index.html')).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('appOriginFor', () => {
  it('is app://quorum unless the dev server is in use', () => {
    expect(appOriginFor(undefined)).toBe(APP_ORIGIN);
    expect(appOriginFor('')).toBe(APP_ORIGIN);
    expect(appOriginFor(`${DEV}/`)).toBe(DEV);
  });

  it('refuses a dev server URL that has no origin', () => {
    expect(() => appOriginFor('localhost:5173')).toThrow(/ELECTRON_RENDERER_URL/);
  });
});

describe('isAllowedNavigation', () => {
  it('allows our own origin (a reload, another page of ours)', () => {
    expect(isAllowedNavigation('app://quorum/index.html', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('app://quorum/', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation(`${DEV}/index.html`, DEV)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      'https://example.com/',
      'http://quorum/',
      'file:///etc/passwd',
      'app://quorum.evil/index.html',
      'app://evil/',
      'app://quorum:1/',
      'app://evil.com#app://quorum',
      'javascript:alert(1)',
      'about:blank',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
    }
  });

  it('refuses app://quorum under the dev server, and the dev server in production', () => {
    expect(isAllowedNavigation('app://quorum/index.html', DEV)).toBe(false);
    expect(isAllowedNavigation(`${DEV}/`, APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5174/', DEV)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts the main frame of our window on our origin', () => {
    expect(isTrustedSender({ ...mainFrame }, mainFrame, APP_ORIGIN)).toBe(true);
    // A distinct object for the same frame (Electron may hand out several) is the same frame.
    expect(isTrustedSender({ ...mainFrame, detached: undefined }, { ...mainFrame }, APP_ORIGIN)).toBe(true);
  });

  it('trusts the dev server page under npm run dev', () => {
    const devFrame = { ...mainFrame, url: `${DEV}/#/results` };
    expect(isTrustedSender(devFrame, devFrame, DEV)).toBe(true);
  });

  it('refuses subframes, even same-origin ones', () => {
    const subframe: FrameLike = { url: 'app://quorum/index.html', processId: 7, routingId: 2, parent: mainFrame };
    expect(isTrustedSender(subframe, mainFrame, APP_ORIGIN)).toBe(false);
    // Even if the ids were somehow to match, a frame with a parent is not a main frame.
    expect(isTrustedSender({ ...mainFrame, parent: mainFrame }, mainFrame, APP_ORIGIN)).toBe(false);
  });

  it('refuses frames of another window or process', () => {
    expect(isTrustedSender({ ...mainFrame, processId: 8 }, mainFrame, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, routingId: 3 }, mainFrame, APP_ORIGIN)).toBe(false);
  });

  it('refuses our main frame once it shows another origin', () => {
    for (const url of [
      'https://example.com/',
      'file:///home/me/quorum/out/renderer/index.html',
      'app://quorum.evil/index.html',
      'app://evil/',
      `${DEV}/`,
      'about:blank',
      '',
    ]) {
      const frame = { ...mainFrame, url };
      expect(isTrustedSender(frame, frame, APP_ORIGIN), url).toBe(false);
    }
  });

  it('refuses when there is no sender or no window, or the frame is detached', () => {
    expect(isTrustedSender(null, mainFrame, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, mainFrame, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(mainFrame, null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, detached: true }, mainFrame, APP_ORIGIN)).toBe(false);
  });

  it('refuses, without throwing, a frame whose properties throw (disposed in Electron)', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      processId: 7,
      routingId: 1,
      parent: null,
    } satisfies FrameLike;
    expect(isTrustedSender(disposed, mainFrame, APP_ORIGIN)).toBe(false);
  });
});
