/** Builds a Lab on a database file: the one place the desktop app, the CLI and the tests compose it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackendRegistry } from './backends/registry';
import { SimBackend } from './backends/sim';
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
  const backends = new BackendRegistry(options.backends ?? [new SimBackend()]);
  const lab = new Lab({
    store,
    backends,
    databasePath: options.databasePath,
    examplesDir: join(options.appRoot, 'examples'),
    version: appVersion(options.appRoot),
    transport: options.transport,
    ...(options.staleLeaseMs !== undefined ? { staleLeaseMs: options.staleLeaseMs } : {}),
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
