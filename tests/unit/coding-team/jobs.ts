/**
 * Small hand-made JavaScript jobs for the coding team's tests: a chain of
 * `chain` subtasks (each builds on the one before) and `independent` ones,
 * with tests, reference solutions and one documented bug per file, shaped
 * like the coding suite's jobs.
 */
import type { CodingJob, JobSubtask } from '../../../shared/domain/jobs';
import type { TaskItem } from '../../../electron/core/tasks/types';

export interface JobShape {
  chain: number;
  independent: number;
  id?: string;
}

export function handMadeJob({ chain, independent, id = `hand-${chain}-${independent}` }: JobShape): CodingJob {
  const subtasks: JobSubtask[] = [];
  const tests: CodingJob['tests'] = [];
  const testsBySubtask: Record<string, string[]> = {};
  const solutions: Record<string, string> = {};
  const bugs: NonNullable<CodingJob['bugs']> = {};
  const total = chain + independent;
  for (let i = 1; i <= total; i++) {
    const taskId = `task-${i}`;
    const inChain = i <= chain;
    const name = inChain ? `step${i}` : `scale${i}`;
    const path = `${name}.js`;
    const dependencies = inChain && i > 1 ? [`task-${i - 1}`] : [];
    const previous = `step${i - 1}`;
    subtasks.push({
      id: taskId,
      title: `Implement ${name}`,
      description: inChain
        ? i === 1
          ? `Create ${path} exporting ${name}(x) that returns x + 1.`
          : `Create ${path} exporting ${name}(x) that returns ${previous}(x) + 1, importing ${previous} from ./${previous}.js.`
        : `Create ${path} exporting ${name}(x) that returns x * ${i}.`,
      dependencies,
      files: [path],
    });
    solutions[path] = inChain
      ? i === 1
        ? `export function ${name}(x) {\n  return x + 1;\n}\n`
        : `import { ${previous} } from './${previous}.js';\n\nexport function ${name}(x) {\n  return ${previous}(x) + 1;\n}\n`
      : `export function ${name}(x) {\n  return x * ${i};\n}\n`;
    bugs[path] = [{ mistake: 'off by one', content: solutions[path]!.replace(/return (.*);/, 'return $1 + 1;') }];
    const testPath = `tests/${taskId}.test.js`;
    const expected = inChain ? (x: number) => x + i : (x: number) => x * i;
    const cases = [0, 3];
    tests.push({
      path: testPath,
      content: `import { test, assert } from 'quorum:test';\nimport { ${name} } from '../${path}';\n${cases.map((x) => `test('${name}(${x})', () => assert.equal(${name}(${x}), ${expected(x)}));`).join('\n')}\n`,
    });
    testsBySubtask[taskId] = cases.map((x) => `${testPath}::${name}(${x})`);
  }
  const p = (total - chain) / total;
  return {
    id,
    project: 'Steps and scales',
    description: 'A small library of numeric functions, one per file.',
    domain: 'hand',
    language: 'javascript',
    shape: 'chain',
    subtasks,
    criticalPath: Math.max(chain, 1),
    p,
    tests,
    testsBySubtask,
    solutions,
    bugs,
  };
}

/** The job as the lab plans it: an item of the coding suite. */
export function jobItem(job: CodingJob, index = 0): TaskItem {
  return { index, suite: 'coding', prompt: job.description, answer: 'done', difficulty: 1, hardness: 0.5, distractors: [], job };
}

/** One root many subtasks depend on (a fan-out): the paper's pre-assignment gives them all to the root's agent. */
export function fanOutJob(leaves: number, independent: number): CodingJob {
  const base = handMadeJob({ chain: 1, independent: leaves + independent, id: `fan-${leaves}-${independent}` });
  const subtasks = base.subtasks.map((s, i) => (i >= 1 && i <= leaves ? { ...s, dependencies: ['task-1'] } : s));
  return { ...base, shape: 'fan-out', subtasks, criticalPath: 2, p: (subtasks.length - 2) / subtasks.length };
}
