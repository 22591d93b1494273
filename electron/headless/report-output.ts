/**
 * `npm run lab -- report` as text: every job metric of every group, in three
 * tables (outcome and speed; coordination; cost) so that each fits a
 * terminal. Means are printed; the 95% intervals of the headline figures
 * (success, both speedups) are printed beside them, and every interval is in
 * the JSON (--json).
 */
import type { Estimate, RunGroupMetrics, RunReport } from '../../shared/domain/job-metrics';
import { printable } from './terminal-text';

type Column = [header: string, cell: (g: RunGroupMetrics) => string];

const dash = '—';

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? dash : value.toFixed(digits);
}

function mean(estimate: Estimate | null, digits = 1): string {
  return fixed(estimate?.value, digits);
}

function withInterval(estimate: Estimate | null, digits: number, scale = 1): string {
  if (!estimate || estimate.value === null) return dash;
  const f = (v: number) => (v * scale).toFixed(digits);
  return estimate.low === null || estimate.high === null ? f(estimate.value) : `${f(estimate.value)} [${f(estimate.low)}, ${f(estimate.high)}]`;
}

function keyText(g: RunGroupMetrics, perCell: boolean): string {
  if (perCell) {
    const { experiment, cell, model, mode, execution, n } = g.key;
    return printable(`${experiment} #${cell} ${String(model)} ${mode}${execution === 'async' ? ' async' : ''} n=${n}`);
  }
  return Object.entries(g.key)
    .map(([axis, value]) => (axis === 'model' ? String(value) : `${axis}=${value}`))
    .map(printable)
    .join(' ');
}

const OUTCOME: Column[] = [
  ['runs', (g) => String(g.runs)],
  ['jobs', (g) => String(g.jobs)],
  ['success %', (g) => withInterval(g.successRate, 1, 100)],
  ['final tests %', (g) => withInterval(g.finalTestsPassRate, 1, 100)],
  ['seconds (ok)', (g) => mean(g.seconds, 1)],
  ['seconds (all)', (g) => mean(g.secondsAllRuns, 1)],
  ['speedup', (g) => withInterval(g.speedup, 2)],
  ['speedup (all runs)', (g) => withInterval(g.speedupAllRuns, 2)],
  ['Amdahl', (g) => fixed(g.amdahl, 2)],
  ['C', (g) => (g.criticalPath === null ? dash : String(g.criticalPath))],
  ['rounds', (g) => mean(g.rounds, 1)],
  ['min rounds', (g) => mean(g.theoreticalMinRounds, 1)],
  ['efficiency', (g) => mean(g.efficiency, 2)],
];

const COORDINATION: Column[] = [
  ['concurrent writes', (g) => mean(g.concurrentWrites)],
  ['rewrites', (g) => mean(g.rewrites)],
  ['lock conflicts', (g) => mean(g.lockConflicts)],
  ['claims blocked', (g) => mean(g.claimsBlocked)],
  ['test runs', (g) => mean(g.testRuns)],
  ['test failures', (g) => mean(g.testFailures)],
  ['straggler gap s', (g) => mean(g.stragglerGapSeconds, 2)],
  ['idle rounds', (g) => mean(g.idleRounds)],
  ['agent turns', (g) => mean(g.agentTurns)],
  ['barrier util.', (g) => mean(g.barrierUtilization, 2)],
];

const COST: Column[] = [
  ['tokens in', (g) => mean(g.tokensIn, 0)],
  ['tokens out', (g) => mean(g.tokensOut, 0)],
  ['tokens', (g) => mean(g.tokens, 0)],
  ['token mult.', (g) => fixed(g.tokenMultiplier, 2)],
  ['token eff.', (g) => fixed(g.tokenEfficiency, 2)],
  ['mult. (all runs)', (g) => fixed(g.tokenMultiplierAllRuns, 2)],
  ['eff. (all runs)', (g) => fixed(g.tokenEfficiencyAllRuns, 2)],
  ['run speedups', (g) => (g.runSpeedups ? String(g.runSpeedups.runs) : dash)],
  ['median', (g) => fixed(g.runSpeedups?.median, 3)],
  ['mean', (g) => fixed(g.runSpeedups?.mean, 2)],
  ['< 1×', (g) => (g.runSpeedups ? `${(g.runSpeedups.shareBelowOne * 100).toFixed(0)}%` : dash)],
];

function table(title: string, groups: readonly RunGroupMetrics[], columns: readonly Column[], perCell: boolean): string[] {
  const header = [perCell ? 'cell' : 'group', ...columns.map(([h]) => h)];
  const rows = groups.map((g) => [keyText(g, perCell), ...columns.map(([, cell]) => cell(g))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [title, line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line), ''];
}

export function renderReport(report: RunReport): string {
  const perCell = report.by.length === 0;
  const grouping = perCell ? 'per cell' : `grouped by ${report.by.join(', ')}`;
  const lines = [`Job metrics of ${report.experiments.length} experiment(s), ${grouping}: ${report.groups.reduce((n, g) => n + g.runs, 0)} runs.`, ''];
  if (report.groups.length === 0) lines.push('No finished runs of coding jobs in these experiments.', '');
  else {
    lines.push(...table('Outcome and speed (means; 95% intervals in brackets)', report.groups, OUTCOME, perCell));
    lines.push(...table('Coordination (means per run)', report.groups, COORDINATION, perCell));
    lines.push(...table('Cost, and the paper\'s pooled per-run speedups (successful runs at n ≥ 2)', report.groups, COST, perCell));
  }
  lines.push(...report.notes.map(printable), report.method, 'Every figure\'s interval: --json.');
  return lines.join('\n') + '\n';
}
