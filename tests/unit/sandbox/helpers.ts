/** A one-subtask JavaScript job around a test file, for the sandbox's tests. */
import type { CodingJob } from '../../../shared/domain/jobs';

export function jobWithTests(tests: Record<string, string>, imports = "import { f } from '../f.js';"): Pick<CodingJob, 'id' | 'language' | 'tests' | 'testsBySubtask'> {
  const path = 'tests/task-1.test.js';
  const body = Object.entries(tests)
    .map(([name, code]) => `test(${JSON.stringify(name)}, ${code});`)
    .join('\n');
  return {
    id: 'sandbox-test',
    language: 'javascript',
    tests: [{ path, content: `import { test, assert } from 'quorum:test';\n${imports}\n${body}\n` }],
    testsBySubtask: { 'task-1': Object.keys(tests).map((name) => `${path}::${name}`) },
  };
}

export const FAST = { testMs: 400, runMs: 20_000 };
