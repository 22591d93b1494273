/**
 * Amdahl and USL fits of one team from an experiment's trials: critical-path
 * latency and tokens per item, the single agent as n = 1.
 */
import type { AmdahlFit, MeasuredPoint, UslFit } from '../../../../shared/domain/analysis';
import type { TrialResultRow } from '../../store/types';
import { fitAmdahl, type RatioPoint } from './amdahl';
import type { Team } from './teams';
import { fitUsl } from './usl';
import { amdahlWords, uslWords } from './words';

/** The curves reach at least this size, twice the largest measured at most 64: far enough to show where a team turns. */
const MIN_HORIZON = 16;
const LARGEST = 64;

export function scalingSizes(measured: readonly number[]): number[] {
  const horizon = Math.min(LARGEST, Math.max(MIN_HORIZON, 2 * Math.max(0, ...measured)));
  return Array.from({ length: horizon }, (_, i) => i + 1);
}

interface ItemMeasure {
  n: number;
  itemIndex: number;
  latencyMs: number;
  tokens: number;
}

/** One row per completed trial of the team's cells and its single agent (n = 1); failed trials have no comparable latency. */
function itemMeasures(team: Team, trials: readonly TrialResultRow[]): ItemMeasure[] {
  const sizeOf = new Map<number, number>(team.cells.map((c) => [c.index, c.size]));
  if (team.single) sizeOf.set(team.single.index, 1);
  return trials
    .filter((t) => t.status === 'done' && sizeOf.has(t.cellIndex))
    .map((t) => ({ n: sizeOf.get(t.cellIndex)!, itemIndex: t.itemIndex, latencyMs: t.criticalPathMs, tokens: t.tokensIn + t.tokensOut }));
}

function measuredPoints(team: Team, points: readonly RatioPoint[]): MeasuredPoint[] {
  const cellOf = new Map(team.cells.map((c) => [c.size, c.index]));
  const single: MeasuredPoint[] = team.single ? [{ n: 1, value: 1, low: 1, high: 1, cellIndex: team.single.index }] : [];
  return [...single, ...points.filter((p) => p.n !== 1 && cellOf.has(p.n)).map((p) => ({ n: p.n, value: p.value, low: p.low, high: p.high, cellIndex: cellOf.get(p.n)! }))];
}

export function amdahlFit(team: Team, trials: readonly TrialResultRow[], seed: number): AmdahlFit | null {
  const measures = itemMeasures(team, trials);
  const fit = fitAmdahl(measures, scalingSizes(team.cells.map((c) => c.size)), { seed });
  if (!fit) return null;
  const { speedups, ...rest } = fit;
  return { teamLabel: team.label, model: team.model, ...rest, measured: measuredPoints(team, speedups), words: amdahlWords(fit, team.label) };
}

export function uslFit(team: Team, trials: readonly TrialResultRow[], quantity: 'speed' | 'cost', seed: number): UslFit | null {
  const measures = itemMeasures(team, trials);
  // Per item: the single agent's mean over the team's, averaged over each one's repetitions first.
  const single = new Map<number, { sum: number; count: number }>();
  for (const m of measures.filter((x) => x.n === 1)) {
    const entry = single.get(m.itemIndex) ?? { sum: 0, count: 0 };
    entry.sum += quantity === 'speed' ? m.latencyMs : m.tokens;
    entry.count += 1;
    single.set(m.itemIndex, entry);
  }
  const byTeamItem = new Map<string, { n: number; itemIndex: number; sum: number; count: number }>();
  for (const m of measures.filter((x) => x.n !== 1)) {
    const key = `${m.n}:${m.itemIndex}`;
    const entry = byTeamItem.get(key) ?? { n: m.n, itemIndex: m.itemIndex, sum: 0, count: 0 };
    entry.sum += quantity === 'speed' ? m.latencyMs : m.tokens;
    entry.count += 1;
    byTeamItem.set(key, entry);
  }
  const points = [...byTeamItem.values()].flatMap((t) => {
    const one = single.get(t.itemIndex);
    const mean = t.sum / t.count;
    if (!one || !(mean > 0)) return [];
    const ratio = one.sum / one.count / mean;
    return [{ n: t.n, itemIndex: t.itemIndex, capacity: quantity === 'speed' ? ratio : t.n * ratio }];
  });
  const fit = fitUsl(points, scalingSizes(team.cells.map((c) => c.size)), { seed });
  if (!fit) return null;
  const { points: fitted, gamma: _gamma, ...rest } = fit;
  return { teamLabel: team.label, model: team.model, quantity, ...rest, measured: measuredPoints(team, fitted), words: uslWords(fit, team.label, quantity) };
}
