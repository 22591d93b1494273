/** The CLI's summary: a plain-text table, or JSON that stays the same across an interrupted and an uninterrupted run. */
import type { ModelLoadCount } from '../../shared/domain/models';
import type { Results } from '../../shared/domain/results';
import { printable } from './terminal-text';

function pct(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function ms(value: number | null): string {
  if (value === null) return '—';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

function num(value: number | null, digits = 1): string {
  return value === null ? '—' : value.toFixed(digits);
}

export function renderSummaryTable(results: Results): string {
  const header = ['structure', 'size', 'trials', 'accuracy', '95% CI', 'validity', 'liveness', 'no answer', 'crit. path', 'tokens/trial', 'calls/trial', 'msgs/trial'];
  const rows = results.cells.map((c) => [
    printable(c.label),
    String(c.size),
    c.failed > 0 ? `${c.trials} (${c.failed} failed)` : String(c.trials),
    pct(c.accuracy),
    c.ciLow === null || c.ciHigh === null ? '—' : `[${pct(c.ciLow)}, ${pct(c.ciHigh)}]`,
    pct(c.validity),
    pct(c.liveness),
    // Trials that finished without an answer: counted apart, never hidden among the wrong ones.
    String(c.noAnswer),
    ms(c.meanCriticalPathMs),
    num(c.meanTokens, 0),
    num(c.meanCalls, 1),
    num(c.meanMessages, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [
    `${printable(results.name)} — ${results.status} (${printable(results.experimentId)})`,
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map(line),
    '',
    results.method,
    ...hardwareLines(results),
  ].join('\n');
}

function hardwareLines(results: Results): string[] {
  if (results.hardware.length === 0) return [];
  return [
    '',
    'Hardware use (generated tokens per second while the run was active):',
    ...results.hardware.map((h) => {
      const limit =
        h.calibratedTokensPerSecond === null || h.utilization === null
          ? 'no calibration (npm run lab -- calibrate MODEL)'
          : `${(h.utilization * 100).toFixed(0)}% of the calibrated ${h.calibratedTokensPerSecond.toFixed(1)} tok/s`;
      return `  ${printable(h.model)} on ${printable(h.host)}: ${h.achievedTokensPerSecond.toFixed(1)} tok/s, ${limit}`;
    }),
  ];
}

/** Model loads an experiment caused, so a user sees whether the GPU swapped models more than it had to. */
export function renderModelLoads(loads: readonly ModelLoadCount[]): string {
  if (loads.length === 0) return '';
  return [
    '',
    'Model loads (warm-ups are kept out of latency figures):',
    ...loads.map((l) => `  ${printable(l.model)} on ${printable(l.host)}: ${l.loads} load${l.loads === 1 ? '' : 's'} (${l.warmups} warm-up${l.warmups === 1 ? '' : 's'}), ${(l.totalLoadMs / 1000).toFixed(1)} s loading`),
  ].join('\n');
}

/** Wall time is left out on purpose: it depends on the machine and the moment, not on the seed. */
export function summaryJson(results: Results) {
  return {
    experimentId: results.experimentId,
    name: results.name,
    status: results.status,
    cells: results.cells.map((c) => ({
      label: c.label,
      teamLabel: c.teamLabel,
      faults: c.faults,
      structure: c.structure,
      params: c.params,
      size: c.size,
      aggregate: c.aggregate,
      trials: c.trials,
      failed: c.failed,
      correct: c.correct,
      noAnswer: c.noAnswer,
      accuracy: c.accuracy,
      ciLow: c.ciLow,
      ciHigh: c.ciHigh,
      answered: c.answered,
      validity: c.validity,
      validityLow: c.validityLow,
      validityHigh: c.validityHigh,
      liveness: c.liveness,
      livenessLow: c.livenessLow,
      livenessHigh: c.livenessHigh,
      meanCriticalPathMs: c.meanCriticalPathMs,
      meanTokens: c.meanTokens,
      meanCalls: c.meanCalls,
      meanMessages: c.meanMessages,
      meanRounds: c.meanRounds,
    })),
    method: results.method,
  };
}
