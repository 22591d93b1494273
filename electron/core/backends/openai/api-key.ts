/**
 * The Authorization header for a call, read from the environment variable
 * the spec names, and refused when the rules in shared/domain/api-key-rules
 * are broken. The spec validator applies the same rules; this second check
 * at send time is what stops a spec stored before the rules existed, or a
 * caller that never went through the validator.
 *
 * Redirects need nothing extra: fetch drops Authorization when a redirect
 * leaves the origin, so the key never follows a server to another host or
 * from https down to http.
 */
import { insecureKeyHost, looksLikeApiKeyEnv } from '../../../../shared/domain/api-key-rules';
import { BackendError, type OpenAiServer } from '../types';

/** `{}` when the server needs no key; throws BackendError before anything is sent when the key must not or cannot be. */
export function authorizationFor(server: Pick<OpenAiServer, 'baseUrl' | 'apiKeyEnv'>, env: NodeJS.ProcessEnv): Record<string, string> {
  const variable = server.apiKeyEnv;
  if (variable === undefined) return {};
  if (!looksLikeApiKeyEnv(variable)) {
    throw new BackendError(
      `openai.apiKeyEnv names ${JSON.stringify(variable)}, which does not look like an API key variable, so Quorum will not send its value to ${server.baseUrl}. Name one ending in _API_KEY or _TOKEN, e.g. "OPENAI_API_KEY", in the spec's openai block.`,
      'bad_request',
    );
  }
  const insecure = insecureKeyHost(server.baseUrl);
  if (insecure !== null) {
    throw new BackendError(
      `Quorum will not send the key in ${variable} to ${server.baseUrl}: over plain http it would travel unencrypted to ${insecure}. Use https:// in openai.baseUrl, or a loopback address (127.0.0.1, ::1, localhost).`,
      'bad_request',
    );
  }
  const key = env[variable];
  if (key === undefined || key.trim() === '') {
    throw new BackendError(
      `The spec's openai.apiKeyEnv names ${variable}, but it is not set. Set ${variable} to the server's API key before starting Quorum, or remove apiKeyEnv if the server needs none.`,
      'bad_request',
    );
  }
  return { authorization: `Bearer ${key.trim()}` };
}
