// Rewrites the generated tables of docs/sim-backend.md (between its
// <!-- sim-docs:KEY:start/end --> markers) from the sim's code: the profile
// tables from SIM_PROFILES, the measured ones by running experiments through
// the team engine. A unit test fails when the committed page is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withGeneratedBlocks } from '../electron/core/backends/sim/doc-markdown';
import { simDocTables } from '../electron/core/backends/sim/doc-tables';

const target = join(import.meta.dirname, '..', 'docs', 'sim-backend.md');
const started = performance.now();
const updated = withGeneratedBlocks(readFileSync(target, 'utf8'), await simDocTables());
writeFileSync(target, updated);
console.log(`wrote ${target} in ${Math.round(performance.now() - started)} ms`);
