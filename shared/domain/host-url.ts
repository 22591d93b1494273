/**
 * What counts as a model server's address, wherever one is typed: a spec's
 * `hosts[].url` and `agents.host`, or a host given to the Models view. Only
 * http(s) URLs with a host: `javascript:`, `file:` and half-typed addresses
 * get a message that says what is wrong, never an internal error later on.
 */
export const HOST_URL_MAX_LENGTH = 500;

function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/**
 * Null when `value` is a usable address; else what is wrong with it, phrased
 * to follow a field name. With `schemeOptional`, "host:port" is read as http,
 * as the Ollama CLI reads OLLAMA_HOST.
 */
export function hostUrlProblem(value: string, options: { schemeOptional?: boolean } = {}): string | null {
  const trimmed = value.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  if (hasScheme && !/^https?:\/\//i.test(trimmed)) {
    return `must be an http(s) URL like "http://127.0.0.1:11434", got ${quoted(value)}`;
  }
  if (!hasScheme && (!options.schemeOptional || /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed))) {
    return `must be an http(s) URL like "http://127.0.0.1:11434", got ${quoted(value)}`;
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
  } catch {
    return `is not a valid address: ${quoted(value)} (check the brackets around an IPv6 address, the port, and stray characters)`;
  }
  if (url.hostname === '') return `names no host: ${quoted(value)}`;
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  return null;
}
