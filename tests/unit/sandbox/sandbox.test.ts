import { afterAll, describe, expect, it } from 'vitest';
import { closeSandbox, runJobTests } from '../../../electron/core/sandbox';
import { jobWithTests } from './helpers';

afterAll(() => closeSandbox());

describe('the sandbox runs a job\'s tests against a repository', () => {
  const job = jobWithTests({
    'adds two numbers': '() => assert.equal(f(2, 3), 5)',
    'adds negatives': '() => assert.equal(f(-2, -3), -5)',
    'keeps decimals': '() => assert.close(f(0.1, 0.2), 0.3, 1e-12)',
  });

  it('passes every test of a correct file, with returncode 0', async () => {
    const result = await runJobTests({ job, files: { 'f.js': 'export function f(a, b) { return a + b; }' } });
    expect(result.returncode).toBe(0);
    expect(result.passed).toBe(3);
    expect(result.failed).toBe(0);
    expect(result.tests.map((t) => t.subtask)).toEqual(['task-1', 'task-1', 'task-1']);
    expect(result.output).toMatch(/^3 passed in/);
  });

  it('names a failed assertion with what was expected and what came, with returncode 1', async () => {
    const result = await runJobTests({ job, files: { 'f.js': 'export function f(a, b) { return a + b + (a < 0 ? 1 : 0); }' } });
    expect(result.returncode).toBe(1);
    expect(result.passed).toBe(2);
    const failed = result.tests.find((t) => t.outcome === 'failed');
    expect(failed?.name).toBe('tests/task-1.test.js::adds negatives');
    expect(failed?.message).toBe('expected -5, got -4');
    expect(result.output).toContain('FAILED tests/task-1.test.js::adds negatives - expected -5, got -4');
  });

  it('lets the repository\'s files import each other, with or without ".js"', async () => {
    const files = { 'f.js': "import { plus } from './lib/plus';\nexport function f(a, b) { return plus(a, b); }", 'lib/plus.js': "export { plus } from './impl.js';", 'lib/impl.js': 'export const plus = (a, b) => a + b;' };
    const result = await runJobTests({ job, files });
    expect(result.returncode).toBe(0);
  });

  it('reports a missing file as a collection error (returncode 2) that lists the files there are', async () => {
    const result = await runJobTests({ job, files: { 'g.js': 'export const g = 1;' } });
    expect(result.returncode).toBe(2);
    expect(result.tests.every((t) => t.outcome === 'error')).toBe(true);
    expect(result.output).toContain("cannot import '../f.js' in tests/task-1.test.js: there is no file f.js (the repository's .js files: g.js)");
    expect(result.output).toContain('ERROR tests/task-1.test.js (3 tests)');
  });

  it('tells an agent who wrote CommonJS to write ES modules', async () => {
    const result = await runJobTests({ job, files: { 'f.js': 'function f(a, b) { return a + b; }\nmodule.exports = { f };' } });
    expect(result.returncode).toBe(2);
    expect(result.output).toContain('f.js uses CommonJS; the sandbox runs ES modules');
  });

  it('says which export is missing', async () => {
    const result = await runJobTests({ job, files: { 'f.js': 'export function add(a, b) { return a + b; }' } });
    expect(result.output).toContain("Could not find export 'f' in module 'f.js' (f.js must export it");
  });

  it('points at the line of a syntax error', async () => {
    const result = await runJobTests({ job, files: { 'f.js': 'export function f(a, b) {\n  return a +;\n}' } });
    expect(result.returncode).toBe(2);
    expect(result.output).toMatch(/SyntaxError: .*f\.js:2/);
  });

  it('runs only the tests of the subtasks asked for', async () => {
    const two = { ...job, tests: [...job.tests, { path: 'tests/task-2.test.js', content: "import { test, assert } from 'quorum:test';\ntest('two', () => assert.ok(false));" }], testsBySubtask: { ...job.testsBySubtask, 'task-2': ['tests/task-2.test.js::two'] } };
    const files = { 'f.js': 'export function f(a, b) { return a + b; }' };
    expect((await runJobTests({ job: two, files, subtasks: ['task-1'] })).returncode).toBe(0);
    const second = await runJobTests({ job: two, files, subtasks: ['task-2'] });
    expect(second.tests.map((t) => t.name)).toEqual(['tests/task-2.test.js::two']);
    expect(second.returncode).toBe(1);
    expect((await runJobTests({ job: two, files })).passed).toBe(3);
  });

  it('answers returncode 5 when there are no tests to run', async () => {
    const result = await runJobTests({ job, files: {}, subtasks: ['task-9'] });
    expect(result.returncode).toBe(5);
    expect(result.output).toContain('no tests ran');
  });

  it('keeps what the code printed, labelled by test, in the output', async () => {
    const result = await runJobTests({ job, files: { 'f.js': "export function f(a, b) { console.log('adding', a, b, { a }); return a + b; }" }, subtasks: ['task-1'] });
    expect(result.output).toContain('[tests/task-1.test.js::adds two numbers] adding 2 3 {"a":2}');
  });

  it('lets a test file\'s team copy not replace the tests', async () => {
    const result = await runJobTests({ job, files: { 'f.js': 'export const f = (a, b) => a - b;', 'tests/task-1.test.js': "import { test } from 'quorum:test'; test('adds two numbers', () => {});" } });
    expect(result.returncode).toBe(1);
    expect(result.tests).toHaveLength(3);
  });

  it('runs async tests to the end', async () => {
    const asyncJob = jobWithTests({ 'awaits': 'async () => assert.equal(await f(1, 2), 3)', 'rejects': 'async () => { await f(0, 0); assert.ok(false, "after await"); }' });
    const result = await runJobTests({ job: asyncJob, files: { 'f.js': 'export async function f(a, b) { await null; return a + b; }' } });
    expect(result.tests.map((t) => t.outcome)).toEqual(['passed', 'failed']);
    expect(result.tests[1]?.message).toBe('after await: expected a true value, got false');
  });

  it('does not block the main thread while a slow run goes on', async () => {
    const slow = jobWithTests({ 'spins': '() => f()' });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const result = await runJobTests({ job: slow, files: { 'f.js': 'export function f() { for (;;) {} }' }, limits: { testMs: 600 } });
    clearInterval(timer);
    expect(result.returncode).toBe(1);
    // The 600 ms of spinning happened in a worker: the main thread's 10 ms timer kept firing meanwhile.
    expect(ticks).toBeGreaterThan(20);
  });

  it('answers returncode 3 for a run whose worker is stopped under it, and starts a fresh worker for the next', async () => {
    const slow = jobWithTests({ 'spins': '() => f()' });
    const running = runJobTests({ job: slow, files: { 'f.js': 'export function f() { for (;;) {} }' }, limits: { testMs: 5_000 } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await closeSandbox();
    const stopped = await running;
    expect(stopped.returncode).toBe(3);
    expect(stopped.output).toBe('INTERNALERROR the sandbox was closed before the run finished');
    const next = await runJobTests({ job, files: { 'f.js': 'export function f(a, b) { return a + b; }' } });
    expect(next.returncode).toBe(0);
  });
});
