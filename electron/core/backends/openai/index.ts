/** The `openai:NAME` backend for OpenAI-compatible servers. See docs/openai-backend.md. */
export {
  DEFAULT_OPENAI_SLOTS,
  DEFAULT_OPENAI_TIMEOUT_MS,
  normalizeBaseUrl,
  OpenAiBackend,
  openAiModelName,
  type OpenAiBackendHooks,
  type OpenAiBackendOptions,
  type OpenAiServerConfig,
} from './openai-backend';
export { estimateTokens } from './completion';
