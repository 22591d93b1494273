/** What every call of an experiment shares besides its prompt: where it may go (and its own sim models), runner options, its timeout. */
import type { SimModelSpec } from '../../../shared/domain/sim-spec';
import type { ExperimentSpec } from '../../../shared/domain/spec';
import { defaultHostUrl } from '../backends/ollama/host';
import type { CallRoute } from '../backends/types';
import type { CallSettings } from './trial-engine';

export function callSettingsFor(spec: ExperimentSpec, experimentId?: string): CallSettings {
  const a = spec.agents;
  const hosts = a.host ? [a.host] : (spec.hosts?.map((h) => h.url ?? defaultHostUrl()) ?? []);
  const route = routeFor(hosts, spec.openai, spec.sim?.models);
  return {
    ...(experimentId ? { experimentId } : {}),
    ...(route ? { route } : {}),
    options: {
      ...(a.topP !== undefined ? { topP: a.topP } : {}),
      ...(a.numCtx !== undefined ? { numCtx: a.numCtx } : {}),
      ...(a.stop !== undefined ? { stop: a.stop } : {}),
      ...(a.keepAlive !== undefined ? { keepAlive: a.keepAlive } : {}),
    },
    timeoutMs: a.timeoutSeconds * 1000,
  };
}

/**
 * The experiment's own servers and sim models ride on every call: a backend
 * holds no server or model set by whichever experiment started last.
 */
function routeFor(hosts: string[], openai: ExperimentSpec['openai'], sim: Record<string, SimModelSpec> | undefined): CallRoute | undefined {
  const ownSim = sim && Object.keys(sim).length > 0 ? sim : undefined;
  if (hosts.length === 0 && !openai && !ownSim) return undefined;
  return {
    ...(hosts.length > 0 ? { hosts } : {}),
    ...(ownSim ? { sim: ownSim } : {}),
    ...(openai
      ? { openai: { baseUrl: openai.baseUrl, slots: openai.slots, ...(openai.apiKeyEnv !== undefined ? { apiKeyEnv: openai.apiKeyEnv } : {}) } }
      : {}),
  };
}
