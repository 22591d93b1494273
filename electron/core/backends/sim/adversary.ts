/**
 * A Byzantine sim agent: the engine puts `adversary.answer` (a wrong answer
 * drawn from the trial's seed) on every intent of the agent, and the agent
 * gives that answer whatever it is asked, in replies worded like anyone
 * else's. Splitting a task is left honest (a Byzantine leader still splits,
 * then combines the parts into its own answer). docs/sim-backend.md,
 * "Byzantine agents", states these rules.
 */
import type { Intent } from '../../engine/intents';
import type { Choice, SimContext } from './context';
import { partValue, slipped } from './parts';

/** How sure a Byzantine agent says it is when asked (`Confidence: 95`): adversaries do not hedge. */
export const ADVERSARY_CONFIDENCE = 0.95;

/**
 * What a Byzantine agent answers, or null to act honestly (decompose). It
 * draws nothing but a part's slip, so the rest of its stream is the same as
 * an honest agent's (its garble draw included).
 */
export function adversaryChoice(intent: Intent, context: SimContext): Choice | null {
  const pushed = intent.adversary?.answer;
  if (pushed === undefined) return null;
  switch (intent.kind) {
    case 'solve':
      return { frame: 'solve', claimed: pushed, p: ADVERSARY_CONFIDENCE };
    case 'revise':
    case 'refine': {
      const others = intent.kind === 'revise' ? intent.peers : intent.critiques;
      const agreed = others.length > 0 && others.every((o) => (o.answer ?? intent.own) === pushed);
      // It never moves, so it reads as an agent that checked the others and kept its own.
      return { frame: others.length === 0 ? 'solve' : agreed ? 'agreed' : intent.own === pushed ? 'kept' : 'reworked', claimed: pushed };
    }
    case 'critique':
      // As a critic it endorses only its own answer: a right target is called wrong.
      return { frame: intent.target === pushed ? 'critique-agree' : intent.target === null ? 'critique-none' : 'critique-flag', claimed: pushed };
    case 'judge':
      return { frame: 'judge', claimed: pushed };
    case 'aggregate':
      return { frame: 'aggregate', claimed: pushed };
    case 'synthesize':
      return { frame: 'combine', claimed: pushed };
    case 'solve_part': {
      if (!intent.soundSplit) return { frame: 'part-whole', claimed: pushed };
      // The Byzantine worker reports its part slipped: another letter for a choice item, a moved number otherwise.
      return { frame: 'part', claimed: slipped(context, partValue(context, intent.part, intent.of)) };
    }
    // No adversarial reply here: a coding turn is answered by sim/coding-turn.ts, which writes buggy files for an adversary.
    case 'decompose':
    case 'code_turn':
      return null;
  }
}
