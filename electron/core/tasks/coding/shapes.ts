/**
 * Dependency graphs of any size N and longest chain C, in four shapes. Nodes
 * are numbered in board order and depend only on earlier nodes, so every
 * graph is acyclic and its longest chain is exactly C.
 *
 * - chain: nodes 1…C form one chain (with a few extra edges inside it, as in
 *   the paper's jobs), the other N − C are independent.
 * - fan-out: a trunk of C − 1 nodes; each of the other N − C + 1 depends on its end.
 * - fan-in: N − C + 1 independent nodes, one node that depends on all of them,
 *   then a chain of C − 2 more.
 * - layered: C layers of about N / C nodes, each node depending on one or two
 *   nodes of the layer before.
 */
import type { JobShape } from '../../../../shared/domain/jobs';
import type { Rng } from '../../util/random';

/** deps[i] lists the (0-based) nodes node i depends on, all smaller than i. */
export type ShapeGraph = number[][];

/** Why N and C cannot make this shape, or null when they can. */
export function shapeProblem(shape: JobShape, n: number, c: number): string | null {
  if (!Number.isInteger(n) || n < 1) return `a job needs at least one subtask (got ${n})`;
  if (!Number.isInteger(c) || c < 1 || c > n) return `the longest chain must be between 1 and the number of subtasks, ${n} (got ${c})`;
  if ((shape === 'fan-out' || shape === 'fan-in') && c < 2) return `a ${shape} job needs a longest chain of at least 2 (got ${c}); use "chain" for independent subtasks`;
  if ((shape === 'fan-out' || shape === 'fan-in') && c === n) return `a ${shape} job needs more subtasks than its longest chain (${n} subtasks, chain of ${c}); use "chain" for a single chain`;
  return null;
}

/** A few extra edges inside a chain: each node from the third on may also use one earlier node of the chain. */
function extraChainEdges(deps: ShapeGraph, from: number, to: number, rng: Rng): void {
  for (let i = from + 2; i < to; i++) if (rng.next() < 0.25) deps[i]!.unshift(rng.int(from, i - 2));
}

export function shapeGraph(shape: JobShape, n: number, c: number, rng: Rng): ShapeGraph {
  const problem = shapeProblem(shape, n, c);
  if (problem !== null) throw new Error(problem);
  const deps: ShapeGraph = Array.from({ length: n }, () => []);
  switch (shape) {
    case 'chain':
      for (let i = 1; i < c; i++) deps[i]!.push(i - 1);
      extraChainEdges(deps, 0, c, rng);
      break;
    case 'fan-out':
      for (let i = 1; i < c - 1; i++) deps[i]!.push(i - 1);
      for (let i = c - 1; i < n; i++) if (c - 2 >= 0) deps[i]!.push(c - 2);
      break;
    case 'fan-in': {
      const sources = n - c + 1;
      for (let i = 0; i < sources; i++) deps[sources]!.push(i);
      for (let i = sources + 1; i < n; i++) deps[i]!.push(i - 1);
      break;
    }
    case 'layered': {
      const layers: number[][] = [];
      let next = 0;
      for (let layer = 0; layer < c; layer++) {
        const size = Math.floor(n / c) + (layer < n % c ? 1 : 0);
        layers.push(Array.from({ length: size }, () => next++));
      }
      for (let layer = 1; layer < c; layer++) {
        const before = layers[layer - 1]!;
        for (const node of layers[layer]!) {
          const first = rng.pick(before);
          deps[node]!.push(first);
          const second = rng.pick(before);
          if (second !== first && rng.next() < 0.5) deps[node]!.push(second);
          deps[node]!.sort((a, b) => a - b);
        }
      }
      break;
    }
  }
  return deps;
}
