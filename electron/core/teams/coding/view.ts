/**
 * Builds what an agent knows at the start of its turn (turn-view.ts) from
 * the environment, within fixed bounds so that prompts do not grow without
 * limit however long the run (docs/coding-teams.md, "What an agent reads"):
 * the board (one line per subtask), the work it can do, at most
 * MAX_FILES_SHOWN files of at most FILE_SHOWN_CHARS characters, its last
 * turn's feedback, its latest test run (TEST_OUTPUT_CHARS), and one summary
 * per teammate of that teammate's latest turn.
 */
import type { BoardLine, CodingTurnView, ShownFile } from './turn-view';
import type { CodingEnvironment } from './environment';

export const MAX_FILES_SHOWN = 4;
export const FILE_SHOWN_CHARS = 1_200;
/** Ready subtasks a claiming agent (or the lead) is shown with their descriptions. */
export const MAX_OPEN_SHOWN = 5;
/** Lines of feedback and of each teammate's summary kept. */
export const MAX_FEEDBACK_LINES = 12;
export const MAX_UPDATE_LINES = 8;

/** What the agent can work on, as the prompt lists it and the sim reads it. */
export interface WorkList {
  /** Its own subtasks not done whose dependencies are done, in board order. */
  ready: BoardLine[];
  /** Its own subtasks still waiting for a dependency. */
  waiting: BoardLine[];
  /** Pending subtasks whose dependencies are done (claim modes; the lead assigns them). */
  open: BoardLine[];
}

export function workOf(view: Pick<CodingTurnView, 'board' | 'agent' | 'mode' | 'lead'>): WorkList {
  const mine = view.board.filter((line) => line.owner === view.agent && line.status !== 'done');
  const opensUp = view.mode === 'self-claim' || view.lead;
  return {
    ready: mine.filter((line) => line.ready),
    waiting: mine.filter((line) => !line.ready),
    open: opensUp ? view.board.filter((line) => line.status === 'pending' && line.ready).slice(0, MAX_OPEN_SHOWN) : [],
  };
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}\n… (cut: ${text.length - limit} more characters)` : text;
}

function capLines(lines: readonly string[], limit: number): string[] {
  return lines.length > limit ? [...lines.slice(0, limit - 1), `… and ${lines.length - limit + 1} more`] : [...lines];
}

/** The files the agent should read: what its next subtasks build on, and its own files whose tests fail. */
function shownFiles(environment: CodingEnvironment, view: Omit<CodingTurnView, 'files'>): ShownFile[] {
  const work = workOf(view);
  const shown: ShownFile[] = [];
  const add = (path: string, why: ShownFile['why']) => {
    if (shown.length >= MAX_FILES_SHOWN || shown.some((f) => f.path === path)) return;
    const content = environment.fileContent(path);
    if (content !== undefined) shown.push({ path, content: cut(content, FILE_SHOWN_CHARS), why });
  };
  const mineFailing = (view.tests?.failing ?? []).filter((id) => environment.board.owner(id) === view.agent);
  for (const id of mineFailing.slice(0, 2)) for (const path of environment.board.subtask(id).files) add(path, 'yours');
  for (const line of [...work.ready, ...work.open]) {
    for (const dependency of line.dependencies) {
      if (!environment.board.has(dependency)) continue;
      for (const path of environment.board.subtask(dependency).files) add(path, 'dependency');
    }
  }
  return shown;
}

/** Starts `agent`'s turn and returns what it knows. `turn` is 1-based (round or own turn). */
export function beginTurnView(environment: CodingEnvironment, agent: number, turn: number, maxRounds: number): CodingTurnView {
  const { mode, execution, teamSize } = environment.setup;
  const begun = environment.beginTurn(agent);
  const base = {
    mode,
    execution,
    turn,
    maxRounds,
    agent,
    teamSize,
    lead: mode === 'lead-assign' && agent === 0,
    board: environment.board.lines(),
    feedback: capLines(begun.feedback, MAX_FEEDBACK_LINES),
    tests: environment.agentState(agent).tests,
    updates: begun.updates.map(({ agent: from, summary }) => ({ agent: from, lines: capLines(summary.lines, MAX_UPDATE_LINES), note: summary.note })),
    notices: begun.notices,
  };
  return { ...base, files: shownFiles(environment, base) };
}
