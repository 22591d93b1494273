/** Finds the backend that serves a model name by its prefix ("sim:", "ollama:", …). */
import { BackendError, type ModelBackend } from './types';

export class BackendRegistry {
  private readonly byKind = new Map<string, ModelBackend>();

  constructor(backends: readonly ModelBackend[]) {
    for (const backend of backends) this.byKind.set(backend.kind, backend);
  }

  forModel(model: string): ModelBackend {
    const kind = model.split(':', 1)[0] ?? '';
    const backend = this.byKind.get(kind);
    if (!backend) {
      const known = [...this.byKind.keys()].map((k) => `"${k}:"`).join(', ');
      throw new BackendError(
        `No backend serves "${model}" in this version of Quorum. Available model prefixes: ${known}.`,
        'unknown_model',
      );
    }
    return backend;
  }
}
