/**
 * The coding team's shared environment (docs/coding-teams.md), plugged in
 * through the engine's environment hook: the task board, the repository
 * (path → content), file locks that contend, and test runs in the sandbox.
 * Every action is checked here, answered in words for the agent that took
 * it, summed up in a line its teammates read, and recorded as a run event.
 */
import type { CodingJob, CoordinationMode, Execution } from '../../../../shared/domain/jobs';
import type { EnvironmentAction, EnvironmentMoment, EnvironmentResult, EnvironmentState } from '../../engine/environment';
import { cleanRepoPath, type CodingAction } from './actions';
import type { Assignment } from './assignment';
import { TaskBoard } from './board';
import { LockTable } from './locks';
import { RunLog } from './run-log';
import { timedTestRun, type TestRunner } from './test-runs';
import type { TestReport } from './turn-view';

/** Largest file an agent may write, in characters. */
export const MAX_FILE_CHARS = 100_000;
/** The part of a test run's output the agent who asked reads. */
export const TEST_OUTPUT_CHARS = 1_500;

export interface CodingSetup {
  mode: CoordinationMode;
  execution: Execution;
  teamSize: number;
  /** Sim calls: test runs last a documented logical time and are cached. */
  virtualTime: boolean;
  runner: TestRunner;
}

/** An agent's latest turn as its teammates read it. */
export interface TurnSummary {
  /** Order in which turns ended in the run. */
  seq: number;
  lines: string[];
  note: string;
}

interface AgentState {
  /** Its own turns so far (0-based index of the current one). */
  turn: number;
  tests: TestReport | null;
  /** What became of the actions of its last turn; read by its next one. */
  feedback: string[];
  /** The third-person lines of the turn in progress. */
  lines: string[];
  last: TurnSummary | null;
  /** The seq of the last teammate turn it has read about. */
  seen: number;
  notices: string[];
}

export function isCodingEnvironment(state: EnvironmentState | undefined | null): state is CodingEnvironment {
  return state instanceof CodingEnvironment;
}

export class CodingEnvironment implements EnvironmentState {
  readonly name = 'coding board';
  readonly board: TaskBoard;
  readonly locks = new LockTable();
  readonly log = new RunLog();
  private readonly files = new Map<string, string>();
  private readonly testPaths: ReadonlySet<string>;
  /** Subtasks whose files their owner has begun writing: no longer stealable. */
  private readonly started = new Set<string>();
  private agents: AgentState[] = [];
  private setupDone: CodingSetup | null = null;
  private turnsEnded = 0;
  private fileWrites = 0;

  constructor(readonly job: CodingJob) {
    this.board = new TaskBoard(job);
    this.testPaths = new Set(job.tests.map((t) => cleanRepoPath(t.path)));
  }

  get setup(): CodingSetup {
    if (!this.setupDone) throw new Error('The coding environment was used before the team set it up.');
    return this.setupDone;
  }

  /** Starts the run: the team, and the subtasks handed out before anyone acts. */
  start(setup: CodingSetup, assignment: Assignment | null): void {
    this.setupDone = setup;
    this.agents = Array.from({ length: setup.teamSize }, () => ({ turn: -1, tests: null, feedback: [], lines: [], last: null, seen: 0, notices: [] }));
    if (assignment) for (const [id, agent] of assignment) this.board.assign(id, agent);
    const loads = Array.from({ length: setup.teamSize }, (_, agent) => this.board.unfinishedOf(agent).length);
    this.log.add('run_start', 0, {
      detail: `job ${this.job.id} (${this.job.subtasks.length} subtasks, p = ${this.job.p}, C = ${this.job.criticalPath}); mode ${setup.mode}, execution ${setup.execution}, n = ${setup.teamSize}${assignment ? `; loads [${loads.join(', ')}]` : ''}`,
    });
  }

  /** Grows with every change to the board or the files: what sleeping agents wait for. */
  get version(): number {
    return this.board.version + this.fileWrites;
  }

  repository(): Record<string, string> {
    return Object.fromEntries(this.files);
  }

  fileContent(path: string): string | undefined {
    return this.files.get(path);
  }

  isStarted(id: string): boolean {
    return this.started.has(id);
  }

  agentState(agent: number): Readonly<AgentState> {
    return this.agents[agent]!;
  }

  /** The engine's hook: an action as plain data. */
  apply(agent: number, action: EnvironmentAction, at: EnvironmentMoment): EnvironmentResult | Promise<EnvironmentResult> {
    const args = action.args ?? {};
    const text = (key: string) => (typeof args[key] === 'string' ? (args[key] as string) : String(args[key] ?? ''));
    switch (action.kind) {
      case 'claim':
      case 'complete':
        return this.act(agent, { kind: action.kind, task: text('task') }, at);
      case 'assign':
        return this.act(agent, { kind: 'assign', task: text('task'), to: Number(args.to) }, at);
      case 'write':
        return this.act(agent, { kind: 'write', path: text('path'), content: text('content') }, at);
      case 'run_tests':
        return this.act(agent, { kind: 'run_tests', tasks: text('tasks').split(',').filter((t) => t !== '') }, at);
      default:
        return { ok: false, detail: `${action.kind} is not an action on the coding board` };
    }
  }

  /** One action of `agent`, at `at` (round 1-based as job events count). Only test runs are asynchronous. */
  act(agent: number, action: CodingAction, at: EnvironmentMoment): EnvironmentResult | Promise<EnvironmentResult> {
    switch (action.kind) {
      case 'claim':
        return this.claim(agent, action.task, at);
      case 'assign':
        return this.assign(agent, action.task, action.to, at);
      case 'write':
        return this.write(agent, action.path, action.content, at);
      case 'complete':
        return this.complete(agent, action.task, at);
      case 'run_tests':
        return this.runTests(agent, action.tasks, at);
    }
  }

  private subtaskId(raw: string): string | null {
    return this.board.resolveId(raw);
  }

  private tell(agent: number, result: EnvironmentResult, publicLine: string | null): EnvironmentResult {
    const state = this.agents[agent]!;
    state.feedback.push(`${result.ok ? '' : 'Refused: '}${result.detail}`);
    if (publicLine !== null) state.lines.push(publicLine);
    return result;
  }

  private claim(agent: number, raw: string, at: EnvironmentMoment): EnvironmentResult {
    const id = this.subtaskId(raw);
    if (id === null) {
      this.log.add('claim_task', at.atMs, { round: at.round, agent, ok: false, detail: `no subtask "${raw}" on the board` });
      return this.tell(agent, { ok: false, detail: `claim ${raw}: there is no such subtask on the board` }, null);
    }
    const verdict = this.board.claim(agent, id, this.setup.mode === 'self-claim');
    if (verdict.ok) {
      this.log.add('claim_task', at.atMs, { round: at.round, agent, taskId: id, ok: true });
      return this.tell(agent, { ok: true, detail: `claim ${id}: ${verdict.detail}` }, `claimed ${id}`);
    }
    this.log.add(verdict.blocked ? 'claim_blocked' : 'claim_task', at.atMs, { round: at.round, agent, taskId: id, ok: false, detail: verdict.detail });
    return this.tell(agent, { ok: false, detail: `claim ${id}: ${verdict.detail}` }, `was refused ${id} (${verdict.detail})`);
  }

  private assign(agent: number, raw: string, to: number, at: EnvironmentMoment): EnvironmentResult {
    const lead = this.setup.mode === 'lead-assign' && agent === 0;
    const id = this.subtaskId(raw);
    const refuse = (detail: string) => {
      this.log.add('assign_task', at.atMs, { round: at.round, agent, taskId: id, ok: false, detail });
      return this.tell(agent, { ok: false, detail: `assign ${id ?? raw}: ${detail}` }, null);
    };
    if (!lead) return refuse('only the lead assigns subtasks');
    if (id === null) return refuse('there is no such subtask on the board');
    if (!Number.isInteger(to) || to < 0 || to >= this.setup.teamSize) return refuse(`there is no agent ${to}; the agents are 0 to ${this.setup.teamSize - 1}`);
    if (this.board.status(id) === 'done') return refuse(`${id} is already done`);
    const before = this.board.owner(id);
    this.board.assign(id, to);
    this.log.add('assign_task', at.atMs, { round: at.round, agent, taskId: id, ok: true, detail: `to agent ${to}${before !== null && before !== to ? ` (was agent ${before}'s)` : ''}` });
    if (to !== agent) this.agents[to]!.notices.push(`The lead assigned you ${id}.`);
    if (before !== null && before !== to) this.agents[before]!.notices.push(`The lead gave ${id} to agent ${to}: it is no longer yours.`);
    return this.tell(agent, { ok: true, detail: `assign ${id}: agent ${to} has it` }, `assigned ${id} to agent ${to}`);
  }

  private write(agent: number, rawPath: string, content: string, at: EnvironmentMoment): EnvironmentResult {
    const path = cleanRepoPath(rawPath);
    const refuse = (detail: string) => {
      this.log.add('lock_attempt', at.atMs, { round: at.round, agent, path, ok: false, detail });
      return this.tell(agent, { ok: false, detail: `write ${path}: ${detail}` }, null);
    };
    if (path === '' || path.split('/').includes('..')) return refuse('not a path inside the repository');
    if (this.testPaths.has(path)) return refuse('that is one of the job\'s test files, which the team cannot change');
    if (content.length > MAX_FILE_CHARS) return refuse(`the file is ${content.length} characters, more than ${MAX_FILE_CHARS}`);
    const state = this.agents[agent]!;
    const lock = this.locks.acquire(path, agent, state.turn, at.atMs);
    const taskId = this.board.subtaskOfFile(path);
    if (!lock.ok) {
      const detail = `agent ${lock.holder.holder} holds the lock on ${path} (it wrote it at ${(lock.holder.atMs / 1000).toFixed(1)} s); nothing was written. Leave the file to agent ${lock.holder.holder}, or write it once its lock lapses at the end of its next turn.`;
      this.log.add('lock_attempt', at.atMs, { round: at.round, agent, path, taskId, ok: false, detail: `held by agent ${lock.holder.holder}` });
      return this.tell(agent, { ok: false, detail: `write ${path}: ${detail}` }, `was denied the lock on ${path} (agent ${lock.holder.holder} holds it)`);
    }
    this.log.add('lock_attempt', at.atMs, { round: at.round, agent, path, taskId, ok: true, ...(lock.renewed ? { detail: 'renewed' } : {}) });
    const before = this.files.get(path);
    this.files.set(path, content);
    this.fileWrites++;
    if (taskId !== null && this.board.owner(taskId) === agent) this.started.add(taskId);
    this.log.add('edit_file', at.atMs, { round: at.round, agent, path, taskId, detail: `${content.length} characters${before === undefined ? ', new file' : before === content ? ', unchanged' : ''}` });
    return this.tell(agent, { ok: true, detail: `write ${path}: written; you hold its lock through your next turn` }, `wrote ${path}`);
  }

  private complete(agent: number, raw: string, at: EnvironmentMoment): EnvironmentResult {
    const id = this.subtaskId(raw);
    if (id === null) {
      this.log.add('complete_task', at.atMs, { round: at.round, agent, ok: false, detail: `no subtask "${raw}" on the board` });
      return this.tell(agent, { ok: false, detail: `complete ${raw}: there is no such subtask on the board` }, null);
    }
    const verdict = this.board.complete(agent, id, (path) => this.files.has(path));
    this.log.add('complete_task', at.atMs, { round: at.round, agent, taskId: id, ok: verdict.ok, ...(verdict.ok ? {} : { detail: verdict.detail }) });
    return this.tell(agent, { ok: verdict.ok, detail: `complete ${id}: ${verdict.detail}` }, verdict.ok ? `completed ${id}` : `could not complete ${id} (${verdict.detail})`);
  }

  private async runTests(agent: number, rawTasks: readonly string[], at: EnvironmentMoment): Promise<EnvironmentResult> {
    const ids = rawTasks.map((raw) => ({ raw, id: this.subtaskId(raw) }));
    const unknown = ids.filter((t) => t.id === null).map((t) => t.raw);
    const selected = [...new Set(ids.flatMap((t) => (t.id === null ? [] : [t.id])))];
    if (rawTasks.length > 0 && selected.length === 0) {
      this.log.add('run_tests', at.atMs, { round: at.round, agent, returncode: 5, seconds: 0, detail: `no such subtasks: ${unknown.join(', ')}` });
      return this.tell(agent, { ok: false, detail: `run_tests: there is no ${unknown.join(', ')} on the board; nothing ran` }, null);
    }
    const { result, seconds } = await timedTestRun({ job: this.job, files: this.repository(), subtasks: selected, virtualTime: this.setup.virtualTime, runner: this.setup.runner });
    const endMs = at.atMs + seconds * 1000;
    const summary = result.output.split('\n')[0] ?? '';
    this.log.add('run_tests', endMs, { round: at.round, agent, taskId: selected.length === 1 ? selected[0]! : null, returncode: result.returncode, seconds, detail: `${selected.length === 0 ? 'all tests' : selected.join(', ')}: ${summary}` });
    this.agents[agent]!.tests = this.report(result, selected);
    const scope = selected.length === 0 ? 'all tests' : `the tests of ${selected.join(', ')}`;
    const extra = unknown.length > 0 ? ` (no ${unknown.join(', ')} on the board)` : '';
    return { ...this.tell(agent, { ok: true, detail: `run_tests: ran ${scope}${extra}: ${summary}` }, `ran ${scope}: ${summary}`), seconds };
  }

  private report(result: Awaited<ReturnType<TestRunner>>, selected: readonly string[]): TestReport {
    const failing = new Set<string>();
    const seen = new Set<string>();
    for (const test of result.tests) {
      if (test.subtask === null) continue;
      seen.add(test.subtask);
      if (test.outcome !== 'passed') failing.add(test.subtask);
    }
    const scope = selected.length > 0 ? selected : [...seen];
    const order = (ids: Iterable<string>) => [...ids].filter((id) => this.board.has(id)).sort((a, b) => this.board.rankOf(a) - this.board.rankOf(b));
    const output = result.output.length > TEST_OUTPUT_CHARS ? `${result.output.slice(0, TEST_OUTPUT_CHARS)}\n… (output cut)` : result.output;
    return { returncode: result.returncode, failing: order(failing), passing: order(scope.filter((id) => seen.has(id) && !failing.has(id))), output };
  }

  /** A new turn of `agent` begins: its feedback, notices and teammates' news move into the view being built. */
  beginTurn(agent: number): { feedback: string[]; notices: string[]; updates: Array<{ agent: number; summary: TurnSummary }> } {
    const state = this.agents[agent]!;
    state.turn += 1;
    const feedback = state.feedback;
    const notices = state.notices;
    state.feedback = [];
    state.notices = [];
    const updates = this.agents.flatMap((other, index) => (index !== agent && other.last !== null && other.last.seq > state.seen ? [{ agent: index, summary: other.last }] : []));
    state.seen = this.turnsEnded;
    return { feedback, notices, updates };
  }

  /** `agent`'s turn is over: leases it did not renew lapse, and its teammates can read what it did. */
  endTurn(agent: number, note: string): void {
    const state = this.agents[agent]!;
    this.locks.endTurn(agent, state.turn);
    state.last = { seq: ++this.turnsEnded, lines: state.lines, note };
    state.lines = [];
  }

  /** Feedback for `agent`'s next turn that no action produced (its reply could not be read, its call failed). */
  note(agent: number, line: string): void {
    this.agents[agent]!.feedback.push(line);
  }

  /** Work stealing: `thief` takes `task` from `from`; recorded, and both are told. */
  steal(thief: number, from: number, task: string, at: EnvironmentMoment): void {
    this.board.assign(task, thief);
    this.log.add('steal_task', at.atMs, { round: at.round, agent: thief, taskId: task, ok: true, detail: `from agent ${from}` });
    this.agents[thief]!.notices.push(`You took ${task} from agent ${from}'s queue: it is yours now.`);
    this.agents[from]!.notices.push(`Agent ${thief} took ${task} from your queue: it is no longer yours.`);
  }

  /** Whether `agent` has anything to do: a subtask of its own that is ready, a failing test of its own, something to claim or assign. */
  hasWork(agent: number): boolean {
    if (this.board.actionableOf(agent).length > 0) return true;
    const failing = this.agents[agent]!.tests?.failing ?? [];
    if (failing.some((id) => this.board.owner(id) === agent)) return true;
    const mode = this.setup.mode;
    if (mode === 'self-claim' && this.board.pending(true).length > 0) return true;
    return mode === 'lead-assign' && agent === 0 && this.board.pending(true).length > 0;
  }

  jobEvents() {
    return this.log.all();
  }
}
