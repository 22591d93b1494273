/**
 * The pieces every intent rule shares: the call's context, what a rule
 * decides, and answering the item from scratch.
 */
import type { TaskItem } from '../../tasks/types';
import type { Rng } from '../../util/random';
import { sigmoid } from './draws';
import { drawWrong, type ItemView } from './item-model';
import type { SimProfile } from './profiles';

/** Why the reply says what it says: picks the words around the answer (sim-replies.ts). */
export type Frame =
  | 'solve'
  | 'agreed'
  | 'kept'
  | 'stubborn'
  | 'adopted'
  | 'reworked'
  | 'spotted-own'
  | 'critique-agree'
  | 'critique-flag'
  | 'critique-none'
  | 'judge'
  | 'judge-own'
  | 'aggregate'
  | 'part'
  | 'part-whole'
  | 'combine'
  | 'combine-alone';

export type SimAct =
  | {
      kind: 'answer';
      frame: Frame;
      claimed: string;
      /** Working sentences to write. */
      steps: number;
      garbled: boolean;
      /** 0–100, stated when the intent asked for it. */
      confidence: number | null;
      /** The peer whose answer was taken (agent index), for the words of an "adopted" reply. */
      credit: number | null;
    }
  | { kind: 'split'; parts: number; named: number };

export interface SimContext {
  item: TaskItem;
  view: ItemView;
  profile: SimProfile;
  rng: Rng;
  /** σ(T) = σ₀ + σ_T·temperature. */
  noiseSd: number;
}

export interface Choice {
  frame: Frame;
  claimed: string;
  credit?: number | null;
  /** The call's own probability of being right, when the choice came from solving. */
  p?: number;
}

/** p = sigmoid(η + σ(T)·ε): this call's probability of being right; also how sure the agent is. */
export function callProbability(context: SimContext): number {
  return sigmoid(context.view.logit + context.noiseSd * context.rng.normal());
}

/** Answer the item: right with the call's probability, else a wrong answer (never `exclude`). */
export function solveDraw(context: SimContext, exclude: string | null = null): { answer: string; p: number } {
  const p = callProbability(context);
  const right = context.rng.next() < p && exclude !== context.item.answer;
  return { answer: right ? context.item.answer : drawWrong(context.view, context.rng, exclude), p };
}

