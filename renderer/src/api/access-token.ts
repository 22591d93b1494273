/**
 * The headless bridge's access token, as a browser tab gets it: `lab serve`
 * prints a URL ending in ?token=…; the page reads it once at startup, keeps it
 * in sessionStorage (a reload of the bare URL still works in this tab, and it
 * is gone when the tab closes), and takes it out of the address bar so it
 * isn't left in screenshots or history. Free of DOM globals so it can be
 * tested in Node; lab.ts passes the real page in.
 */
import { HTTP_TOKEN_PARAM } from '../../../shared/contract/api';

export const ACCESS_TOKEN_STORAGE_KEY = 'quorum.accessToken';

/** The part of sessionStorage this needs. */
export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The page as this module sees it. */
export interface TokenPage {
  /** The page's address, location.href. */
  readonly href: string;
  /** Null when the browser gives the page no storage. */
  readonly storage: TokenStore | null;
  /** Rewrites the address bar without loading anything (history.replaceState). */
  replaceUrl(url: string): void;
}

/** The token from the URL (which wins: each launch of the lab makes a new one) or else the one this tab kept; null if neither. */
export function takeAccessToken(page: TokenPage): string | null {
  const url = new URL(page.href);
  if (!url.searchParams.has(HTTP_TOKEN_PARAM)) return attempt(() => page.storage?.getItem(ACCESS_TOKEN_STORAGE_KEY) ?? null);
  const token = url.searchParams.get(HTTP_TOKEN_PARAM) ?? '';
  url.searchParams.delete(HTTP_TOKEN_PARAM);
  // Keep the path, any other parameters and the route (the hash).
  page.replaceUrl(`${url.pathname}${url.search}${url.hash}`);
  if (token === '') return attempt(() => page.storage?.getItem(ACCESS_TOKEN_STORAGE_KEY) ?? null);
  attempt(() => page.storage?.setItem(ACCESS_TOKEN_STORAGE_KEY, token));
  return token;
}

/** Storage may throw (blocked by privacy settings, quota): the token then lives only as long as the page. */
function attempt<T>(use: () => T): T | null {
  try {
    return use();
  } catch {
    return null;
  }
}
