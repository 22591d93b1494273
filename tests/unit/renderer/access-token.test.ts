/**
 * How a browser tab gets the bridge's access token: from the URL `lab serve`
 * printed, kept for the tab's life, and taken out of the address bar.
 */
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_STORAGE_KEY, takeAccessToken, type TokenStore } from '../../../renderer/src/api/access-token';

function memoryStore(initial: Record<string, string> = {}): TokenStore & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

function page(href: string, storage: TokenStore | null = memoryStore()) {
  const replaced: string[] = [];
  return { replaced, href, storage, replaceUrl: (url: string) => void replaced.push(url) };
}

describe('takeAccessToken', () => {
  it('reads the token from the URL, keeps it for the tab and removes it from the address bar', () => {
    const store = memoryStore();
    const tab = page('http://127.0.0.1:5174/?token=abc-_123#/models', store);
    expect(takeAccessToken(tab)).toBe('abc-_123');
    expect(store.items.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('abc-_123');
    expect(tab.replaced).toEqual(['/#/models']);
  });

  it('keeps other query parameters and the route when it removes the token', () => {
    const tab = page('http://127.0.0.1:5174/?debug=1&token=abc#/experiments/x%201');
    expect(takeAccessToken(tab)).toBe('abc');
    expect(tab.replaced).toEqual(['/?debug=1#/experiments/x%201']);
  });

  it('uses the kept token after a reload without one in the URL, and leaves the URL alone', () => {
    const tab = page('http://127.0.0.1:5174/#/designer', memoryStore({ [ACCESS_TOKEN_STORAGE_KEY]: 'kept' }));
    expect(takeAccessToken(tab)).toBe('kept');
    expect(tab.replaced).toEqual([]);
  });

  it('prefers the token in the URL to a kept one: each launch of the lab makes a new token', () => {
    const store = memoryStore({ [ACCESS_TOKEN_STORAGE_KEY]: 'old' });
    expect(takeAccessToken(page('http://127.0.0.1:5174/?token=new', store))).toBe('new');
    expect(store.items.get(ACCESS_TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('has no token when neither the URL nor the tab has one; an empty ?token= is removed but not used', () => {
    const tab = page('http://127.0.0.1:5174/?token=#/');
    expect(takeAccessToken(tab)).toBeNull();
    expect(tab.replaced).toEqual(['/#/']);
    expect(takeAccessToken(page('http://127.0.0.1:5174/'))).toBeNull();
  });

  it('still works when the tab has no storage, or storage refuses (privacy settings)', () => {
    expect(takeAccessToken(page('http://127.0.0.1:5174/?token=abc', null))).toBe('abc');
    const refusing: TokenStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(takeAccessToken(page('http://127.0.0.1:5174/?token=abc', refusing))).toBe('abc');
    expect(takeAccessToken(page('http://127.0.0.1:5174/', refusing))).toBeNull();
  });
});
