/** The protocol.handle body: real files in, fetch Responses out, every one with the CSP, none thrown. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/security';
import { respondToAppRequest } from '../../../electron/main/app-protocol-handler';
import { probeFileSystem } from '../../../electron/main/app-protocol';

let outDir = '';
let rendererDir = '';

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'quorum-app-handler-'));
  rendererDir = join(outDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Quorum</title>');
  writeFileSync(join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(outDir, 'secret.txt'), 'secret');
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const get = (url: string) => ({ url, method: 'GET' });

function expectCsp(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('respondToAppRequest', () => {
  it('serves the entry page with its type and the CSP header', async () => {
    const response = await respondToAppRequest(rendererDir, get('app://quorum/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectCsp(response);
    expect(await response.text()).toBe('<!doctype html><title>Quorum</title>');
  });

  it('serves the root as index.html and scripts as JavaScript', async () => {
    expect(await (await respondToAppRequest(rendererDir, get('app://quorum/'))).text()).toContain('Quorum');
    const script = await respondToAppRequest(rendererDir, get('app://quorum/assets/main.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('answers HEAD with headers and no body', async () => {
    const response = await respondToAppRequest(rendererDir, { url: 'app://quorum/index.html', method: 'HEAD' });
    expect(response.status).toBe(200);
    expectCsp(response);
    expect(await response.text()).toBe('');
  });

  it('refuses other methods with 405', async () => {
    const response = await respondToAppRequest(rendererDir, { url: 'app://quorum/index.html', method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expectCsp(response);
  });

  it('turns traversal, bad escapes and foreign hosts into 4xx responses carrying the CSP', async () => {
    const cases: Array<[string, number]> = [
      ['app://quorum/%2e%2e%2fsecret.txt', 404],
      ['app://quorum/../secret.txt', 404],
      ['app://quorum/a%ZZ', 400],
      ['app://quorum.evil/index.html', 404],
      ['app://quorum/missing.js', 404],
    ];
    for (const [url, status] of cases) {
      const response = await respondToAppRequest(rendererDir, get(url));
      expect(response.status, url).toBe(status);
      expectCsp(response);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('answers 404 when the file vanishes between the check and the read', async () => {
    const response = await respondToAppRequest(rendererDir, get('app://quorum/index.html'), {
      probe: probeFileSystem,
      read: () => Promise.reject(new Error('ENOENT')),
    });
    expect(response.status).toBe(404);
    expectCsp(response);
  });

  it('answers 500 rather than rejecting when something unexpected throws', async () => {
    const response = await respondToAppRequest(rendererDir, get('app://quorum/index.html'), {
      probe: () => {
        throw new Error('boom');
      },
      read: () => Promise.resolve(new Uint8Array()),
    });
    expect(response.status).toBe(500);
    expectCsp(response);
  });
});
