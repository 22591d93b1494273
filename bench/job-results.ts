/**
 * What the job metrics cost on the paper's released data (1,413 runs, 421k
 * events, imported into a real SQLite file): the figures of each imported
 * experiment (Results.jobs), its whole results uncached (getResults on a
 * cache miss), and the report of all six grouped by model, mode, p and n,
 * against the floor of reading the same events back from SQLite. Each is
 * measured in this run, alternating, so the ratios hold on a noisy machine.
 * Target: results of one imported experiment in well under a second, the
 * full report in about a second, i.e. a few times the read floor.
 *
 *   npm run bench:jobs          (default: 5 rounds)
 *   npm run bench:jobs -- 2
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentJobFigures, jobReport } from '../electron/core/analysis/jobs';
import { buildResults } from '../electron/core/analysis/experiment-results';
import { importPaper } from '../electron/core/paper/import-paper';
import { LabStore } from '../electron/core/store/lab-store';

const rounds = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-jobs-'));

function time(body: () => void): number {
  const start = process.hrtime.bigint();
  body();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function main(): Promise<void> {
  const store = LabStore.open(join(dir, 'paper.sqlite'));
  const imported = await importPaper(store, join(import.meta.dirname, '..', 'tests', 'fixtures', 'paper-data'));
  const ids = imported.experiments.map((e) => e.id);
  const largest = imported.experiments.reduce((a, b) => (b.runsAdded > a.runsAdded ? b : a)).id;
  const detail = store.getExperiment(largest)!;
  const samples = { read: [] as number[], figures: [] as number[], results: [] as number[], report: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    samples.read.push(time(() => store.jobEventsByTrial(largest)));
    samples.figures.push(time(() => experimentJobFigures(store, largest)));
    samples.results.push(time(() => buildResults(store, detail)));
    samples.report.push(time(() => jobReport(store, ids, ['model', 'mode', 'p', 'n'])));
  }
  const floor = median(samples.read);
  const line = (what: string, ms: number) => `${what.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / floor).toFixed(1).padStart(5)}× the read`;
  process.stdout.write(
    [
      `Imported ${imported.runsAdded} runs and ${imported.eventsAdded} events in ${imported.seconds.toFixed(1)} s. Medians of ${rounds} rounds; the largest experiment is ${largest}.`,
      line(`read its job events back (the floor)`, floor),
      line(`its figures (Results.jobs)`, median(samples.figures)),
      line(`its whole results, uncached (getResults on a cache miss)`, median(samples.results)),
      line(`report of all ${ids.length} experiments by model, mode, p, n`, median(samples.report)),
      '',
    ].join('\n'),
  );
  store.close();
}

main().finally(() => rmSync(dir, { recursive: true, force: true }));
