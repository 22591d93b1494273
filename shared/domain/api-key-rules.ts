/**
 * When Quorum may send an API key to an OpenAI-compatible server. The spec
 * names an environment variable and Quorum sends its value as a Bearer
 * token, so a spec from somewhere else could otherwise ask for any variable
 * (HOME, a cloud secret) to go to any URL. The spec validator and the backend
 * both apply these rules: the validator to explain, the backend so a stored
 * old spec or a direct caller cannot get around them.
 */

/**
 * Upper-case letters, digits and underscores, starting with a letter and
 * ending in _API_KEY or _TOKEN, the way servers and SDKs name their keys
 * (OPENAI_API_KEY, VLLM_API_KEY, HF_TOKEN). Upper case only, so the rule reads
 * the same on Windows, where variable names ignore case.
 */
export const API_KEY_ENV_PATTERN = /^[A-Z][A-Z0-9_]*_(API_KEY|TOKEN)$/;
export const API_KEY_ENV_MAX_LENGTH = 100;
export const BASE_URL_MAX_LENGTH = 2000;

export function looksLikeApiKeyEnv(name: string): boolean {
  return API_KEY_ENV_PATTERN.test(name);
}

/**
 * 127.0.0.0/8, ::1 and the exact name "localhost". Anything else, even a
 * name that resolves to 127.0.0.1 (127.0.0.1.nip.io), crosses a network a
 * key must not cross in the clear. `hostname` is as URL gives it: lower
 * case, IPv6 in brackets, IPv4 in dotted quads.
 */
export function isLoopbackHostname(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const quad = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return quad !== null && quad.slice(1).every((part) => Number(part) <= 255);
}

/**
 * The host a key would reach unencrypted at `baseUrl`, or null when sending
 * it there is fine: https anywhere, or http to loopback. Anything that is not
 * a URL counts as unsafe, so a key is never sent somewhere we cannot read.
 */
export function insecureKeyHost(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return baseUrl;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return null;
  return url.hostname || baseUrl;
}
