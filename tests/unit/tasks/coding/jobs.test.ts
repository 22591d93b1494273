/** The coding suite's jobs: the paper's shape, determinism, and the generator's graphs. */
import { describe, expect, it } from 'vitest';
import { getTaskSuite } from '../../../../electron/core/tasks';
import { codingJobs } from '../../../../electron/core/tasks/coding';
import { criticalPathLength, topologicalOrder } from '../../../../electron/core/tasks/coding/graph';
import { generateCodingJob } from '../../../../electron/core/tasks/coding/generator';
import { shapeGraph } from '../../../../electron/core/tasks/coding/shapes';
import { createRng } from '../../../../electron/core/util/random';
import type { CodingJob } from '../../../../shared/domain/jobs';

function checkWellFormed(job: CodingJob): void {
  const ids = job.subtasks.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(topologicalOrder(job.subtasks), `${job.id} is acyclic`).not.toBeNull();
  expect(criticalPathLength(job.subtasks)).toBe(job.criticalPath);
  const files = job.subtasks.flatMap((s) => s.files);
  expect(new Set(files).size).toBe(files.length);
  for (const subtask of job.subtasks) {
    expect(subtask.files).toHaveLength(1);
    expect(job.solutions?.[subtask.files[0]!]).toBeTypeOf('string');
    expect(job.testsBySubtask[subtask.id]!.length).toBeGreaterThanOrEqual(2);
    // What a subtask imports is what the board says it depends on.
    const imported = [...job.solutions![subtask.files[0]!]!.matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]);
    const dependencyFiles = subtask.dependencies.map((dep) => job.subtasks.find((s) => s.id === dep)!.files[0]);
    expect(imported.sort()).toEqual([...dependencyFiles].sort());
  }
}

describe('the paper-shaped jobs', () => {
  const jobs = codingJobs({}, 9, 1);

  it('are 20 subtasks, one chain of 16, 10 or 2 plus independent ones, p = 0.2, 0.5, 0.9, in three domains', () => {
    expect(jobs.map((j) => [j.domain, j.subtasks.length, j.criticalPath, j.p])).toEqual([
      ['math', 20, 16, 0.2], ['math', 20, 10, 0.5], ['math', 20, 2, 0.9],
      ['text', 20, 16, 0.2], ['text', 20, 10, 0.5], ['text', 20, 2, 0.9],
      ['geometry', 20, 16, 0.2], ['geometry', 20, 10, 0.5], ['geometry', 20, 2, 0.9],
    ]);
    for (const job of jobs) {
      checkWellFormed(job);
      expect(job.language).toBe('javascript');
      expect(job.shape).toBe('chain');
      const independent = job.subtasks.filter((s) => s.dependencies.length === 0 && !job.subtasks.some((t) => t.dependencies.includes(s.id)));
      expect(independent).toHaveLength(job.subtasks.length - job.criticalPath);
    }
  });

  it('have a few extra edges inside the longer chains, as the paper\'s do', () => {
    const extraEdges = (job: CodingJob) => job.subtasks.filter((s) => s.dependencies.length >= 2).length;
    for (const job of jobs.filter((j) => j.criticalPath === 16)) expect(extraEdges(job), job.id).toBeGreaterThanOrEqual(1);
    // As in the paper, not every shorter chain has one (its SVG chain has none).
    expect(jobs.filter((j) => j.criticalPath === 10 && extraEdges(j) > 0).map((j) => j.domain)).toEqual(['math', 'geometry']);
  });

  it('tell every agent to write ES modules and that there is no Node.js', () => {
    for (const job of jobs) expect(job.description).toMatch(/ES module.*There is no Node\.js/s);
  });

  it('are the same for the same seed, and made one by one from their index', () => {
    expect(JSON.stringify(codingJobs({}, 9, 1))).toBe(JSON.stringify(jobs));
    const longer = codingJobs({}, 18, 1);
    expect(JSON.stringify(longer.slice(0, 9))).toBe(JSON.stringify(jobs));
    // The second round picks other stand-alone functions where it can (p = 0.2 uses 4 of 18).
    expect(longer[9]!.id).toBe('math-chain-n20-c16-r2');
    expect(longer[9]!.subtasks.map((s) => s.title)).not.toEqual(jobs[0]!.subtasks.map((s) => s.title));
  });

  it('are items whose prompt is the project and whose answer is "done"', () => {
    const suite = getTaskSuite('coding');
    const items = suite.generate({ count: 3, seed: 1, difficulty: 3, coding: { domains: ['text'] } });
    expect(items.map((i) => i.job?.id)).toEqual(['text-chain-n20-c16', 'text-chain-n20-c10', 'text-chain-n20-c2']);
    expect(items[0]).toMatchObject({ index: 0, suite: 'coding', answer: 'done', prompt: items[0]!.job!.description });
    expect(suite.grade(items[0]!, suite.extract('All tasks are done.', items[0]))).toBe(true);
    expect(suite.grade(items[0]!, suite.extract('Still working.', items[0]))).toBe(false);
  });
});

describe('the generator', () => {
  it.each([
    ['chain', 40, 30],
    ['fan-out', 12, 2],
    ['fan-out', 15, 5],
    ['fan-in', 12, 2],
    ['fan-in', 15, 6],
    ['layered', 30, 5],
    ['layered', 7, 7],
  ] as const)('makes a %s job of N = %i with a longest chain of C = %i', (shape, n, c) => {
    const job = generateCodingJob({ domain: 'math', subtasks: n, criticalPath: c, shape, synthetic: false, seed: 5, replica: 0 });
    expect(job.subtasks).toHaveLength(n);
    expect(job.criticalPath).toBe(c);
    expect(job.p).toBe(Math.round(((n - c) / n) * 100) / 100);
    expect(job.shape).toBe(shape);
    checkWellFormed(job);
  });

  it('gives fan-out one root that the rest hang from, and fan-in one node that waits for many', () => {
    const out = shapeGraph('fan-out', 10, 2, createRng(1));
    expect(out[0]).toEqual([]);
    expect(out.slice(1).every((deps) => deps.length === 1 && deps[0] === 0)).toBe(true);
    const into = shapeGraph('fan-in', 10, 3, createRng(1));
    expect(into.slice(0, 8).every((deps) => deps.length === 0)).toBe(true);
    expect(into[8]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(into[9]).toEqual([8]);
  });

  it('spreads a layered job evenly over its layers, each node waiting for the layer before', () => {
    const graph = shapeGraph('layered', 10, 4, createRng(3));
    // Layers of 3, 3, 2, 2: nodes 0–2, 3–5, 6–7, 8–9.
    const layerOf = (i: number) => (i < 3 ? 0 : i < 6 ? 1 : i < 8 ? 2 : 3);
    graph.forEach((deps, i) => {
      if (layerOf(i) === 0) expect(deps).toEqual([]);
      else for (const d of deps) expect(layerOf(d)).toBe(layerOf(i) - 1);
      if (layerOf(i) > 0) expect(deps.length).toBeGreaterThanOrEqual(1);
    });
  });

  it('uses the written functions where the job fits them, synthetic ones elsewhere or when asked', () => {
    expect(generateCodingJob({ domain: 'text', subtasks: 30, criticalPath: 16, shape: 'chain', synthetic: false, seed: 1, replica: 0 }).solutions).toHaveProperty(['unifyNewlines.js']);
    expect(generateCodingJob({ domain: 'text', subtasks: 40, criticalPath: 16, shape: 'chain', synthetic: false, seed: 1, replica: 0 }).id).toBe('text-chain-n40-c16-synthetic');
    expect(generateCodingJob({ domain: 'text', subtasks: 20, criticalPath: 10, shape: 'chain', synthetic: true, seed: 1, replica: 0 }).solutions).toHaveProperty(['label01.js']);
  });

  it('refuses a graph that cannot be drawn, saying why', () => {
    expect(() => generateCodingJob({ domain: 'math', subtasks: 10, criticalPath: 1, shape: 'fan-in', synthetic: false, seed: 1, replica: 0 })).toThrow(/fan-in job needs a longest chain of at least 2/);
    expect(() => generateCodingJob({ domain: 'math', subtasks: 10, criticalPath: 11, shape: 'chain', synthetic: false, seed: 1, replica: 0 })).toThrow(/between 1 and the number of subtasks, 10/);
  });

  it('makes jobs of any size deterministically', () => {
    const a = codingJobs({ subtasks: 100, p: [0.7], shape: 'layered', domains: ['geometry'] }, 1, 9)[0]!;
    const b = codingJobs({ subtasks: 100, p: [0.7], shape: 'layered', domains: ['geometry'] }, 1, 9)[0]!;
    expect(a.criticalPath).toBe(30);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(codingJobs({ subtasks: 100, p: [0.7], shape: 'layered', domains: ['geometry'] }, 1, 10)[0])).not.toBe(JSON.stringify(a));
  });
});
