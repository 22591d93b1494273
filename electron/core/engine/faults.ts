/**
 * Which agents of a trial are faulty and how, as pure functions of the
 * trial's seed. Nothing here depends on the cell beyond its fault counts and
 * team size, so every cell that meets the same item in the same repetition
 * (one trial seed) and has the same size gets the same faulty agents: a fault
 * sweep compares f = 1 with f = 2 on the same agents, plus one.
 */
import type { CellFaults } from '../../../shared/domain/faults';
import type { TaskItem } from '../tasks/types';
import { createRng, deriveSeed, type Rng } from '../util/random';

export interface FaultAssignment {
  /** Agents that answer adversarially, ascending. */
  byzantine: number[];
  /** Agents that stop answering (from `crashFromRound`), ascending. */
  crash: number[];
  /** Agents whose every call is delayed, ascending. */
  stragglers: number[];
}

/** One order of the team's agents per (trial seed, size): every fault kind takes its agents from it. */
function agentOrder(teamSize: number, seed: number): number[] {
  const order = Array.from({ length: teamSize }, (_, i) => i);
  const rng = createRng(deriveSeed(seed, 'fault-agents', teamSize));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);

/**
 * Disjoint sets of faulty agents. Byzantine agents are the first of the
 * trial's agent order and crashed ones the last, so each kind's set grows by
 * one agent as its count grows by one whatever the other counts are
 * (stragglers come next after the Byzantine ones, skipping crashed agents).
 * Counts past the team size are capped (the spec checks refuse them anyway).
 */
export function assignFaults(faults: CellFaults, teamSize: number, seed: number): FaultAssignment {
  const order = agentOrder(teamSize, seed);
  const byzantine = order.slice(0, Math.min(faults.byzantine, teamSize));
  const rest = order.slice(byzantine.length);
  const crash = rest.slice(Math.max(0, rest.length - faults.crash));
  const free = rest.filter((agent) => !crash.includes(agent));
  const stragglers = free.slice(0, Math.min(faults.stragglers, free.length));
  return { byzantine: ascending(byzantine), crash: ascending(crash), stragglers: ascending(stragglers) };
}

/** Off by one or two, or a slipped ten: wrong answers a reader would not dismiss at a glance. */
const NEAR_MISS_OFFSETS = [1, -1, 2, -2, 10, -10] as const;

/**
 * Wrong answers an adversary may push on `item`, most plausible first: the
 * item's distractors, the other choices of a multiple-choice item, then near
 * misses of a whole-number answer. Never the right answer.
 */
export function wrongAnswersOf(item: TaskItem): string[] {
  const pool: string[] = [];
  const add = (answer: string) => {
    if (answer !== item.answer && answer.trim() !== '' && !pool.includes(answer)) pool.push(answer);
  };
  item.distractors.forEach(add);
  item.choices?.forEach((_, i) => add(String.fromCharCode(65 + i)));
  if (/^-?\d+$/.test(item.answer)) for (const offset of NEAR_MISS_OFFSETS) add(String(Number(item.answer) + offset));
  if (pool.length === 0) add(`not ${item.answer}`);
  return pool;
}

/**
 * The wrong answer each Byzantine agent pushes. The item's wrong answers are
 * shuffled by the trial seed; colluding agents all push the first,
 * independent ones each their own (the k-th Byzantine agent the k-th, so they
 * never agree by accident while the pool lasts).
 */
export function adversaryAnswers(faults: CellFaults, assignment: FaultAssignment, item: TaskItem, seed: number): Map<number, string> {
  const pool = wrongAnswersOf(item);
  const rng = createRng(deriveSeed(seed, 'fault-byzantine-answers', item.suite, item.prompt));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return new Map(assignment.byzantine.map((agent, k) => [agent, faults.mode === 'colluding' ? pool[0]! : pool[k % pool.length]!]));
}

/** Pareto shape for straggler delays: heavy-tailed with a finite mean (x_m = mean/3). */
export const PARETO_SHAPE = 1.5;
/** SD of the log of a lognormal delay when the spec gives none. */
export const DEFAULT_LOGNORMAL_SD = 1;

/** One draw of a straggler's extra delay, ms, with the distribution's stated mean. */
export function drawDelay(delay: NonNullable<CellFaults['delay']>, rng: Rng): number {
  const mean = delay.meanMs;
  // 1 − U lies in (0, 1]: the logarithm and the power stay finite.
  const u = 1 - rng.next();
  switch (delay.distribution) {
    case 'fixed':
      return mean;
    case 'exponential':
      return -mean * Math.log(u);
    case 'lognormal': {
      const sd = delay.sd ?? DEFAULT_LOGNORMAL_SD;
      return mean > 0 ? Math.exp(Math.log(mean) - (sd * sd) / 2 + sd * rng.normal()) : 0;
    }
    case 'pareto':
      return ((mean * (PARETO_SHAPE - 1)) / PARETO_SHAPE) * u ** (-1 / PARETO_SHAPE);
  }
}

/** A straggler call's delay, seeded by the call's coordinates (never by the order calls are made). */
export function stragglerDelay(delay: CellFaults['delay'], seed: number, call: { agent: number; round: number; intent: string; attempt: number }): number {
  if (delay === null) return 0;
  return drawDelay(delay, createRng(deriveSeed(seed, 'fault-delay', call.agent, call.round, call.intent, call.attempt)));
}

/**
 * Whether one delivery is lost: drawn from the sender's coordinates, the
 * message kind and the receiver, so a lossy run is the same on every rerun
 * (a message's seq would depend on the order replies arrive on real models).
 */
export function isDropped(q: number, seed: number, delivery: { from: number; round: number; intent: string; kind: string; to: number }): boolean {
  if (q <= 0) return false;
  if (q >= 1) return true;
  return createRng(deriveSeed(seed, 'fault-drop', delivery.from, delivery.round, delivery.intent, delivery.kind, delivery.to)).next() < q;
}

/** How a delay is described in words, e.g. "exponential, mean 500 ms". */
export function delayWords(delay: CellFaults['delay']): string {
  if (delay === null) return 'no delay given (0 ms)';
  const sd = delay.distribution === 'lognormal' ? `, log SD ${delay.sd ?? DEFAULT_LOGNORMAL_SD}` : delay.distribution === 'pareto' ? `, shape ${PARETO_SHAPE}` : '';
  return `${delay.distribution}, mean ${Math.round(delay.meanMs)} ms${sd}`;
}
