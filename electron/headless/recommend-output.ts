/** The CLI's recommendation and verification: plain text for a terminal, or JSON. */
import type { Recommendation, Verification } from '../../shared/domain/recommend';
import { printable, printableLines } from './terminal-text';

const QUESTIONS: Record<Recommendation['answers'][number]['question'], string> = {
  'team-or-single': 'Is a team better than one agent?',
  'how-many': 'How many agents?',
  'which-structure': 'Which structure?',
};

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function table(header: string[], rows: string[][], leftColumns: number): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  ').trimEnd(), ...rows.map(line)];
}

export function renderRecommendation(rec: Recommendation, databasePath: string): string {
  const r = rec.recommended;
  const budget = rec.budgetTokens === null ? '' : `, budget ${count(rec.budgetTokens)} tokens per trial`;
  const pilot = rec.pilot;
  const from =
    rec.source === 'pilot'
      ? `pilot ${printable(pilot.experimentId)}: ${count(pilot.calls)} calls on ${pilot.items} items, ${pct(pilot.fractionOfFullSweep)} of the full sweep's ${count(pilot.fullSweepCalls)}`
      : `experiment ${printable(pilot.experimentId)}: ${count(pilot.calls)} calls on ${pilot.items} items`;
  const rows = rec.candidates.map((c) => [
    String(c.rank),
    printable(c.label),
    String(c.size),
    pct(c.predicted.accuracy),
    `[${pct(c.predicted.low)}, ${pct(c.predicted.high)}]`,
    count(c.predicted.tokens),
    ms(c.predicted.latencyMs),
    c.measured ? pct(c.measured.accuracy) : '—',
    c.withinBudget ? '' : 'over budget',
  ]);
  return [
    `Recommendation ${printable(rec.predictionId)} (objective: ${rec.objective}${budget}; ${from})`,
    '',
    `Recommended: ${printable(r.label)} of ${r.size} — ${pct(r.predicted.accuracy)} [${pct(r.predicted.low)}, ${pct(r.predicted.high)}], ${count(r.predicted.tokens)} tokens and ${ms(r.predicted.latencyMs)} critical path per trial.`,
    printableLines(rec.reason),
    `Rests on: ${printableLines(r.basis)}`,
    '',
    ...rec.answers.map((a) => `${QUESTIONS[a.question]} ${printableLines(a.words)}`),
    '',
    ...table(['rank', 'candidate', 'size', 'accuracy', '95% interval', 'tokens/trial', 'crit. path', 'measured', ''], rows, 2),
    '',
    printableLines(rec.method),
    `Check it on items the pilot did not use: npm run lab -- verify ${printable(rec.predictionId)} --db "${databasePath}"`,
  ].join('\n');
}

export function renderVerification(verification: Verification): string {
  const rows = verification.cells.map((c) => [
    c.role,
    printable(c.label),
    String(c.size),
    `${pct(c.predicted.accuracy)} [${pct(c.predicted.low)}, ${pct(c.predicted.high)}]`,
    c.accepted ? `[${pct(c.accepted.low)}, ${pct(c.accepted.high)}]` : '—',
    c.measured ? `${pct(c.measured.accuracy)} [${pct(c.measured.low)}, ${pct(c.measured.high)}]` : '—',
    c.held === null ? '—' : c.held ? 'held' : 'NOT held',
  ]);
  return [
    `Verification ${printable(verification.verificationId)} of ${printable(verification.predictionId)} — ${verification.status} (experiment ${printable(verification.experimentId)}, ${verification.items} items from item ${verification.itemOffset} on)`,
    '',
    ...table(['role', 'cell', 'size', 'predicted', 'accepted', 'measured', ''], rows, 2),
    '',
    printableLines(verification.summary),
    printableLines(verification.method),
  ].join('\n');
}
