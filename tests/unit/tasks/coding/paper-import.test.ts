/**
 * Task files in the paper's format: the nine released ones import as jobs,
 * the lab says before anything runs what their tests need, and a Python test
 * suite runs with pytest only when the spec allows it.
 */
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandbox, findHostPython, runJobTests } from '../../../../electron/core/sandbox';
import { paperTaskItems, PaperTasksProblem } from '../../../../electron/core/tasks/coding/paper-items';
import { paperJob } from '../../../../electron/core/tasks/coding/paper-format';
import { itemsForSpec } from '../../../../electron/core/tasks/items-for-spec';
import { parseExperimentSpec, type ExperimentSpec, type TaskSpec } from '../../../../shared/domain/spec';

afterAll(() => closeSandbox());

const root = join(import.meta.dirname, '..', '..', '..', '..');
// The paper's released task files (MIT; tests/fixtures/paper-data/LICENSE), kept in the repository as fixtures.
const paperTasks = join(root, 'tests', 'fixtures', 'paper-data', 'tasks');
const fixtures = join(root, 'tests', 'fixtures', 'paper-tasks');
const python = await findHostPython();

function tasks(fields: Partial<TaskSpec>): TaskSpec {
  return { seed: 1, difficulty: 3, ...fields } as TaskSpec;
}

async function problem(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PaperTasksProblem) return `${error.message} ${error.issues.map((i) => i.message).join(' | ')}`;
    throw error;
  }
  throw new Error('expected the import to be refused');
}

describe('the paper\'s nine task files', () => {
  it('import as jobs of 20 Python subtasks with the chains the paper labels them by', async () => {
    const items = await paperTaskItems(paperTasks, tasks({ paperTasks, withoutTests: true }));
    expect(items.map((i) => i.job!.id)).toEqual([
      'amdahl_dataanalysis/p02', 'amdahl_dataanalysis/p05', 'amdahl_dataanalysis/p09',
      'amdahl_mathutilities20/p02', 'amdahl_mathutilities20/p05', 'amdahl_mathutilities20/p09',
      'amdahl_svgutils/p02', 'amdahl_svgutils/p05', 'amdahl_svgutils/p09',
    ]);
    for (const item of items) {
      const job = item.job!;
      expect(job.language).toBe('python');
      expect(job.subtasks).toHaveLength(20);
      const label = Number(job.id.slice(-2)) / 10;
      expect(job.p, job.id).toBe(label);
      expect(job.criticalPath).toBe({ 0.2: 16, 0.5: 10, 0.9: 2 }[label]);
      expect(job.tests).toEqual([]);
      expect(job.subtasks.every((s) => s.files.length === 1 && s.files[0]!.endsWith('.py') && !s.files[0]!.startsWith('repo'))).toBe(true);
      expect(item).toMatchObject({ suite: 'coding', answer: 'done', prompt: job.description });
    }
  });

  it('are refused without withoutTests, with what no test suite means for the figures', async () => {
    const message = await problem(paperTaskItems(paperTasks, tasks({ paperTasks })));
    expect(message).toContain('there is no test_suite.py beside the task files');
    expect(message).toContain('final test-pass figure (trials.score) stays empty');
    expect(message).toContain('Set tasks.withoutTests to true');
  });

  it('import through an experiment spec, a single file too', async () => {
    const spec = parseExperimentSpec({ name: 'paper', tasks: { paperTasks: join(paperTasks, 'amdahl_svgutils', 'p05.json'), withoutTests: true }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] });
    if (!spec.ok) throw new Error(JSON.stringify(spec.issues));
    const { items, spec: planned } = await itemsForSpec(spec.value);
    expect(items.map((i) => i.job!.id)).toEqual(['amdahl_svgutils/p05']);
    expect(planned.tasks.count).toBe(1);
  });
});

describe('a task folder with a Python test suite', () => {
  const tiny = join(fixtures, 'tiny');

  it('is refused unless the spec allows host Python or runs without tests', async () => {
    const message = await problem(paperTaskItems(tiny, tasks({ paperTasks: tiny })));
    expect(message).toContain('would run the team\'s Python with pytest on this computer, outside the WebAssembly sandbox');
    expect(message).toContain('Set tasks.allowHostPython to true');
    const items = await paperTaskItems(tiny, tasks({ paperTasks: tiny, withoutTests: true }));
    expect(items[0]!.job!.tests).toEqual([]);
    expect(items[0]!.job!.hostPython).toBeUndefined();
  });

  it('is refused beside task files without tests, or when host Python is allowed for files that have none', async () => {
    const mixed = await problem(paperTaskItems(fixtures, tasks({ paperTasks: fixtures, allowHostPython: true })));
    expect(mixed).toContain('Some task files come without tests. 1 of 2 task files have no test_suite.py beside them');
    expect(mixed).toContain('no-tests/p03.json');
    const none = join(fixtures, 'no-tests');
    expect(await problem(paperTaskItems(none, tasks({ paperTasks: none, allowHostPython: true })))).toContain('there is no test_suite.py beside the task files');
    const all = await paperTaskItems(fixtures, tasks({ paperTasks: fixtures, withoutTests: true }));
    expect(all.map((i) => [i.job!.id, i.job!.tests.length])).toEqual([['no-tests/p03', 0], ['tiny/p03', 0]]);
  });

  it.skipIf(!python.available)('runs its tests with pytest when allowed: passing, failing, refused and runaway code', async () => {
    const [item] = await paperTaskItems(tiny, tasks({ paperTasks: tiny, allowHostPython: true }));
    const job = item!.job!;
    expect(job.hostPython).toBe(true);
    expect(job.tests.map((t) => t.path).sort()).toEqual(['conftest.py', 'test_suite.py']);
    expect(job.subtasks.map((s) => [s.id, s.dependencies, s.files])).toEqual([['task-1', [], ['cm_to_m.py']], ['task-2', ['task-1'], ['mm_to_m.py']], ['task-3', [], ['km_to_m.py']]]);
    const files = {
      'cm_to_m.py': 'def cm_to_m(cm):\n    return cm / 100\n',
      'mm_to_m.py': 'from cm_to_m import cm_to_m\n\ndef mm_to_m(mm):\n    return cm_to_m(mm / 10)\n',
      'km_to_m.py': 'def km_to_m(km):\n    return km * 1000\n',
    };
    const passed = await runJobTests({ job, files });
    expect(passed.returncode, passed.output).toBe(0);
    expect(passed.passed).toBe(3);
    expect(passed.tests.map((t) => t.name)).toContain('test_suite.py::test_km_to_m');

    const failed = await runJobTests({ job, files: { ...files, 'km_to_m.py': 'def km_to_m(km):\n    return km * 100\n' } });
    expect(failed.returncode).toBe(1);
    expect(failed.tests.find((t) => t.outcome === 'failed')?.name).toBe('test_suite.py::test_km_to_m');

    const missing = await runJobTests({ job, files: { 'cm_to_m.py': files['cm_to_m.py'] } });
    expect(missing.returncode).toBe(2);
    expect(missing.output).toMatch(/ModuleNotFoundError|No module named/);

    const runaway = await runJobTests({ job, files: { ...files, 'cm_to_m.py': 'while True:\n    pass\n' }, limits: { runMs: 1500 } });
    expect(runaway.returncode).toBe(2);
    expect(runaway.output).toContain('the test run was stopped after 1.5 s');

    const notAllowed = await runJobTests({ job: { ...job, hostPython: undefined }, files });
    expect(notAllowed.returncode).toBe(3);
    expect(notAllowed.output).toContain('its spec did not allow that (set tasks.allowHostPython to true');
  }, 60_000);

  it.skipIf(!python.available || !python.noNetwork || !python.prlimit)('gives the team\'s Python no network and a memory limit where the system allows', async () => {
    const [item] = await paperTaskItems(tiny, tasks({ paperTasks: tiny, allowHostPython: true }));
    const job = item!.job!;
    const base = { 'cm_to_m.py': 'def cm_to_m(cm):\n    return cm / 100\n', 'mm_to_m.py': 'def mm_to_m(mm):\n    return mm / 1000\n' };
    // A server on this computer's loopback: reachable from the host, not from the tests' own network namespace.
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const reaching = `import socket\ndef km_to_m(km):\n    socket.create_connection(('127.0.0.1', ${port}), timeout=2).close()\n    return km * 1000\n`;
      const networked = await runJobTests({ job, files: { ...base, 'km_to_m.py': reaching } });
      expect(networked.returncode).toBe(1);
      expect(networked.tests.find((t) => t.name.endsWith('test_km_to_m'))?.outcome).toBe('failed');
    } finally {
      server.close();
    }
    const hoarding = 'def km_to_m(km):\n    hoard = bytearray(3 * 1024 ** 3)\n    return km * 1000 + len(hoard) * 0\n';
    const hoarded = await runJobTests({ job, files: { ...base, 'km_to_m.py': hoarding }, limits: { memoryBytes: 256 * 1024 * 1024 } });
    expect(hoarded.returncode).toBe(1);
    expect(hoarded.output).toContain('MemoryError');
  }, 60_000);
});

describe('bad task files', () => {
  it('name the file and what is wrong', () => {
    const job = (json: string) => paperJob({ name: 'x/p', domain: 'x', json, tests: [], hostPython: false });
    expect(job('{')).toMatchObject({ problem: expect.stringContaining('is not JSON') });
    expect(job('{"project": "p", "tasks": []}')).toMatchObject({ problem: expect.stringContaining("is not a task file in the paper's format: tasks") });
    expect(job('{"project": "p", "tasks": [{"id": "a", "title": "", "description": "", "dependencies": ["b"]}]}')).toEqual({ problem: 'task "a" depends on "b", which the file does not have' });
    expect(job('{"project": "p", "tasks": [{"id": "a", "title": "", "description": "", "dependencies": ["b"]}, {"id": "b", "title": "", "description": "", "dependencies": ["a"]}]}')).toEqual({
      problem: "has a cycle among its tasks' dependencies",
    });
  });

  it('stop an experiment from being created, with the path to fix', async () => {
    const spec = { name: 'x', tasks: { paperTasks: 'nowhere/at/all', withoutTests: true }, agents: { model: 'sim:default' }, teams: [{ structure: 'single' }] };
    const parsed = parseExperimentSpec(spec);
    if (!parsed.ok) throw new Error('spec invalid');
    await expect(itemsForSpec(parsed.value as ExperimentSpec, { cwd: root })).rejects.toThrow(/tasks\.paperTasks: "nowhere\/at\/all" was not found/);
  });
});
