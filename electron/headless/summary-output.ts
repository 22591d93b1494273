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

function interval(low: number | null, high: number | null): string {
  return low === null || high === null ? '—' : `[${pct(low)}, ${pct(high)}]`;
}

export function renderSummaryTable(results: Results): string {
  const measured = results.cells.filter((c) => c.trials > 0);
  const methods = new Set(measured.map((c) => c.intervalMethod));
  // Only when cells differ is each Wilson interval marked; the line under the table names the method either way.
  const mark = (c: Results['cells'][number]) => (methods.size > 1 && c.intervalMethod === 'wilson' ? ' †' : '');
  const header = ['structure', 'size', 'trials', 'accuracy', '95% CI', 'completed', 'failed', 'no answer', 'validity', 'liveness', 'crit. path', 'tokens/trial', 'calls/trial', 'msgs/trial'];
  const rows = results.cells.map((c) => [
    printable(c.label),
    String(c.size),
    String(c.trials),
    pct(c.accuracy),
    `${interval(c.ciLow, c.ciHigh)}${mark(c)}`,
    pct(c.completedAccuracy.value),
    // Failed trials and trials without an answer: counted apart, never hidden among the wrong ones.
    pct(c.failureRate.value),
    pct(c.noAnswerRate.value),
    pct(c.validity),
    pct(c.liveness),
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
    intervalLine(measured, methods.size > 1),
    'completed: accuracy over completed trials (failed ones left out); failed, no answer: shares of all trials.',
    ...comparisonLines(results),
    ...failureLines(results),
    '',
    results.method,
    ...hardwareLines(results),
  ].join('\n');
}

/** Names the interval method the table's brackets use, and what the items and repetitions make of it. */
function intervalLine(measured: Results['cells'], mixed: boolean): string {
  const clustered = measured.filter((c) => c.intervalMethod === 'item-clustered');
  // Below 1 the items happened to vary less than independent trials would; the interval then counts every trial (1).
  const deffs = clustered.flatMap((c) => (c.designEffect === null ? [] : [Math.max(1, c.designEffect)]));
  const low = num(Math.min(...deffs), 1);
  const high = num(Math.max(...deffs), 1);
  const worth = deffs.length === 0 ? '' : `; design effect ${low === high ? low : `${low} to ${high}`} (the repetitions carry that many times less evidence than as many independent trials)`;
  if (mixed) return `95% CI: clustered by item (Korn–Graubard)${worth}; † Wilson score interval (each item met once).`;
  if (clustered.length > 0) return `95% CI: clustered by item (Korn–Graubard), since repetitions of an item are not independent${worth}.`;
  return '95% CI: Wilson score interval (each item met once).';
}

function points(value: number): string {
  const text = (Math.abs(value) * 100).toFixed(1);
  return `${value < 0 ? '−' : '+'}${text}`;
}

function differenceText(d: { difference: number; low: number; high: number }, p: number, significant: boolean): string {
  const shown = p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`;
  return `${points(d.difference)} [${points(d.low)}, ${points(d.high)}] ${shown}${significant ? ' *' : ''}`;
}

/** One row per cell with a comparison: against the single agent, the next smaller size and the single agent at equal tokens. */
function comparisonLines(results: Results): string[] {
  const cellsWith = new Set([...results.comparisons.map((c) => c.cellIndex), ...results.costMatched.map((b) => b.cellIndex)]);
  const cells = results.cells.filter((c) => cellsWith.has(c.cellIndex));
  if (cells.length === 0) return results.comparisonNotes.length > 0 ? ['', ...results.comparisonNotes.map(printable)] : [];
  const header = ['cell', 'vs single agent', 'vs next smaller size', 'vs single agent at equal tokens'];
  const rows = cells.map((cell) => {
    const find = (kind: string) => results.comparisons.find((c) => c.cellIndex === cell.cellIndex && c.kind === kind);
    const single = find('vs-single');
    const smaller = find('vs-smaller');
    const cost = results.costMatched.find((b) => b.cellIndex === cell.cellIndex);
    return [
      printable(`${cell.label} n=${cell.size}`),
      single ? differenceText(single, single.pAdjusted, single.significant) : '—',
      smaller ? differenceText(smaller, smaller.pAdjusted, smaller.significant) : '—',
      cost ? `${differenceText({ difference: cost.difference, low: cost.differenceLow, high: cost.differenceHigh }, cost.pAdjusted, cost.significant)} k=${cost.samples}${cost.extrapolated ? ' (extrapolated)' : ''}` : '—',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Indented, so that a line of this block never reads as a row of the cells' table.
  const line = (cells: string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [
    '',
    'Accuracy differences in points, paired by item and repetition (95% CI clustered by item; p Holm-corrected, * below 0.05; equal tokens: a plurality vote of k single-agent answers):',
    line(header),
    ...rows.map(line),
    ...results.comparisonNotes.map(printable),
  ];
}

function failureLines(results: Results): string[] {
  if (results.failureFlags.length === 0) return [];
  return ['', ...results.failureFlags.map((flag) => `Failure rate apart: ${printable(flag.message)}`)];
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
      completed: c.completed,
      items: c.items,
      accuracy: c.accuracy,
      ciLow: c.ciLow,
      ciHigh: c.ciHigh,
      intervalMethod: c.intervalMethod,
      designEffect: c.designEffect,
      completedAccuracy: c.completedAccuracy,
      failureRate: c.failureRate,
      noAnswerRate: c.noAnswerRate,
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
    comparisons: results.comparisons,
    costMatched: results.costMatched,
    failureFlags: results.failureFlags,
    comparisonNotes: results.comparisonNotes,
  };
}
