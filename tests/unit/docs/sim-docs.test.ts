import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simModelSchema } from '../../../shared/domain/sim-spec';
import { generatedBlock } from '../../../electron/core/backends/sim/doc-markdown';
import { simDocTables } from '../../../electron/core/backends/sim/doc-tables';

const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'sim-backend.md'), 'utf8');

describe('docs/sim-backend.md', () => {
  it('holds the tables the sim generates today (run "npm run sim-docs" after changing the sim)', async () => {
    const tables = await simDocTables();
    for (const [key, content] of Object.entries(tables)) {
      expect(generatedBlock(doc, key), `the "${key}" table of docs/sim-backend.md is stale: run "npm run sim-docs"`).toBe(content);
    }
    // The coding teams' speedup table alone runs 720 sim trials through the engine and the sandbox.
  }, 180_000);

  it('documents every knob a spec may set on a sim model', () => {
    for (const knob of Object.keys(simModelSchema.shape)) expect(doc, `knob "${knob}" is not documented`).toContain(`| \`${knob}\` |`);
  });
});
