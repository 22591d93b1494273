/** The dependency graph of a job's subtasks: its longest chain, and whether it has a cycle. */

export interface GraphNode {
  id: string;
  dependencies: readonly string[];
}

/** The node ids in an order where every node comes after its dependencies; null when there is a cycle or an unknown dependency. */
export function topologicalOrder(nodes: readonly GraphNode[]): string[] | null {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const visit = (id: string): boolean => {
    const seen = state.get(id);
    if (seen === 'done') return true;
    if (seen === 'visiting') return false;
    const node = byId.get(id);
    if (node === undefined) return false;
    state.set(id, 'visiting');
    for (const dep of node.dependencies) if (!visit(dep)) return false;
    state.set(id, 'done');
    order.push(id);
    return true;
  };
  for (const node of nodes) if (!visit(node.id)) return null;
  return order;
}

/** The longest dependency chain counted in nodes (the paper's C); throws on a cycle. */
export function criticalPathLength(nodes: readonly GraphNode[]): number {
  const order = topologicalOrder(nodes);
  if (order === null) throw new Error('the dependency graph has a cycle or an unknown dependency');
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  for (const id of order) depth.set(id, 1 + Math.max(0, ...byId.get(id)!.dependencies.map((d) => depth.get(d)!)));
  return Math.max(0, ...depth.values());
}

/** The nominal parallel fraction (N − C)/N, rounded to two decimals as the paper labels its jobs. */
export function parallelFraction(subtasks: number, criticalPath: number): number {
  return subtasks === 0 ? 0 : Math.round(((subtasks - criticalPath) / subtasks) * 100) / 100;
}
