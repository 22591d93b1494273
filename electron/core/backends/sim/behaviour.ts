/**
 * What a sim agent does with each intent: which answer it gives and why. The
 * sim reads the intent (the item, one's own answer, the peers' answers, the
 * candidates, the parts), never the prompt. Every draw comes from the call's
 * coupled stream, so a call is a pure function of its request.
 * docs/sim-backend.md states each rule with the parameters behind it.
 */
import type { Intent, SeenAnswer } from '../../engine/intents';
import type { Rng } from '../../util/random';
import { adversaryChoice } from './adversary';
import { callProbability, solveDraw, type Choice, type SimAct, type SimContext } from './context';
import { partDecision, splitDecision, synthesisDecision } from './parts';

const isRight = (context: SimContext, answer: string): boolean => answer === context.item.answer;

/** One answer of `answers`, each as likely as the number of times it is listed. */
function byShare(answers: readonly string[], rng: Rng): string {
  return rng.pick(answers);
}

/**
 * Revise (debate, later proposer layers) and refine (after critiques): keep,
 * take a peer's answer, or work the task again. Only disagreement moves the
 * agent. It first checks: each distinct wrong peer answer is recognised and
 * set aside with probability spotWrongPeer, and so is its own when wrong.
 * Then, with certainty c = this call's probability of being right: keep when
 * sure (c); when unsure, keep out of stubbornness (β), else take a remaining
 * peer's answer by share (κ), else work the task again.
 */
function revise(context: SimContext, own: string | null, peers: ReadonlyArray<{ agentIndex: number; answer: string }>): Choice {
  const { rng, profile } = context;
  const mine = own ?? solveDraw(context).answer;
  const credit = (answer: string): number | null => peers.find((peer) => peer.answer === answer)?.agentIndex ?? null;
  if (peers.length === 0) return { frame: 'solve', claimed: mine };
  if (!peers.some((peer) => peer.answer !== mine)) return { frame: 'agreed', claimed: mine };

  const wrongOthers = [...new Set(peers.map((peer) => peer.answer))].filter((a) => a !== mine && !isRight(context, a)).sort();
  const setAside = new Set(wrongOthers.filter(() => rng.next() < profile.spotWrongPeer));
  const remaining = peers.map((peer) => peer.answer).filter((answer) => !setAside.has(answer));
  const ownSpotted = !isRight(context, mine) && rng.next() < profile.spotWrongPeer;
  const certainty = callProbability(context);

  if (ownSpotted) {
    const others = remaining.filter((answer) => answer !== mine);
    if (others.length > 0 && rng.next() < profile.conformity) {
      const taken = byShare(others, rng);
      return { frame: 'adopted', claimed: taken, credit: credit(taken) };
    }
    return { frame: 'spotted-own', claimed: solveDraw(context, mine).answer };
  }
  if (rng.next() < certainty) return { frame: 'kept', claimed: mine };
  if (rng.next() < profile.stubbornness) return { frame: 'stubborn', claimed: mine };
  if (remaining.length > 0 && rng.next() < profile.conformity) {
    const taken = byShare(remaining, rng);
    return taken === mine ? { frame: 'kept', claimed: mine } : { frame: 'adopted', claimed: taken, credit: credit(taken) };
  }
  return { frame: 'reworked', claimed: solveDraw(context).answer };
}

/**
 * Critique a target: the critic solves the item itself; agreeing, it
 * endorses the target. Disagreeing, it checks whichever answer is wrong: a
 * wrong target is flagged with probability spotWrongPeer (else endorsed); a
 * right target is endorsed when the critic spots its own slip (spotWrongPeer),
 * else flagged (a false alarm).
 */
function critique(context: SimContext, target: string | null): Choice {
  const mine = solveDraw(context).answer;
  if (target === null) return { frame: 'critique-none', claimed: mine };
  if (mine === target) return { frame: 'critique-agree', claimed: target };
  const spotted = context.rng.next() < context.profile.spotWrongPeer;
  if (!isRight(context, target)) return spotted ? { frame: 'critique-flag', claimed: mine } : { frame: 'critique-agree', claimed: target };
  return spotted ? { frame: 'critique-agree', claimed: target } : { frame: 'critique-flag', claimed: mine };
}

/**
 * Judge (or aggregate, which adds its own solution to the candidates): the
 * right candidate with probability judgeAccuracy when it is there, otherwise
 * a candidate by how many gave it (which may still be the right one).
 */
function judge(context: SimContext, candidates: readonly SeenAnswer[], withOwn: boolean): Choice {
  const answers = candidates.flatMap((c) => (c.answer === null ? [] : [c.answer]));
  if (withOwn) answers.push(solveDraw(context).answer);
  if (answers.length === 0) return { frame: 'judge-own', claimed: solveDraw(context).answer };
  const frame = withOwn ? 'aggregate' : 'judge';
  if (answers.some((a) => isRight(context, a)) && context.rng.next() < context.profile.judgeAccuracy) return { frame, claimed: context.item.answer };
  return { frame, claimed: byShare(answers, context.rng) };
}

/** The answers an agent heard, with what a missing one stands for (an endorsement of the draft, or nothing). */
function heard(peers: readonly SeenAnswer[], nullMeans: string | null): Array<{ agentIndex: number; answer: string }> {
  return peers.flatMap((peer) => {
    const answer = peer.answer ?? nullMeans;
    return answer === null ? [] : [{ agentIndex: peer.agentIndex, answer }];
  });
}

function choose(intent: Intent, context: SimContext): Choice | SimAct {
  switch (intent.kind) {
    case 'solve': {
      const { answer, p } = solveDraw(context);
      return { frame: 'solve', claimed: answer, p };
    }
    case 'revise':
      return revise(context, intent.own, heard(intent.peers, null));
    case 'refine':
      // A critique without a suggestion ("looks right") endorses the draft.
      return revise(context, intent.own, heard(intent.critiques, intent.own));
    case 'critique':
      return critique(context, intent.target);
    case 'judge':
      return judge(context, intent.candidates, false);
    case 'aggregate':
      return judge(context, intent.candidates, true);
    case 'decompose':
      return splitDecision(context, intent.parts);
    case 'solve_part':
      return partDecision(context, intent.part, intent.of, intent.soundSplit);
    case 'synthesize':
      return synthesisDecision(context, intent.parts, intent.of, intent.soundSplit);
    case 'code_turn':
      throw new Error('A coding turn is answered by sim/coding-turn.ts, not by the answer rules.');
  }
}

/** Working sentences: as many as the item's operations, fewer for a part or a pick among candidates. */
function stepsFor(intent: Intent): number {
  if (intent.kind === 'judge' || intent.kind === 'aggregate') return 2;
  if (intent.kind === 'solve_part') return Math.max(1, Math.ceil(intent.item.difficulty / Math.max(1, intent.of)));
  return intent.item.difficulty;
}

/** What the agent does with `intent`; the garble draw comes last, so a garble can spoil a right answer. */
export function act(intent: Intent, context: SimContext): SimAct {
  // A Byzantine agent (the engine marks its intents) pushes its wrong answer instead of choosing.
  const choice = adversaryChoice(intent, context) ?? choose(intent, context);
  if ('kind' in choice) return choice;
  const garbled = context.rng.next() < context.profile.garbleRate;
  const confidence = intent.kind === 'solve' && intent.statesConfidence && choice.p !== undefined ? Math.round(choice.p * 20) * 5 : null;
  return { kind: 'answer', frame: choice.frame, claimed: choice.claimed, steps: stepsFor(intent), garbled, confidence, credit: choice.credit ?? null };
}
