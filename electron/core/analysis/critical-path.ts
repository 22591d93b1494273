/**
 * Critical-path time of a trial: the longest chain of calls through its call
 * DAG, each call weighted by its service time (queue wait excluded). It says
 * how long the trial would take on hardware with a free slot for every call,
 * which is what speedup claims should rest on when trials share a GPU.
 */
export interface CallNode {
  seq: number;
  latencyMs: number;
  consumes: readonly number[];
}

export function criticalPathMs(calls: readonly CallNode[]): number {
  const finish = new Map<number, number>();
  const bySeq = new Map(calls.map((c) => [c.seq, c]));
  const visiting = new Set<number>();
  const finishOf = (seq: number): number => {
    const known = finish.get(seq);
    if (known !== undefined) return known;
    const node = bySeq.get(seq);
    if (!node) return 0;
    if (visiting.has(seq)) throw new Error(`call ${seq} consumes its own output (a cycle in the call graph)`);
    visiting.add(seq);
    const start = node.consumes.reduce((latest, input) => Math.max(latest, finishOf(input)), 0);
    visiting.delete(seq);
    const end = start + node.latencyMs;
    finish.set(seq, end);
    return end;
  };
  return calls.reduce((longest, c) => Math.max(longest, finishOf(c.seq)), 0);
}
