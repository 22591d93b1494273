/**
 * What a call asks for. Every call carries a typed intent beside its prompt:
 * real backends read the prompt and ignore the intent; the sim reads the
 * intent and never parses a prompt. Ground truth reaches the sim only here,
 * through the item an intent names.
 */
import type { TaskItem } from '../tasks/types';
import type { CodingTurnView } from '../teams/coding/turn-view';

/** What one agent saw of another's work: its answer, and whether the reader can tell it apart from noise. */
export interface SeenAnswer {
  agentIndex: number;
  answer: string | null;
}

/**
 * A Byzantine agent's instruction, added by the engine (never by a
 * structure): whatever it is asked, push `answer`, a wrong answer chosen for
 * it from the trial's seed. Real backends see it as a system instruction;
 * the sim answers it.
 */
export interface Adversary {
  answer: string;
}

type IntentOf =
  /** Answer the item from scratch; with `statesConfidence`, also say how sure one is (0–100). */
  | { kind: 'solve'; item: TaskItem; statesConfidence?: boolean }
  /** Answer again after reading peers' answers; `own` is the agent's previous answer. */
  | { kind: 'revise'; item: TaskItem; own: string | null; peers: SeenAnswer[] }
  /** Say whether `target` is right, and what the answer should be. */
  | { kind: 'critique'; item: TaskItem; target: string | null }
  /** Revise one's draft after reading critiques (each a suggested answer, or null for "looks right"). */
  | { kind: 'refine'; item: TaskItem; own: string | null; critiques: SeenAnswer[] }
  /** Pick the best of several candidate answers. */
  | { kind: 'judge'; item: TaskItem; candidates: SeenAnswer[] }
  /** Split the item into `parts` sub-tasks. */
  | { kind: 'decompose'; item: TaskItem; parts: number }
  /** Solve sub-task `part` of `of`, given the leader's split. */
  | { kind: 'solve_part'; item: TaskItem; part: number; of: number; soundSplit: boolean }
  /** Combine the results of the parts (`of` in all; a lost part is missing from `parts`) into the item's answer. */
  | { kind: 'synthesize'; item: TaskItem; parts: Array<{ part: number; correct: boolean | null; answer: string | null }>; of: number; soundSplit: boolean }
  /** Write the final answer from several proposals (mixture of agents). */
  | { kind: 'aggregate'; item: TaskItem; candidates: SeenAnswer[] }
  /** One turn on a coding job's board (the item's job): act on what the view shows, with the coding team's action tags. */
  | { kind: 'code_turn'; item: TaskItem; view: CodingTurnView };

export type Intent = IntentOf & { adversary?: Adversary };

export type IntentKind = Intent['kind'];

/** Intents whose reply carries an answer to the whole item (graded and kept as the agent's answer). */
export function answersItem(kind: IntentKind): boolean {
  return kind !== 'decompose' && kind !== 'solve_part' && kind !== 'critique' && kind !== 'code_turn';
}
