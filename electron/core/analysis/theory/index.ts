/**
 * Theory fitted over an experiment's measurements (docs/theory.md):
 * Condorcet with correlated errors for teams that vote on their agents'
 * answers, Amdahl for critical-path latency on decomposable work, and the
 * USL for speed and cost, each with its band and its words. Where a fit is
 * not drawn, `notes` says why and what would let it be.
 */
import type { CondorcetFit, AmdahlFit, TheoryFits, UslFit } from '../../../../shared/domain/analysis';
import { deriveSeed } from '../../util/random';
import type { AnalysisInput } from '../analysis-input';
import type { AnalysisCall } from '../../store/types';
import { condorcetFit, condorcetRule, firstRoundAnswers, isFirstAnswer } from './condorcet-fit';
import { amdahlFit, uslFit } from './scaling-fit';
import { exchangeableAgents, teamsOf, type Team } from './teams';

/** Structures whose work divides among agents: where Amdahl's law speaks. */
const DECOMPOSING = new Set(['leader-worker', 'hierarchical']);
/** Answers per item below which the spread between items (ρ) cannot be measured. */
const MIN_ANSWERS_PER_ITEM = 2;

export function theoryFits(input: AnalysisInput): TheoryFits {
  const condorcet: CondorcetFit[] = [];
  const amdahl: AmdahlFit[] = [];
  const usl: UslFit[] = [];
  const notes: string[] = [];
  const summaries = new Map(input.summaries.map((s) => [s.cellIndex, s]));
  const firstCalls = firstCallsOnce(input);
  for (const team of teamsOf(input.cells)) {
    const name = `${team.label} (${team.model})`;
    const seed = deriveSeed('theory', team.label, team.model, team.cells[0]!.index);
    const fit = condorcetFor(team, firstCalls, summaries, seed, notes, name);
    if (fit) condorcet.push(fit);
    if (!team.single) {
      notes.push(`${name}: no single agent of ${team.model} without faults in this experiment, so no speedup or cost relative to one agent (Amdahl, USL); add { "structure": "single" } to the teams.`);
      continue;
    }
    if (DECOMPOSING.has(team.structure)) {
      const fitted = amdahlFit(team, input.trials, seed);
      if (fitted) amdahl.push(fitted);
      else notes.push(`${name}: no completed trial shares an item with the single agent, so Amdahl's law was not fitted.`);
    }
    if (team.cells.length < 2) {
      notes.push(`${name}: one size only (n = ${team.cells[0]!.size}); the USL needs two sizes besides the single agent to tell contention from crosstalk.`);
      continue;
    }
    for (const quantity of ['speed', 'cost'] as const) {
      const fitted = uslFit(team, input.trials, quantity, seed);
      if (fitted) usl.push(fitted);
      else notes.push(`${name}: the USL for ${quantity} was not fitted: fewer than two sizes have completed trials on items the single agent also met${quantity === 'cost' ? ' with tokens counted' : ''}.`);
    }
  }
  return { condorcet, amdahl, usl, notes };
}

/** The calls that are agents' first answers, read (and filtered) once however many teams need them. */
function firstCallsOnce(input: AnalysisInput): () => readonly AnalysisCall[] {
  let calls: AnalysisCall[] | null = null;
  return () => (calls ??= input.calls().filter(isFirstAnswer));
}

function condorcetFor(team: Team, firstCalls: () => readonly AnalysisCall[], summaries: Parameters<typeof condorcetFit>[3], seed: number, notes: string[], name: string): CondorcetFit | null {
  if (team.structure !== 'vote' && team.structure !== 'debate') return null;
  const rule = condorcetRule(team.cells[0]!);
  if (!rule) {
    notes.push(`${name}: Condorcet's theorem predicts majority and plurality votes; a ${String(team.cells[0]!.params.aggregate)} vote decides otherwise, so no Condorcet curve.`);
    return null;
  }
  if (!exchangeableAgents(team.cells)) {
    notes.push(`${name}: its agents differ (model, temperature or persona), so their answers are not draws of one agent and no Condorcet curve was fitted.`);
    return null;
  }
  const sources = [...team.cells, ...(team.single && exchangeableAgents([...team.cells, team.single]) ? [team.single] : [])];
  const answers = firstRoundAnswers(firstCalls(), new Set(sources.map((c) => c.index)));
  const perItem = new Map<number, number>();
  for (const a of answers) perItem.set(a.itemIndex, (perItem.get(a.itemIndex) ?? 0) + 1);
  const counts = [...perItem.values()].sort((a, b) => a - b);
  const median = counts[Math.floor(counts.length / 2)] ?? 0;
  if (counts.length < 2 || median < MIN_ANSWERS_PER_ITEM) {
    notes.push(`${name}: ${counts.length < 2 ? 'fewer than two items answered' : `only ${median} first answer per item`}, too few to measure how errors go together; a Condorcet curve needs at least two answers on each of several items.`);
    return null;
  }
  const withSingle = sources.length > team.cells.length;
  return condorcetFit({ ...team, single: withSingle ? team.single : null }, rule, answers, summaries, seed);
}
