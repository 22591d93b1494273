/** Builds a Lab on a database file: the one place the desktop app, the CLI and the tests compose it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackendRegistry } from './backends/registry';
import { SimBackend } from './backends/sim';
import { OllamaBackend, type OllamaBackendOptions } from './backends/ollama/ollama-backend';
import { OpenAiBackend } from './backends/openai';
import type { ModelBackend } from './backends/types';
import { Lab } from './lab';
import { LabStore } from './store/lab-store';

export interface CreateLabOptions {
  databasePath: string;
  /** The project (or packaged app) root: examples/ and package.json live there. */
  appRoot: string;
  transport: 'electron' | 'http';
  /** Path of a better_sqlite3.node built for this runtime's ABI (Electron); Node uses the default. */
  nativeBinding?: string;
  /** Replaces the default backends (tests use this for a real-time sim). */
  backends?: ModelBackend[];
  staleLeaseMs?: number;
  /** How often a run proves its lease is alive (default 3 s); tests shorten it. */
  heartbeatMs?: number;
  /** Ollama host polling and dropping; tests shorten them. */
  ollama?: Pick<OllamaBackendOptions, 'pollMs' | 'hostIdleMs'>;
}

export interface LabHandle {
  lab: Lab;
  databasePath: string;
  store: LabStore;
  close(): Promise<void>;
}

export function appVersion(appRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createLab(options: CreateLabOptions): LabHandle {
  const store = LabStore.open(options.databasePath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  // The backend's hooks reach the lab through this late-bound reference.
  let lab: Lab | null = null;
  const ollama = new OllamaBackend({
    ...options.ollama,
    hooks: {
      onHostStatus: (state) => lab?.events.publish({ type: 'hostStatus', payload: state }),
      onModelLoad: (load) => {
        try {
          store.recordModelLoad(load);
        } catch {
          // A load that can't be recorded (a locked or full file) must not fail the call that caused it.
        }
        lab?.events.publish({ type: 'modelLoad', payload: { ...load, experimentId: load.experimentId ?? null } });
      },
    },
  });
  // No default server: each experiment's calls carry the server (and key) its own "openai" block names.
  const openai = new OpenAiBackend();
  const backends = new BackendRegistry(options.backends ?? [new SimBackend(), ollama, openai]);
  lab = new Lab({
    store,
    backends,
    ollama,
    openai,
    databasePath: options.databasePath,
    examplesDir: join(options.appRoot, 'examples'),
    version: appVersion(options.appRoot),
    transport: options.transport,
    ...(options.staleLeaseMs !== undefined ? { staleLeaseMs: options.staleLeaseMs } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  return {
    lab,
    databasePath: options.databasePath,
    store,
    async close() {
      await lab.close();
      store.close();
    },
  };
}
