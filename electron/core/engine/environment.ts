/**
 * The optional shared environment of a trial: state the agents act on besides
 * talking to each other (the paper's task board, files, locks and test runs
 * plug in here). The engine hands it to the structure and records what agents
 * do to it as trial events, on the trial's timeline.
 */
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
}

/** An environment as a structure sees it: each action is recorded with its agent, round and logical time. */
export interface TrialEnvironment {
  readonly name: string;
  act(agentIndex: number, action: EnvironmentAction, at: { round: number; atMs: number }): EnvironmentResult;
}

/** Builds a fresh environment for each trial (environments hold per-trial state). */
export type EnvironmentFactory = (trial: { seed: number; itemIndex: number }) => EnvironmentState;

/** The environment's own logic, before the engine wraps it to record what happens. */
export interface EnvironmentState {
  readonly name: string;
  apply(agentIndex: number, action: EnvironmentAction): EnvironmentResult;
}

/** Wraps an environment so every action lands in the trial's events. */
export function recordedEnvironment(state: EnvironmentState, record: (kind: string, detail: string, agentIndex: number, round: number, atMs: number) => void): TrialEnvironment {
  return {
    name: state.name,
    act(agentIndex, action, at) {
      const result = state.apply(agentIndex, action);
      const args = action.args ? ` ${JSON.stringify(action.args)}` : '';
      record(`env_${action.kind}`, `${result.ok ? '' : 'refused: '}${action.kind}${args} → ${result.detail}`, agentIndex, at.round, at.atMs);
      return result;
    },
  };
}
