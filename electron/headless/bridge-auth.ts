/**
 * The headless bridge's access token. Listening on 127.0.0.1 keeps other
 * machines out, but not other processes or other user accounts on this one:
 * a token made per launch and printed only to whoever started `lab serve`
 * does (as Jupyter does).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HTTP_TOKEN_PARAM, type LabError } from '../../shared/contract/api';

/** Shorter tokens are refused: 32 characters of base64url are 192 bits, far beyond guessing. */
export const MIN_TOKEN_LENGTH = 32;

/** A fresh token: 32 random bytes (256 bits) as base64url, so it sits in a URL unescaped. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The token a request presents, or null if it presents none. Lab methods take
 * it only as `Authorization: Bearer` (a URL ends up in logs and history); the
 * event stream may also use `?token=`, because EventSource can't set headers.
 * A malformed Authorization header presents '' so it counts as a wrong token.
 */
export function presentedToken(headers: IncomingHttpHeaders, url: URL, allowQuery: boolean): string | null {
  const header = headers.authorization;
  if (header !== undefined) return /^Bearer +(\S+) *$/i.exec(header)?.[1] ?? '';
  return allowQuery ? url.searchParams.get(HTTP_TOKEN_PARAM) : null;
}

/** Compares in constant time; hashing first gives equal-length buffers, so not even the length leaks. */
export function tokenMatches(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

const HOW = 'Open the URL that `npm run lab -- serve` printed (it ends in ?token=…), or send its token in the header "Authorization: Bearer TOKEN".';

export function unauthorized(presented: string | null): LabError {
  return {
    code: 'unauthorized',
    message:
      presented === null
        ? `This lab needs its access token. ${HOW}`
        : `Wrong access token; the lab makes a new one each time it starts. ${HOW}`,
  };
}
