// Writes docs/experiment-spec.schema.json and the structures section of
// docs/experiment-spec.md from their single definitions (shared/domain/spec.ts
// and the structure registry). Unit tests fail when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentSpecJsonSchema } from '../shared/domain/spec';
import { withStructureReference } from '../shared/domain/structures/reference';

const docs = join(import.meta.dirname, '..', 'docs');
const schema = join(docs, 'experiment-spec.schema.json');
writeFileSync(schema, JSON.stringify(experimentSpecJsonSchema(), null, 2) + '\n');
console.log(`wrote ${schema}`);
const reference = join(docs, 'experiment-spec.md');
writeFileSync(reference, withStructureReference(readFileSync(reference, 'utf8')));
console.log(`wrote the structures section of ${reference}`);
