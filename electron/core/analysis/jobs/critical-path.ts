/**
 * The paper's theoretical minimum rounds. Its critical path C, the longest
 * dependency chain counted in subtasks, is the job's own (CodingJob.criticalPath,
 * computed where jobs are made: electron/core/tasks/coding/graph.ts).
 */

/** The paper's max(C, ⌈N / workers⌉): no team finishes in fewer rounds than its longest chain, nor than its share of the subtasks. */
export function theoreticalMinRounds(criticalPath: number, subtasks: number, workers: number): number {
  return Math.max(criticalPath, Math.ceil(subtasks / Math.max(1, workers)));
}
