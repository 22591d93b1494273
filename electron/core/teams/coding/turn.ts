/**
 * One turn of one agent on the coding board: ask with what it knows, record
 * the reply, read its actions and apply them in the documented order at the
 * reply's end on the timeline (a test run keeps the agent busy for its
 * length), and tell it next turn what became of them.
 */
import type { EnvironmentAction, TrialEnvironment } from '../../engine/environment';
import type { AgentHandle, CallOutcome, TeamContext } from '../../engine/types';
import { inApplyOrder, parseReply, type CodingAction } from './actions';
import type { CodingEnvironment } from './environment';
import type { CodingTurnView } from './turn-view';

export interface TurnResult {
  call: CallOutcome;
  /** When the agent is free again: the reply's end plus its test runs. */
  busyUntilMs: number;
  /** Some action changed the board or the files. */
  progressed: boolean;
}

/** The call's end moved to when the agent is free again: what the next call of a barrier or of the agent waits for. */
export function busyUntil(result: TurnResult): CallOutcome {
  return { ...result.call, endMs: result.busyUntilMs };
}

function toEnvironmentAction(action: CodingAction): EnvironmentAction {
  switch (action.kind) {
    case 'claim':
    case 'complete':
      return { kind: action.kind, args: { task: action.task } };
    case 'assign':
      return { kind: 'assign', args: { task: action.task, to: action.to } };
    case 'write':
      return { kind: 'write', args: { path: action.path, content: action.content } };
    case 'run_tests':
      return { kind: 'run_tests', args: { tasks: action.tasks.join(',') } };
  }
}

/** Completions in board order (dependencies first), so a reply completing a chain needs no particular order. */
function ordered(environment: CodingEnvironment, actions: readonly CodingAction[]): CodingAction[] {
  const rank = (a: CodingAction) => (a.kind === 'complete' ? environment.board.rankOf(environment.board.resolveId(a.task) ?? a.task) : 0);
  return inApplyOrder(actions)
    .map((action, index) => ({ action, index }))
    .sort((x, y) => (x.action.kind === 'complete' && y.action.kind === 'complete' ? rank(x.action) - rank(y.action) || x.index - y.index : x.index - y.index))
    .map((x) => x.action);
}

export interface TurnRequest {
  context: TeamContext;
  /** The board through the engine's environment hook. */
  board: TrialEnvironment<CodingEnvironment>;
  agent: AgentHandle;
  view: CodingTurnView;
  /** The call's round: 0-based (the job events' round is view.turn). */
  round: number;
  /** The agent's last successful call, recalled in its prompt. */
  own: CallOutcome | null;
  waitsFor: readonly CallOutcome[];
  signal?: AbortSignal;
}

/** Asks, then applies; returns null when the call was cancelled (the run ended while it ran). */
export async function takeTurn(request: TurnRequest): Promise<TurnResult | null> {
  const { context, board, agent, view } = request;
  const environment = board.state;
  // The engine drops a wait on a call the prompt also reads: the recalled reply must carry the agent's busy time itself.
  const busy = request.own ? request.waitsFor.find((w) => w.seq === request.own!.seq) : undefined;
  const own = request.own && busy && busy.endMs > request.own.endMs ? { ...request.own, endMs: busy.endMs } : request.own;
  const call = await agent.ask(
    { kind: 'code_turn', view },
    { round: request.round, own, waitsFor: request.waitsFor, ...(request.signal ? { signal: request.signal } : {}) },
  );
  // Cancelled, or ended just as the run did: the run is over for it.
  if (call.status === 'cancelled' || request.signal?.aborted) return null;
  const at = { round: view.turn, atMs: call.endMs };
  const seconds = (call.endMs - call.startMs) / 1000;
  if (call.status !== 'ok' || call.text === null) {
    environment.log.add('agent_reply', call.endMs, { round: view.turn, agent: agent.index, ok: false, seconds, detail: `${call.status}: ${call.error ?? 'no reply'}` });
    environment.note(agent.index, `Your last turn's call failed (${call.status}: ${call.error ?? 'no reply'}); nothing you meant to do happened.`);
    environment.endTurn(agent.index, '');
    return { call, busyUntilMs: call.endMs, progressed: false };
  }
  environment.log.add('agent_reply', call.endMs, { round: view.turn, agent: agent.index, ok: true, seconds });
  const parsed = parseReply(call.text);
  for (const problem of parsed.problems) environment.note(agent.index, `Your reply: ${problem}`);
  if (parsed.actions.length === 0 && parsed.problems.length === 0) environment.note(agent.index, 'Your last reply had no actions.');
  const before = environment.version;
  let atMs = at.atMs;
  for (const action of ordered(environment, parsed.actions)) {
    const result = await context.hold(board.perform(agent.index, toEnvironmentAction(action), { round: at.round, atMs }));
    atMs += (result.seconds ?? 0) * 1000;
  }
  environment.endTurn(agent.index, parsed.note);
  return { call, busyUntilMs: atMs, progressed: environment.version !== before };
}
