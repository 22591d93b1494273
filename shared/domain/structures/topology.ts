/** Who hears whom in a debate: directed edges of the communication graph, counted without building it. */
export const TOPOLOGIES = ['full', 'ring', 'star', 'random'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

/**
 * Directed sender → receiver pairs in one round: full n(n−1); ring 2n (each
 * hears both neighbours; 2 for a pair); star 2(n−1) (the hub hears every
 * spoke, each spoke the hub); random k-regular n·k.
 */
export function directedEdges(topology: Topology, n: number, degree: number): number {
  if (n < 2) return 0;
  switch (topology) {
    case 'full':
      return n * (n - 1);
    case 'ring':
      return n === 2 ? 2 : 2 * n;
    case 'star':
      return 2 * (n - 1);
    case 'random':
      return n * degree;
  }
}
