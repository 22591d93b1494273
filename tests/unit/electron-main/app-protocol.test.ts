/** app://quorum URL → file under out/renderer: traversal, hosts, escapes, directories, types. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/security';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  contentTypeFor,
  FALLBACK_CONTENT_TYPE,
  resolveAppFile,
  type FileProbe,
} from '../../../electron/main/app-protocol';

// A fake out/ tree: renderer/ is served; secret.txt beside it must never be.
let outDir = '';
let rendererDir = '';

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'quorum-app-protocol-'));
  rendererDir = join(outDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets', 'nested'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(rendererDir, 'assets', 'data.unknownext'), 'x');
  writeFileSync(join(rendererDir, 'assets', 'nested', 'index.html'), '<!doctype html>');
  writeFileSync(join(rendererDir, 'assets', 'with space.svg'), '<svg/>');
  writeFileSync(join(outDir, 'secret.txt'), 'secret');
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function expectInsideRenderer(file: string): void {
  expect(file.startsWith(rendererDir + sep)).toBe(true);
}

describe('resolveAppFile', () => {
  it('serves the entry page and built assets with their content types', () => {
    expect(resolveAppFile(rendererDir, APP_ENTRY_URL)).toEqual({ ok: true, file: join(rendererDir, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/assets/index-abc.js`)).toEqual({ ok: true, file: join(rendererDir, 'assets', 'index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/assets/index-abc.css?v=1#x`)).toMatchObject({ ok: true, contentType: 'text/css; charset=utf-8' });
  });

  it('decodes well-formed escapes', () => {
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/assets/with%20space.svg`)).toEqual({ ok: true, file: join(rendererDir, 'assets', 'with space.svg'), contentType: 'image/svg+xml' });
  });

  it('maps a directory (the root, with or without a slash, or a subfolder) to its index.html', () => {
    for (const url of [`${APP_ORIGIN}/`, APP_ORIGIN, `${APP_ORIGIN}/assets/nested`, `${APP_ORIGIN}/assets/nested/`]) {
      const result = resolveAppFile(rendererDir, url);
      expect(result.ok, url).toBe(true);
      if (result.ok) expect(result.file.endsWith(`${sep}index.html`)).toBe(true);
    }
    // A directory without an index.html is not listed.
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/assets/`)).toMatchObject({ ok: false, status: 404 });
  });

  it('serves an unknown extension as an opaque type', () => {
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/assets/data.unknownext`)).toMatchObject({ ok: true, contentType: FALLBACK_CONTENT_TYPE });
  });

  it('answers 404 for a missing file rather than falling back to index.html', () => {
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/nope.js`)).toMatchObject({ ok: false, status: 404 });
  });

  it('never leaves the renderer directory, however the dots are spelled', () => {
    const attempts = [
      `${APP_ORIGIN}/../../etc/passwd`,
      `${APP_ORIGIN}/../secret.txt`,
      `${APP_ORIGIN}/%2e%2e/secret.txt`,
      `${APP_ORIGIN}/%2e%2e%2fsecret.txt`,
      `${APP_ORIGIN}/%2E%2E%2Fsecret.txt`,
      `${APP_ORIGIN}/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd`,
      `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/%2fetc%2fpasswd`,
      `${APP_ORIGIN}//etc/passwd`,
    ];
    for (const url of attempts) {
      const result = resolveAppFile(rendererDir, url);
      if (result.ok) expectInsideRenderer(result.file);
      else expect([400, 404], url).toContain(result.status);
      // None of these names a real file inside the renderer dir.
      expect(result.ok, url).toBe(false);
    }
  });

  it('keeps traversal inside even when every path "exists"', () => {
    // A probe that says yes to everything: containment must not depend on the disk.
    const yes: FileProbe = () => 'file';
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/%2e%2e%2f%2e%2e%2fetc%2fpasswd`, yes)).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/..%2fsecret.txt`, yes)).toMatchObject({ ok: false, status: 404 });
    // URL parsing collapses literal dots first, so this one lands inside the dir.
    const collapsed = resolveAppFile(rendererDir, `${APP_ORIGIN}/../../etc/passwd`, yes);
    expect(collapsed).toMatchObject({ ok: true, file: join(rendererDir, 'etc', 'passwd') });
  });

  it('refuses backslashes and NUL bytes, which Windows or the OS would treat specially', () => {
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/..%5csecret.txt`)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile(rendererDir, `${APP_ORIGIN}/index.html%00.js`)).toMatchObject({ ok: false, status: 400 });
  });

  it('answers 400, not an exception, for malformed escapes', () => {
    for (const url of [`${APP_ORIGIN}/%`, `${APP_ORIGIN}/a%ZZ`, `${APP_ORIGIN}/%E0%A4%A`, `${APP_ORIGIN}/%C0%AF`]) {
      expect(() => resolveAppFile(rendererDir, url)).not.toThrow();
      expect(resolveAppFile(rendererDir, url), url).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('refuses other hosts, other schemes, credentials and unparsable URLs', () => {
    expect(resolveAppFile(rendererDir, 'app://quorum.evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(rendererDir, 'app://evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(rendererDir, 'app://quorum:8080/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(rendererDir, 'app:///index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(rendererDir, 'app://user:pw@quorum/index.html')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile(rendererDir, `file://${join(rendererDir, 'index.html')}`)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile(rendererDir, 'https://quorum/index.html')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppFile(rendererDir, 'not a url')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('the scheme and its responses', () => {
  it('registers app: as a standard, secure, fetchable scheme that other origins cannot read and that obeys CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false });
    expect(APP_ENTRY_URL).toBe('app://quorum/index.html');
  });

  it('knows the types the renderer build emits', () => {
    expect(contentTypeFor('a/b.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.png')).toBe('image/png');
    expect(contentTypeFor('Makefile')).toBe(FALLBACK_CONTENT_TYPE);
  });

  it('puts the CSP and nosniff on every response', () => {
    expect(appResponseHeaders('text/plain')).toMatchObject({
      'content-type': 'text/plain',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
  });
});
