/**
 * A debate's communication graph: who reads whom. Built once per trial; the
 * random k-regular graph is drawn from the trial's seed, so it is the same on
 * every run and for every structure met on the same trial.
 */
import type { Topology } from '../../../shared/domain/structures';
import type { Rng } from '../util/random';

/** For each agent, the agents whose messages it receives, in ascending order. */
export type Neighbours = readonly (readonly number[])[];

export function buildTopology(topology: Topology, n: number, degree: number, rng: Rng): Neighbours {
  const sets = Array.from({ length: n }, () => new Set<number>());
  const link = (a: number, b: number) => {
    if (a === b) return;
    sets[a]!.add(b);
    sets[b]!.add(a);
  };
  switch (topology) {
    case 'full':
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) link(a, b);
      break;
    case 'ring':
      for (let a = 0; a < n; a++) link(a, (a + 1) % n);
      break;
    case 'star':
      for (let a = 1; a < n; a++) link(0, a);
      break;
    case 'random':
      randomRegular(n, degree, rng).forEach(([a, b]) => link(a, b));
      break;
  }
  return sets.map((set) => [...set].sort((x, y) => x - y));
}

/**
 * A random k-regular graph by the configuration model: k stubs per node,
 * paired at random, retried until no self-loop or double edge remains (fast
 * for the small k and n of a debate). Falls back to a circulant graph if the
 * draws keep failing, so a valid spec never hangs.
 */
function randomRegular(n: number, k: number, rng: Rng): Array<[number, number]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const stubs: number[] = [];
    for (let v = 0; v < n; v++) for (let i = 0; i < k; i++) stubs.push(v);
    for (let i = stubs.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [stubs[i], stubs[j]] = [stubs[j]!, stubs[i]!];
    }
    const edges: Array<[number, number]> = [];
    const seen = new Set<string>();
    let ok = true;
    for (let i = 0; i < stubs.length; i += 2) {
      const a = Math.min(stubs[i]!, stubs[i + 1]!);
      const b = Math.max(stubs[i]!, stubs[i + 1]!);
      const key = `${a}-${b}`;
      if (a === b || seen.has(key)) {
        ok = false;
        break;
      }
      seen.add(key);
      edges.push([a, b]);
    }
    if (ok) return edges;
  }
  // Circulant: each node to its k/2 nearest on each side (plus the opposite node for odd k).
  const edges: Array<[number, number]> = [];
  for (let v = 0; v < n; v++) {
    for (let d = 1; d <= Math.floor(k / 2); d++) if (v < (v + d) % n || (v + d) % n < v) edges.push([v, (v + d) % n]);
    if (k % 2 === 1 && v < n / 2) edges.push([v, v + n / 2]);
  }
  return edges;
}
