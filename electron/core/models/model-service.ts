/**
 * Model management on Ollama hosts: what is installed (with size, family,
 * parameters, quantization and context length), what is loaded and how much
 * memory it holds, pulls with progress and cancel, and deletes. Looking at a
 * host here does not register it with the lab (see OllamaBackend.host): only
 * experiments add hosts, so the list stays what experiments use.
 */
import { randomUUID } from 'node:crypto';
import type { HostInfo, HostModels, InstalledModel, LoadedModel, PullProgress } from '../../../shared/domain/models';
import type { OllamaBackend } from '../backends/ollama/ollama-backend';
import { defaultHostUrl } from '../backends/ollama/host';
import { LabFailure } from '../lab-errors';

interface ActivePull {
  progress: PullProgress;
  abort: AbortController;
  done: Promise<void>;
}

export class ModelService {
  private readonly pulls = new Map<string, ActivePull>();

  constructor(
    private readonly ollama: OllamaBackend,
    private readonly onPullProgress: (progress: PullProgress) => void,
  ) {}

  async listHosts(): Promise<HostInfo[]> {
    // The default host is always listed, first, whatever else experiments registered.
    const defaultUrl = this.ollama.defaultHost().url;
    await Promise.all(this.ollama.hostStates().map((h) => this.ollama.host(h.url).refresh(3000)));
    const states = this.ollama.hostStates();
    return [...states.filter((h) => h.url === defaultUrl), ...states.filter((h) => h.url !== defaultUrl)];
  }

  async checkHost(url: string): Promise<HostInfo> {
    const host = this.ollama.host(url);
    await host.refresh(5000);
    return host.state();
  }

  async listModels(url = defaultHostUrl()): Promise<HostModels> {
    const host = this.ollama.host(url);
    if (!(await host.refresh(5000))) {
      throw new LabFailure('unavailable', `Ollama is not answering at ${host.url} (${host.state().error ?? 'no reply'}). Start Ollama, or check the address.`);
    }
    const client = host.client(AbortSignal.timeout(15_000));
    const [tags, ps] = await Promise.all([client.list(), client.ps()]);
    const installed: InstalledModel[] = await Promise.all(
      tags.models.map(async (m) => ({
        name: m.name,
        sizeBytes: m.size,
        family: m.details?.family || null,
        parameterSize: m.details?.parameter_size || null,
        quantization: m.details?.quantization_level || null,
        contextLength: await this.contextLength(url, m.name),
        modifiedAt: m.modified_at ? String(m.modified_at) : null,
      })),
    );
    const loaded: LoadedModel[] = ps.models.map((m) => ({
      name: m.name,
      sizeBytes: m.size,
      sizeVramBytes: m.size_vram,
      contextLength: contextLengthOf(m as unknown),
      expiresAt: m.expires_at ? String(m.expires_at) : null,
    }));
    return { host: host.state(), installed, loaded };
  }

  /** Starts a pull and returns at once; progress arrives as events, and the returned promise of `waitForPull` settles at the end. */
  pullModel(name: string, url = defaultHostUrl()): PullProgress {
    const host = this.ollama.host(url);
    const pullId = randomUUID();
    const abort = new AbortController();
    const progress: PullProgress = { pullId, host: host.url, model: name, status: 'starting', completedBytes: 0, totalBytes: 0, bytesPerSecond: 0, state: 'running', error: null };
    const done = this.runPull(progress, abort.signal);
    this.pulls.set(pullId, { progress, abort, done });
    return { ...progress };
  }

  async waitForPull(pullId: string): Promise<PullProgress> {
    const pull = this.pulls.get(pullId);
    if (!pull) throw new LabFailure('not_found', `No pull with id "${pullId}".`);
    await pull.done;
    return { ...pull.progress };
  }

  async cancelPull(pullId: string): Promise<PullProgress> {
    const pull = this.pulls.get(pullId);
    if (!pull) throw new LabFailure('not_found', `No pull with id "${pullId}"; it may have finished already.`);
    pull.abort.abort();
    await pull.done;
    return { ...pull.progress };
  }

  async deleteModel(name: string, url = defaultHostUrl()): Promise<{ deleted: string; host: string }> {
    const host = this.ollama.host(url);
    try {
      await host.client(AbortSignal.timeout(30_000)).delete({ model: name });
    } catch (error) {
      const status = (error as { status_code?: number }).status_code;
      if (status === 404) throw new LabFailure('not_found', `Model "${name}" is not installed on ${host.url}.`);
      throw new LabFailure('unavailable', `Could not delete "${name}" on ${host.url}: ${(error as Error).message}`);
    }
    await host.refresh();
    return { deleted: name, host: host.url };
  }

  private async contextLength(url: string, name: string): Promise<number | null> {
    try {
      const show = await this.ollama.host(url).client(AbortSignal.timeout(10_000)).show({ model: name });
      // The client's types say Map; over JSON it is a plain object.
      const info = ((show as unknown as { model_info?: Record<string, unknown> }).model_info ?? {}) as Record<string, unknown>;
      const entry = Object.entries(info).find(([key]) => key.endsWith('.context_length'));
      return entry && typeof entry[1] === 'number' ? entry[1] : null;
    } catch {
      return null;
    }
  }

  private async runPull(progress: PullProgress, signal: AbortSignal): Promise<void> {
    const host = this.ollama.host(progress.host);
    // Ollama reports per layer; a progress bar sums over layers (a missing value counts as 0).
    const layers = new Map<string, { total: number; completed: number }>();
    const samples: Array<{ at: number; bytes: number }> = [];
    let lastEmit = 0;
    const emit = (force = false) => {
      const now = Date.now();
      if (!force && now - lastEmit < 100) return;
      lastEmit = now;
      this.onPullProgress({ ...progress });
    };
    try {
      const stream = await host.client(signal).pull({ model: progress.model, stream: true });
      for await (const chunk of stream) {
        progress.status = chunk.status;
        if (chunk.digest) {
          layers.set(chunk.digest, { total: chunk.total ?? 0, completed: chunk.completed ?? 0 });
          progress.totalBytes = [...layers.values()].reduce((n, l) => n + l.total, 0);
          progress.completedBytes = [...layers.values()].reduce((n, l) => n + l.completed, 0);
          const now = Date.now();
          samples.push({ at: now, bytes: progress.completedBytes });
          while (samples.length > 2 && now - samples[0]!.at > 3000) samples.shift();
          const first = samples[0]!;
          progress.bytesPerSecond = now > first.at ? ((progress.completedBytes - first.bytes) * 1000) / (now - first.at) : 0;
        }
        emit();
      }
      progress.state = 'done';
      progress.status = 'success';
      await host.refresh();
    } catch (error) {
      if (signal.aborted) {
        progress.state = 'cancelled';
        progress.status = 'cancelled';
      } else {
        progress.state = 'failed';
        const message = (error as Error).message;
        progress.error = /file does not exist|not found/i.test(message)
          ? `"${progress.model}" is not in the Ollama library (${message}). Check the name, e.g. qwen2.5:0.5b or llama3.2:1b.`
          : `Pull failed: ${message}`;
      }
    }
    emit(true);
  }
}

function contextLengthOf(model: unknown): number | null {
  const value = (model as { context_length?: unknown }).context_length;
  return typeof value === 'number' ? value : null;
}
