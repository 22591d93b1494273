/**
 * The WebAssembly QuickJS engine, loaded once per worker thread, and one
 * fresh runtime per test: its own heap with a memory limit, its own stack
 * limit, an interrupt handler that stops it at its deadline, and module
 * loading from the repository only. The guest sees the JavaScript language
 * and what the harness gives it (test, assert, console); QuickJS's own
 * std/os modules are not in this build, so there is no file, process, network
 * or timer to reach.
 *
 * Why quickjs-emscripten: a maintained npm package, pure WebAssembly (no
 * native module to rebuild for Node's and Electron's ABIs, unlike
 * isolated-vm), with interrupt handlers, memory limits and ES modules; the
 * guest cannot reach anything of the host but the functions handed to it.
 */
import { newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import { HARNESS_MODULE } from './harness';
import { explainError, resolveImport, sourceOf, type ModuleSources } from './module-resolution';
import type { SandboxLimits } from './types';

let engine: Promise<QuickJSWASMModule> | null = null;

/** The engine, loaded on first use (30–150 ms measured) and kept for the worker's life. */
export function loadEngine(): Promise<QuickJSWASMModule> {
  engine ??= newQuickJSWASMModuleFromVariant(releaseSync);
  return engine;
}

/**
 * Drops the engine after the host side of it failed (a native stack overflow
 * or an abort leaves its heap in an unknown state): the next test loads a new one.
 */
export function discardEngine(): void {
  engine = null;
}

export interface Report {
  name: string;
  passed: boolean;
  message: string;
}

export type GuestAction = { kind: 'list' } | { kind: 'run'; name: string };

export type GuestOutcome =
  /** The test file loaded; `reports` holds what the harness reported, `listed` the test names for a list. */
  | { kind: 'loaded'; reports: Report[]; listed: string[] }
  /** The test file (or a module it imports) could not be loaded: the file's tests cannot run. */
  | { kind: 'load-error'; message: string }
  /** The action itself failed in a way the harness could not report: time or memory ran out, or the engine broke. */
  | { kind: 'stopped'; message: string };

export interface GuestRun {
  sources: ModuleSources;
  testPath: string;
  action: GuestAction;
  limits: SandboxLimits;
  /** Epoch ms when the guest is interrupted. */
  deadline: number;
  /** Where the guest's console output goes (already capped by the caller). */
  write: (text: string) => void;
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
}

function errorText(value: unknown, sources?: ModuleSources): string {
  if (value !== null && typeof value === 'object') {
    const error = value as ErrorShape;
    const name = typeof error.name === 'string' ? error.name : 'Error';
    const message = typeof error.message === 'string' ? error.message : String(value);
    const where = typeof error.stack === 'string' ? /\(?([^\s()]+:\d+):\d+\)?/.exec(error.stack) : null;
    return explainError(`${name}: ${message}${where && !message.includes(where[1]!) ? ` (at ${where[1]})` : ''}`, sources);
  }
  return `threw ${String(value)}`;
}

/** Why the engine stopped, in words: the deadline, memory, the stack, or what it threw. */
function stopReason(text: string, interrupted: boolean, limits: SandboxLimits): string {
  if (interrupted || /InternalError: interrupted/.test(text)) return `timed out after ${(limits.testMs / 1000).toFixed(1)} s (the test's time limit): an endless loop, or work far too slow`;
  if (/out of memory|string too long|invalid array length|array too large/i.test(text)) return `ran out of memory (the limit is ${Math.round(limits.memoryBytes / 1024 / 1024)} MB per test): ${text}`;
  if (/stack overflow|call stack size/i.test(text)) return `stack overflow: recursion too deep (${text})`;
  return text;
}

class GuestSession {
  private interrupted = false;
  readonly reports: Report[] = [];
  private readonly problems = new Map<string, string>();

  constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    private readonly run: GuestRun,
  ) {
    runtime.setMemoryLimit(run.limits.memoryBytes);
    runtime.setMaxStackSize(run.limits.stackBytes);
    runtime.setInterruptHandler(() => {
      if (Date.now() <= run.deadline) return false;
      this.interrupted = true;
      return true;
    });
    runtime.setModuleLoader(
      (name) => {
        const problem = this.problems.get(name);
        if (problem !== undefined) return { error: new Error(problem) };
        const source = sourceOf(run.sources, name);
        return source ?? { error: new Error(`cannot load ${name}`) };
      },
      (importer, requested) => {
        const resolved = resolveImport(run.sources, importer, requested);
        if ('path' in resolved) return resolved.path;
        // A normalizer's own error loses its message in this build; the loader raises it instead.
        const token = `<unresolved ${this.problems.size + 1}>`;
        this.problems.set(token, resolved.problem);
        return token;
      },
    );
    this.installHostFunctions();
  }

  private installHostFunctions(): void {
    const { context } = this;
    const text = (handle: QuickJSHandle | undefined) => (handle !== undefined && context.typeof(handle) === 'string' ? context.getString(handle) : '');
    const report = context.newFunction('__quorumReport', (name, passed, message) => {
      this.reports.push({ name: text(name), passed: passed !== undefined && context.typeof(passed) === 'boolean' && context.dump(passed) === true, message: text(message) });
    });
    const write = context.newFunction('__quorumWrite', (line) => {
      this.run.write(text(line));
    });
    context.setProp(context.global, '__quorumReport', report);
    context.setProp(context.global, '__quorumWrite', write);
    report.dispose();
    write.dispose();
  }

  /** Evaluates a module and waits for it (top-level await included); the error as text, or null. */
  evalModule(code: string, filename: string): string | null {
    const { context, runtime } = this;
    const result = context.evalCode(code, filename, { type: 'module' });
    if (result.error) {
      const failure = errorText(context.dump(result.error), this.run.sources);
      result.error.dispose();
      return failure;
    }
    // Run what the module left queued (its own awaits, a test's promise) before looking at its state.
    const jobs = runtime.executePendingJobs();
    if (jobs.error) {
      const failure = errorText(context.dump(jobs.error), this.run.sources);
      jobs.error.dispose();
      result.value.dispose();
      return failure;
    }
    jobs.dispose();
    const state = context.getPromiseState(result.value);
    let failure: string | null = null;
    if (state.type === 'rejected') {
      failure = errorText(context.dump(state.error), this.run.sources);
      state.error.dispose();
    } else if (state.type === 'pending') {
      failure = 'the module never finished loading (it awaits something that never comes)';
    } else if (!state.notAPromise) {
      state.value.dispose();
    }
    result.value.dispose();
    return failure;
  }

  stopped(text: string): string {
    return stopReason(text, this.interrupted, this.run.limits);
  }

  wasInterrupted(): boolean {
    return this.interrupted;
  }

  listedNames(): string[] {
    const { context } = this;
    const result = context.evalCode(`import { listTests } from '${HARNESS_MODULE}'; globalThis.__quorumListed = listTests();`, '<list>', { type: 'module' });
    if (result.error) result.error.dispose();
    else result.value.dispose();
    const listed = context.getProp(context.global, '__quorumListed');
    const names = context.typeof(listed) === 'string' ? context.getString(listed) : '';
    listed.dispose();
    return names.length === 0 ? [] : names.split('\n');
  }
}

/** Loads the test file in a fresh runtime and does the action; never throws for what the guest does. */
export function runGuest(qjs: QuickJSWASMModule, run: GuestRun): { outcome: GuestOutcome; engineBroken: boolean } {
  let runtime: QuickJSRuntime | null = null;
  let context: QuickJSContext | null = null;
  let outcome: GuestOutcome;
  let engineBroken = false;
  try {
    runtime = qjs.newRuntime();
    context = runtime.newContext();
    const session = new GuestSession(runtime, context, run);
    outcome = act(session, run);
  } catch (error) {
    // The host side of the engine failed (a native stack overflow, an abort): its heap cannot be trusted.
    engineBroken = true;
    outcome = { kind: 'stopped', message: stopReason(`${(error as Error).name}: ${(error as Error).message}`, false, run.limits) };
  }
  try {
    context?.dispose();
    runtime?.dispose();
  } catch {
    engineBroken = true;
  }
  return { outcome, engineBroken };
}

function act(session: GuestSession, run: GuestRun): GuestOutcome {
  const harnessError = session.evalModule(`import '${HARNESS_MODULE}';`, '<harness>');
  if (harnessError !== null) return { kind: 'stopped', message: session.stopped(`the test harness failed to start: ${harnessError}`) };
  const source = sourceOf(run.sources, run.testPath);
  if (source === undefined) return { kind: 'load-error', message: `the test file ${run.testPath} is missing` };
  const loadError = session.evalModule(source, run.testPath);
  if (loadError !== null) {
    const message = session.stopped(loadError);
    return { kind: 'load-error', message: session.wasInterrupted() ? `${message} (while loading ${run.testPath} and the modules it imports)` : message };
  }
  if (run.action.kind === 'list') return { kind: 'loaded', reports: [], listed: session.listedNames() };
  const runError = session.evalModule(`import { runTest } from '${HARNESS_MODULE}'; runTest(${JSON.stringify(run.action.name)});`, '<run>');
  if (session.reports.length === 0) {
    return { kind: 'stopped', message: runError !== null ? session.stopped(runError) : 'the test never finished (its promise never settled)' };
  }
  // An error the harness caught (memory running out, a stack overflow) is named as the limit it hit.
  const reports = session.reports.map((r) => (r.passed ? r : { ...r, message: session.stopped(r.message) }));
  return { kind: 'loaded', reports, listed: [] };
}
