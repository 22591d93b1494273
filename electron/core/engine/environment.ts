/**
 * The optional shared environment of a trial: state the agents act on besides
 * talking to each other (the coding team's task board, files, locks and test
 * runs plug in here). The engine builds one per trial — from the trial's
 * input, or from the structure's own factory — hands it to the structure and
 * records what agents do to it, on the trial's timeline.
 *
 * Actions are synchronous (`act`) unless the state needs to wait for
 * something (a test run in the sandbox): then `perform` returns a promise.
 * A state that keeps a typed record of its own (the coding board's run
 * events, written to job_events) is not also written as `env_…` trial events.
 */
import type { JobEvent } from '../../../shared/domain/jobs';
import type { TaskItem } from '../tasks/types';

export interface EnvironmentAction {
  /** What the agent does, e.g. "claim", "write", "run_tests". */
  kind: string;
  /** The action's arguments, as plain data. */
  args?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface EnvironmentResult {
  /** Whether the environment let the action happen (a lock another agent holds is refused). */
  ok: boolean;
  /** What the agent is told, in words: it may go into its next prompt. */
  detail: string;
  /** How long the action keeps its agent busy on the trial's timeline (a test run), seconds; absent: no time. */
  seconds?: number;
}

/** Where on the trial's timeline an action happens. */
export interface EnvironmentMoment {
  round: number;
  atMs: number;
}

/** An environment as a structure sees it: each action is recorded with its agent, round and logical time. */
export interface TrialEnvironment<S extends EnvironmentState = EnvironmentState> {
  readonly name: string;
  /** The state itself, for structures that know its type and read it directly (the coding team reads its board). */
  readonly state: S;
  /** A synchronous action; throws if the state answers it asynchronously (use `perform`). */
  act(agentIndex: number, action: EnvironmentAction, at: EnvironmentMoment): EnvironmentResult;
  /** Any action, synchronous or not (a test run waits for the sandbox). */
  perform(agentIndex: number, action: EnvironmentAction, at: EnvironmentMoment): Promise<EnvironmentResult>;
}

/** What the engine knows of the trial when it builds its environment. */
export interface EnvironmentTrial {
  seed: number;
  itemIndex: number;
  item: TaskItem;
}

/** Builds a fresh environment for each trial (environments hold per-trial state). */
export type EnvironmentFactory = (trial: EnvironmentTrial) => EnvironmentState;

/** The environment's own logic, before the engine wraps it to record what happens. */
export interface EnvironmentState {
  readonly name: string;
  apply(agentIndex: number, action: EnvironmentAction, at: EnvironmentMoment): EnvironmentResult | Promise<EnvironmentResult>;
  /**
   * The run events the state recorded itself, in order (the coding board's
   * job events). When present, actions are not also written as `env_…`
   * trial events: the typed record is the richer one.
   */
  jobEvents?(): readonly JobEvent[];
}

/** Longer string arguments (a file's content) are summarised in the trial event, not copied into it. */
const ARG_SHOWN_CHARS = 80;

function describeArgs(action: EnvironmentAction): string {
  if (!action.args) return '';
  const shown = Object.fromEntries(
    Object.entries(action.args).map(([key, value]) => [key, typeof value === 'string' && value.length > ARG_SHOWN_CHARS ? `<${value.length} characters>` : value]),
  );
  return ` ${JSON.stringify(shown)}`;
}

function isPromise(value: EnvironmentResult | Promise<EnvironmentResult>): value is Promise<EnvironmentResult> {
  return typeof (value as Promise<EnvironmentResult>).then === 'function';
}

/** Wraps an environment so every action lands in the trial's events (unless the state keeps its own record). */
export function recordedEnvironment<S extends EnvironmentState>(
  state: S,
  record: (kind: string, detail: string, agentIndex: number, round: number, atMs: number) => void,
): TrialEnvironment<S> {
  const keepsOwnRecord = typeof state.jobEvents === 'function';
  const note = (agentIndex: number, action: EnvironmentAction, at: EnvironmentMoment, result: EnvironmentResult): EnvironmentResult => {
    if (!keepsOwnRecord) record(`env_${action.kind}`, `${result.ok ? '' : 'refused: '}${action.kind}${describeArgs(action)} → ${result.detail}`, agentIndex, at.round, at.atMs);
    return result;
  };
  return {
    name: state.name,
    state,
    act(agentIndex, action, at) {
      const result = state.apply(agentIndex, action, at);
      if (isPromise(result)) throw new Error(`The ${state.name} answers "${action.kind}" asynchronously: call perform() for it.`);
      return note(agentIndex, action, at, result);
    },
    async perform(agentIndex, action, at) {
      return note(agentIndex, action, at, await state.apply(agentIndex, action, at));
    },
  };
}
