/**
 * Faults: what breaks a team. A spec's `faults` block (for every team, or a
 * team entry's own) is a grid axis like any structure parameter: each value of
 * each list is its own cell. The engine injects them around calls and message
 * delivery; which agents are faulty is drawn from the trial's seed.
 */
import * as s from '../contract/schema';
import { z } from '../contract/schema';

export const BYZANTINE_MODES = ['independent', 'colluding'] as const;
export const DELAY_DISTRIBUTIONS = ['fixed', 'exponential', 'lognormal', 'pareto'] as const;

const count = (description: string) => s.axis(s.integer({ min: 0, max: 1000 }), { description }).optional();

export const faultSpecSchema = s.object(
  {
    byzantine: count('Agents that answer adversarially: each with its own wrong answer ("independent") or all for one ("colluding"), and keep arguing for it in a debate.'),
    mode: s.oneOf(BYZANTINE_MODES, { description: 'How Byzantine agents choose their wrong answer.' }).default('independent'),
    crash: count('Agents that stop answering: the team waits up to its timeout for each of their calls and carries on without them.'),
    crashFromRound: s.integer({ min: 0, max: 100, description: 'Crashed agents answer normally before this round (0: crashed from the start).' }).default(0),
    stragglers: count('Agents whose every call is delayed by an extra time drawn from `delay`.'),
    delay: s
      .object(
        {
          distribution: s.oneOf(DELAY_DISTRIBUTIONS, { description: 'Shape of the extra delay.' }).default('exponential'),
          meanMs: s.number({ min: 0, max: 3_600_000, description: 'Mean extra delay per call, ms.' }),
          sd: s.number({ min: 0, max: 10, description: 'lognormal: SD of the log; pareto: ignored (shape 1.5).' }).optional(),
        },
        { description: 'The extra delay of a straggler\'s call.' },
      )
      .optional(),
    drop: s.axis(s.number({ min: 0, max: 1 }), { description: 'Probability that each message between agents is lost.' }).optional(),
  },
  { description: 'Faults injected into the team: an axis of the grid (each value of each list is its own cell).' },
);

export type FaultSpec = z.output<typeof faultSpecSchema>;

/** One cell's faults: every axis at one value. */
export interface CellFaults {
  byzantine: number;
  mode: (typeof BYZANTINE_MODES)[number];
  crash: number;
  crashFromRound: number;
  stragglers: number;
  delay: { distribution: (typeof DELAY_DISTRIBUTIONS)[number]; meanMs: number; sd?: number } | null;
  drop: number;
}

export const NO_FAULTS: CellFaults = { byzantine: 0, mode: 'independent', crash: 0, crashFromRound: 0, stragglers: 0, delay: null, drop: 0 };

function list<T>(value: T | T[] | undefined, fallback: T): T[] {
  if (value === undefined) return [fallback];
  return Array.isArray(value) ? value : [value];
}

/** Every combination of the block's axis values, in the order written. */
export function faultSets(spec: FaultSpec | undefined): CellFaults[] {
  if (!spec) return [NO_FAULTS];
  const sets: CellFaults[] = [];
  for (const byzantine of list(spec.byzantine, 0))
    for (const crash of list(spec.crash, 0))
      for (const stragglers of list(spec.stragglers, 0))
        for (const drop of list(spec.drop, 0))
          sets.push({
            byzantine,
            mode: spec.mode,
            crash,
            crashFromRound: spec.crashFromRound,
            stragglers,
            delay: spec.delay ? { distribution: spec.delay.distribution, meanMs: spec.delay.meanMs, ...(spec.delay.sd !== undefined ? { sd: spec.delay.sd } : {}) } : null,
            drop,
          });
  return sets;
}

export function hasFaults(faults: CellFaults | null | undefined): boolean {
  return !!faults && (faults.byzantine > 0 || faults.crash > 0 || faults.stragglers > 0 || faults.drop > 0);
}

/** The agents a fault touches at most: no more than the team has. */
export function faultyAgents(faults: CellFaults): number {
  return faults.byzantine + faults.crash + faults.stragglers;
}

/** How a cell's faults read in a series label, e.g. "f=2 colluding" or "crash=1 · drop=0.2". */
export function faultLabel(faults: CellFaults): string | null {
  const parts: string[] = [];
  if (faults.byzantine > 0) parts.push(`f=${faults.byzantine}${faults.mode === 'colluding' ? ' colluding' : ''}`);
  if (faults.crash > 0) parts.push(`crash=${faults.crash}${faults.crashFromRound > 0 ? ` from r${faults.crashFromRound}` : ''}`);
  if (faults.stragglers > 0) parts.push(`stragglers=${faults.stragglers}`);
  if (faults.drop > 0) parts.push(`drop=${faults.drop}`);
  return parts.length > 0 ? parts.join(' · ') : null;
}
