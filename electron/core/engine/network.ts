/**
 * Who may tell whom, and a record of everything said. Every message between
 * agents is recorded once per sender with its receivers, round, logical time
 * and size; the cell's topology (for debates) says who reads whom.
 */
import type { CellSpec } from '../../../shared/domain/cells';
import type { Topology } from '../../../shared/domain/structures';
import type { Rng } from '../util/random';
import { approximateTokens, type TrialRecorder } from './recorder';
import { buildTopology, type Neighbours } from './topology';
import type { CallOutcome, Delivery, Network } from './types';

export function makeNetwork(cell: CellSpec, random: Rng, recorder: TrialRecorder): Network {
  const n = cell.size;
  let graph: Neighbours | null = null;
  const topology = typeof cell.params.topology === 'string' ? (cell.params.topology as Topology) : null;
  const everyoneElse = (agent: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i !== agent);
  return {
    neighbours(agent) {
      if (topology === null) return everyoneElse(agent);
      graph ??= buildTopology(topology, n, Number(cell.params.degree ?? 2), random);
      return graph[agent] ?? [];
    },
    send(from: CallOutcome, to: readonly number[], kind: string, content?: string): Delivery | null {
      const text = content ?? from.text ?? '';
      if (to.length === 0) return null;
      const messageSeq = recorder.addMessage({
        fromAgent: from.agentIndex,
        toAgents: [...to],
        kind,
        content: text,
        callSeq: from.seq,
        round: from.round,
        atMs: from.endMs,
        tokens: approximateTokens(text),
      });
      return { messageSeq, fromAgent: from.agentIndex, callSeq: from.seq, kind, content: text, answer: from.answer, atMs: from.endMs };
    },
  };
}
