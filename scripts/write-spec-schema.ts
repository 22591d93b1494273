// Writes docs/experiment-spec.schema.json from the spec's single definition
// (shared/domain/spec.ts). A unit test fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentSpecJsonSchema } from '../shared/domain/spec';

const target = join(import.meta.dirname, '..', 'docs', 'experiment-spec.schema.json');
writeFileSync(target, JSON.stringify(experimentSpecJsonSchema(), null, 2) + '\n');
console.log(`wrote ${target}`);
