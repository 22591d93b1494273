/** Loads the example specs shipped in examples/, reporting any that do not validate. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExampleInfo, ExampleProblem } from '../../shared/domain/results';
import { parseExperimentSpec } from '../../shared/domain/spec';

export function loadExamples(dir: string): { examples: ExampleInfo[]; problems: ExampleProblem[] } {
  const examples: ExampleInfo[] = [];
  const problems: ExampleProblem[] = [];
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
  } catch {
    return { examples, problems: [{ id: dir, issues: [{ path: '(root)', message: `the examples folder ${dir} could not be read` }] }] };
  }
  for (const file of files) {
    const id = basename(file, '.json');
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push({ id, issues: [{ path: '(root)', message: `is not valid JSON: ${(error as Error).message}` }] });
      continue;
    }
    const parsed = parseExperimentSpec(raw);
    if (!parsed.ok) problems.push({ id, issues: parsed.issues });
    else examples.push({ id, name: parsed.value.name, description: parsed.value.description ?? null, spec: parsed.value });
  }
  // The quickstart first: it is the one a newcomer should try.
  examples.sort((a, b) => Number(b.id === 'quickstart') - Number(a.id === 'quickstart') || a.id.localeCompare(b.id));
  return { examples, problems };
}
