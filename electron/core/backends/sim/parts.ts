/**
 * Splitting, solving a part and combining (leader–worker, hierarchical). An
 * item that lists its own parts (a "jobs" item) gives each part's real answer;
 * for any other item the sim does not model what a part is, and a part's
 * result is a stand-in number fixed by the item and the part's position.
 * Either way the leader tells a right part result from a wrong one by reading
 * the intent, never the prompt.
 *
 * A sound split into k parts makes each part right with probability p^(1/k),
 * p being the worker's probability of solving the whole item, so one agent
 * doing every part is exactly as good as one agent solving the item. What a
 * split can add is checking: the leader repairs parts it spots as wrong.
 */
import type { Intent } from '../../engine/intents';
import { labelsFor } from '../../tasks/choice-extract';
import { canonicalNumber } from '../../tasks/extract';
import { createRng, deriveSeed } from '../../util/random';
import { callProbability, solveDraw, type Choice, type SimAct, type SimContext } from './context';
import { drawWrong } from './item-model';

/** Whether the item's own parts are the parts of a split into `of` (so a worker's part is one of them). */
export function itemPartsFit(item: SimContext['item'], of: number): boolean {
  return item.parts !== undefined && item.parts.length === of;
}

/**
 * The right result of part `part` (0-based) of `of`: the item's own part
 * answer when the split follows the item's parts; else a stand-in fixed by
 * the item and the part: an option letter for a multiple-choice item (what
 * its extractor reads), otherwise a number distinct from the item's answer.
 */
export function partValue(context: Pick<SimContext, 'item'>, part: number, of?: number): string {
  const { item } = context;
  const own = item.parts?.[part];
  if (own && (of === undefined || itemPartsFit(item, of))) return own.answer;
  const rng = createRng(deriveSeed('sim-part', item.suite, item.prompt, part));
  if (item.choices) return rng.pick(labelsFor(item.choices.length));
  const value = rng.int(2, 999);
  return String(value) === item.answer ? String(value + 1) : String(value);
}

/** A slipped part result: another option's letter, or the value moved by 1, 2 or 10 either way. */
export function slipped(context: SimContext, value: string): string {
  const { item, rng } = context;
  if (item.choices && !item.parts) return rng.pick(labelsFor(item.choices.length).filter((label) => label !== value));
  const slip = rng.pick([1, 2, 10]) * (rng.next() < 0.5 ? -1 : 1);
  return shifted(value, slip);
}

/** `value` moved by `by`, at the value's own decimals ("23.7" + 1 → "24.7", not 24.700000000000003). */
function shifted(value: string, by: number): string {
  const decimals = value.includes('.') ? value.split('.')[1]!.length : 0;
  return canonicalNumber((Number(value) + by).toFixed(decimals)) ?? String(Number(value) + by);
}

/**
 * A split: sound with probability decomposeQuality, naming all k parts as
 * "Part i: …". An unsound one (or a garbled reply) names only the first m
 * parts, m uniform in 0…k−1: the structure hands each unnamed part over as the
 * whole task and tells the workers and the leader that the split was not sound.
 */
export function splitDecision(context: SimContext, parts: number): SimAct {
  const { rng, profile } = context;
  const sound = rng.next() < profile.decomposeQuality && rng.next() >= profile.garbleRate;
  return { kind: 'split', parts, named: sound ? parts : rng.int(0, Math.max(0, parts - 1)) };
}

/**
 * Solve part `part` of `of`: with a sound split, right with probability
 * p^(1/of) (and then its stand-in value, else that value slipped by 1, 2 or
 * 10); a worker handed the whole task (an unsound split) solves the item.
 */
export function partDecision(context: SimContext, part: number, of: number, soundSplit: boolean): Choice {
  if (!soundSplit) return { frame: 'part-whole', claimed: solveDraw(context).answer };
  const p = callProbability(context) ** (1 / Math.max(1, of));
  const value = partValue(context, part, of);
  if (context.rng.next() < p) return { frame: 'part', claimed: value };
  return { frame: 'part', claimed: slipped(context, value) };
}

type PartSeen = Extract<Intent, { kind: 'synthesize' }>['parts'][number];

/** A part result is right when the structure says so, or when it is the part's value (or, from a sub-leader, the item's answer). */
function partIsRight(context: SimContext, seen: PartSeen, of: number): boolean {
  if (seen.correct !== null) return seen.correct;
  return seen.answer !== null && (seen.answer === partValue(context, seen.part, of) || seen.answer === context.item.answer);
}

/**
 * Combine part results. After an unsound split the parts do not fit, and the
 * leader solves the item itself. After a sound one: each part seen wrong is
 * spotted with probability spotWrongPeer and redone (right with p^(1/k)); a
 * lost part is redone the same way; if every part is then right, the
 * combination is right with probability combineSkill. k is the number of
 * parts the split made (`of`), so a lost part, even the last, is redone.
 */
export function synthesisDecision(context: SimContext, parts: readonly PartSeen[], of: number, soundSplit: boolean): Choice {
  if (!soundSplit) return { frame: 'combine-alone', claimed: solveDraw(context).answer };
  const { rng, profile } = context;
  const k = Math.max(1, of, parts.length, ...parts.map((p) => p.part + 1));
  const pPart = callProbability(context) ** (1 / k);
  let allRight = true;
  for (let part = 0; part < k; part++) {
    const seen = parts.find((p) => p.part === part);
    let right = seen !== undefined && partIsRight(context, seen, of);
    if (!seen) right = rng.next() < pPart;
    else if (!right && rng.next() < profile.spotWrongPeer) right = rng.next() < pPart;
    allRight &&= right;
  }
  const combined = allRight && rng.next() < profile.combineSkill;
  return { frame: 'combine', claimed: combined ? context.item.answer : drawWrong(context.view, rng) };
}
