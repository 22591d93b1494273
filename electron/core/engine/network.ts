/**
 * Who may tell whom, and a record of everything said. Every message between
 * agents is recorded once per sender with its receivers, round, logical time
 * and size; the cell's topology (for debates) says who reads whom. Under a
 * lossy network (the cell's `drop` fault) each receiver loses the message
 * independently: the record keeps only the receivers it reached, each loss is
 * a `fault_drop` event, and the lost receiver's call never sees it.
 */
import type { CellSpec } from '../../../shared/domain/cells';
import type { TrialFaults } from './fault-middleware';
import type { Topology } from '../../../shared/domain/structures';
import type { Rng } from '../util/random';
import { approximateTokens, type TrialRecorder } from './recorder';
import { buildTopology, type Neighbours } from './topology';
import type { CallOutcome, Delivery, Network } from './types';

export function makeNetwork(cell: CellSpec, random: Rng, recorder: TrialRecorder, faults: TrialFaults): Network {
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
      const { reached, lost } = faults.deliver(from, to, kind);
      const messageSeq = recorder.addMessage({
        fromAgent: from.agentIndex,
        toAgents: reached,
        kind,
        content: text,
        callSeq: from.seq,
        round: from.round,
        atMs: from.endMs,
        tokens: approximateTokens(text),
      });
      faults.noteLost(messageSeq, from, kind, lost);
      // Structures hand the delivery to every receiver they meant; the agents it never reached drop it (fault-middleware).
      return { messageSeq, fromAgent: from.agentIndex, callSeq: from.seq, kind, content: text, answer: from.answer, atMs: from.endMs };
    },
  };
}
