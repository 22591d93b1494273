/**
 * Split, solve, combine, down a tree: what leader–worker (one leader over k
 * workers) and hierarchical (a full b-ary tree of depth d) have in common.
 *
 * Agents are numbered breadth-first (0 is the root, the children of node i are
 * b·i+1 … b·i+b), so inner nodes come before leaves, as the registry's roles
 * say. An inner node at level l decomposes (round l) and sends each child its
 * part; a leaf solves its part (round d); each result goes up to the parent,
 * which synthesizes (round 2d − l) from the results that came back.
 */
import type { CallOutcome, Delivery, TeamContext } from '../engine/types';
import { StructureStuck } from '../engine/types';

export interface TreeShape {
  /** Children of every inner node. */
  branching: number;
  /** Levels below the root. */
  depth: number;
}

/** What a node is given to work on by its parent. */
interface Assignment {
  delivery: Delivery;
  part: number;
  of: number;
  soundSplit: boolean;
}

export interface Split {
  /** The text of each part, as sent to the child that works on it. */
  parts: string[];
  /** Whether each part came from the leader's own split (false: the fallback). */
  found: boolean[];
}

/** "Part 2: …", also as a list item or in bold ("- **Part 2:** …", "2. **Part 2:** …"). */
const PART_LINE = /^[\s>*#-]*(?:\d+[.)]\s*)?[\s*]*part\s*(\d+)\s*(?:\*\*)?\s*[:.)\-–]\s*(?:\*\*)?\s*(\S.*?)\s*$/gim;

/**
 * The leader's parts, by their "Part N:" lines. A part the reply does not name
 * becomes the whole task marked "Part i of k": real models often ignore the
 * format, and a worker with the whole task can still contribute.
 */
export function splitParts(reply: string, count: number, task: string): Split {
  const named = new Map<number, string>();
  for (const match of reply.matchAll(PART_LINE)) {
    const n = Number(match[1]);
    if (n >= 1 && n <= count && !named.has(n)) named.set(n, `Part ${n}: ${match[2]!}`);
  }
  const parts = Array.from({ length: count }, (_, i) => named.get(i + 1) ?? `Part ${i + 1} of ${count}: ${task}`);
  return { parts, found: Array.from({ length: count }, (_, i) => named.has(i + 1)) };
}

export async function runTree(context: TeamContext, shape: TreeShape): Promise<void> {
  const answer = await runNode(context, shape, 0, 0, null);
  context.decide(answer.answer, `the leader combined the results of its ${shape.branching} part${shape.branching === 1 ? '' : 's'}`, [answer]);
}

/** The call whose reply is this node's result (failed, when its part is lost). */
async function runNode(context: TeamContext, shape: TreeShape, index: number, level: number, given: Assignment | null): Promise<CallOutcome> {
  const agent = context.agents[index]!;
  const delivered = given ? [given.delivery] : [];
  if (level === shape.depth && given) {
    return agent.ask({ kind: 'solve_part', part: given.part, of: given.of, soundSplit: given.soundSplit }, { round: level, delivered });
  }
  const split = await agent.ask({ kind: 'decompose', parts: shape.branching }, { round: level, delivered });
  if (split.status !== 'ok') {
    if (level === 0) throw new StructureStuck(`The leader could not split the task: its call ${outcomeWord(split)} (${split.error ?? 'no reason given'}).`);
    return split;
  }
  const { parts, found } = splitParts(split.text ?? '', shape.branching, context.item.prompt);
  const children = parts.map((_, i) => shape.branching * index + 1 + i);
  const results = await Promise.all(
    children.map((child, i) => {
      const delivery = context.network.send(split, [child], 'part', parts[i]);
      return runNode(context, shape, child, level + 1, { delivery: delivery!, part: i, of: shape.branching, soundSplit: found[i]! });
    }),
  );

  const reported: Delivery[] = [];
  const lost: CallOutcome[] = [];
  results.forEach((result, i) => {
    if (result.status === 'ok') reported.push(context.network.send(result, [index], 'result')!);
    else {
      lost.push(result);
      context.event('part_lost', `part ${i + 1} of ${shape.branching} (agent ${children[i]!}) was lost: its ${result.intent} call ${outcomeWord(result)}; agent ${index} combines without it`, {
        agentIndex: children[i]!,
        round: result.round,
        atMs: result.endMs,
      });
    }
  });
  const partsSeen = results.flatMap((result, part) => (result.status === 'ok' ? [{ part, answer: result.answer, correct: null }] : []));
  // The leader learns that a part is lost only when its call ends: it waits for the failures too.
  const combined = await agent.ask(
    { kind: 'synthesize', parts: partsSeen, of: results.length, soundSplit: found.every(Boolean) },
    { round: 2 * shape.depth - level, delivered: reported, waitsFor: lost },
  );
  if (combined.status !== 'ok' && level === 0) throw new StructureStuck(`The leader could not combine the parts: its call ${outcomeWord(combined)} (${combined.error ?? 'no reason given'}).`);
  return combined;
}

function outcomeWord(call: CallOutcome): string {
  return call.status === 'timeout' ? 'timed out' : call.status === 'error' ? 'failed' : call.status;
}
