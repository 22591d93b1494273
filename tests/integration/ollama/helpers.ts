import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEvent } from '../../../shared/contract/api';
import { createLab, type CreateLabOptions, type LabHandle } from '../../../electron/core/create-lab';

export const root = join(import.meta.dirname, '..', '..', '..');

export interface LabUnderTest extends LabHandle {
  events: LabEvent[];
  dbPath: string;
}

/** A lab on a fresh database file; `options` adds to (or replaces) what createLab is given. */
export function labOnTempFile(options: Partial<CreateLabOptions> = {}): LabUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-ollama-'));
  const dbPath = join(dir, 'lab.sqlite');
  const handle = createLab({ databasePath: dbPath, appRoot: root, transport: 'http', ...options });
  const events: LabEvent[] = [];
  handle.lab.events.subscribe((e) => events.push(e));
  return {
    ...handle,
    events,
    dbPath,
    async close() {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function arithmeticSpec(model: string | string[], url: string, slots: number, extra: Record<string, unknown> = {}) {
  return {
    name: 'ollama test',
    tasks: { suite: 'arithmetic', count: 4, seed: 2, difficulty: 2 },
    agents: { ...(Array.isArray(model) ? { models: model } : { model }), temperature: 0.7, maxTokens: 200 },
    teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3] }],
    hosts: [{ url, slots }],
    concurrency: 4,
    ...extra,
  };
}
