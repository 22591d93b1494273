/**
 * `npm run lab -- import-paper DIR`: brings the paper's released runs into a
 * Quorum database as finished experiments (docs/job-metrics.md, "Imported
 * runs"), one per model and mode, so that the same figures and report render
 * from them as from the user's own runs. Importing again adds only runs the
 * file does not hold yet: nothing, for the same data.
 */
import { resolve } from 'node:path';
import { JOB_EVENT_KINDS, type JobEvent } from '../../../shared/domain/jobs';
import type { LabStore } from '../store/lab-store';
import type { ImportedExperimentWrite, ImportedItem, ImportedTrial } from '../store/imported-run-writer';
import { convertRunEvents, DROPPED_EVENT_TYPES } from './paper-events';
import { paperFiles, PaperDataError, readPaperEvents, readPaperRuns, type PaperEvent, type PaperRun } from './paper-files';
import { paperJob } from './paper-jobs';
import { experimentKey, jobId, PAPER_SOURCE, type PaperExperimentKey } from './paper-mapping';
import { paperCell, paperSpec } from './paper-experiment';

export interface ImportSummary {
  source: string;
  dir: string;
  runsInFile: number;
  eventsInFile: number;
  /** Runs this import added (0 when the file already held them all). */
  runsAdded: number;
  eventsAdded: number;
  /** Runs the database already held from this source. */
  runsAlreadyThere: number;
  experiments: Array<{ id: string; name: string; created: boolean; runsAdded: number }>;
  /** Released events left out, by type, with why. */
  leftOut: Array<{ type: string; count: number; why: string }>;
  /** Jobs read from the task files, and those stored as minimal jobs because no task file was found. */
  jobsFromTaskFiles: number;
  minimalJobs: string[];
  seconds: number;
}

export type ImportProgress = (line: string) => void;

export async function importPaper(store: LabStore, dir: string, progress: ImportProgress = () => {}): Promise<ImportSummary> {
  const started = Date.now();
  const folder = resolve(dir);
  const files = paperFiles(folder);
  progress(`Reading ${files.runs}…`);
  const runs = await readPaperRuns(files.runs);
  progress(`Reading ${files.events}…`);
  const events = await readPaperEvents(files.events);
  progress(`Read ${runs.length.toLocaleString('en')} runs and ${events.length.toLocaleString('en')} events.`);

  const eventsByRun = groupEvents(events, runs);
  const already = store.importedRunDirs(PAPER_SOURCE);
  const fresh = runs.filter((run) => !already.has(run.run_dir));
  const leftOut = countLeftOut(events);
  const base = { source: PAPER_SOURCE, dir: folder, runsInFile: runs.length, eventsInFile: events.length, runsAlreadyThere: runs.length - fresh.length, leftOut };
  if (fresh.length === 0) {
    return { ...base, runsAdded: 0, eventsAdded: 0, experiments: [], jobsFromTaskFiles: 0, minimalJobs: [], seconds: (Date.now() - started) / 1000 };
  }

  const jobs = new JobCatalog(files.tasks);
  const writes: ImportedExperimentWrite[] = [];
  let eventsAdded = 0;
  for (const [key, group] of groupByExperiment(fresh)) {
    const plan = planExperiment(store, key, group, eventsByRun, jobs, folder);
    eventsAdded += plan.trials.reduce((sum, t) => sum + t.events.length, 0);
    writes.push(plan);
  }
  progress(`Writing ${fresh.length.toLocaleString('en')} runs and ${eventsAdded.toLocaleString('en')} events into ${writes.length} experiment(s)…`);
  store.writeImportedRuns(writes);
  return {
    ...base,
    runsAdded: fresh.length,
    eventsAdded,
    experiments: writes.map((w) => ({ id: w.id, name: w.name, created: w.create, runsAdded: w.trials.length })),
    jobsFromTaskFiles: jobs.fromFiles,
    minimalJobs: jobs.minimal,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Each run's events in file order; every run of runs.parquet must have some. */
function groupEvents(events: readonly PaperEvent[], runs: readonly PaperRun[]): Map<string, PaperEvent[]> {
  const byRun = new Map<string, PaperEvent[]>();
  for (const event of events) {
    let list = byRun.get(event.run_dir);
    if (!list) byRun.set(event.run_dir, (list = []));
    list.push(event);
  }
  const without = runs.filter((run) => !byRun.has(run.run_dir));
  if (without.length > 0) {
    throw new PaperDataError(`${without.length} run(s) of runs.parquet have no events in events.parquet (first: ${without[0]!.run_dir}); the two files do not belong together.`);
  }
  return byRun;
}

const KNOWN_KINDS: ReadonlySet<string> = new Set(JOB_EVENT_KINDS);

function countLeftOut(events: readonly PaperEvent[]): ImportSummary['leftOut'] {
  const counts = new Map<string, number>();
  for (const event of events) if (!KNOWN_KINDS.has(event.type)) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count, why: DROPPED_EVENT_TYPES[type] ?? 'an event type this version of Quorum does not know' }));
}

function groupByExperiment(runs: readonly PaperRun[]): Map<PaperExperimentKey, PaperRun[]> {
  const keys = new Map<string, PaperExperimentKey>();
  const groups = new Map<PaperExperimentKey, PaperRun[]>();
  for (const run of runs) {
    const candidate = experimentKey(run);
    const key = keys.get(candidate.id) ?? candidate;
    keys.set(key.id, key);
    const list = groups.get(key) ?? [];
    list.push(run);
    groups.set(key, list);
  }
  return groups;
}

/** The jobs of the import, read once each. */
class JobCatalog {
  fromFiles = 0;
  readonly minimal: string[] = [];
  private readonly jobs = new Map<string, ImportedItem['job']>();

  constructor(private readonly tasksDir: string | null) {}

  get(run: PaperRun): ImportedItem['job'] {
    const id = jobId(run.task_type, run.p_label);
    let job = this.jobs.get(id);
    if (!job) {
      const read = paperJob(run.task_type, run.p_label, run.p_true, this.tasksDir);
      if (read.taskFile === null) this.minimal.push(id);
      else this.fromFiles++;
      job = read.job;
      this.jobs.set(id, job);
    }
    return job;
  }
}

function planExperiment(
  store: LabStore,
  key: PaperExperimentKey,
  runs: readonly PaperRun[],
  eventsByRun: ReadonlyMap<string, PaperEvent[]>,
  jobs: JobCatalog,
  folder: string,
): ImportedExperimentWrite {
  const state = store.importedExperimentState(key.id);
  if (state.exists && state.trials > 0 && !state.sources.includes(PAPER_SOURCE)) {
    throw new PaperDataError(`This database already has an experiment "${key.id}" that was not imported from the paper; import into another file with --db.`);
  }
  const cellBySize = new Map(state.cells.map((c) => [c.size, c.index]));
  const newCells = [];
  for (const size of [...new Set(runs.map((r) => r.n_teammates))].sort((a, b) => a - b)) {
    if (cellBySize.has(size)) continue;
    const index = cellBySize.size === 0 ? 0 : Math.max(...cellBySize.values()) + 1;
    cellBySize.set(size, index);
    newCells.push(paperCell(key, size, index));
  }
  const itemByJob = new Map(state.items.flatMap((i) => (i.jobId === null ? [] : [[i.jobId, i.index] as const])));
  const newItems: ImportedItem[] = [];
  const ordered = [...runs].sort((a, b) => a.task_type.localeCompare(b.task_type) || b.p_true - a.p_true);
  for (const run of ordered) {
    const job = jobs.get(run);
    if (itemByJob.has(job.id)) continue;
    const index = itemByJob.size === 0 ? 0 : Math.max(...itemByJob.values()) + 1;
    itemByJob.set(job.id, index);
    newItems.push({ index, prompt: `${job.project}\n\n${job.description}`.trim(), job });
  }

  const nextRepetition = new Map(state.nextRepetition);
  const converted = runs.map((run) => ({ run, released: eventsByRun.get(run.run_dir)! }));
  converted.sort((a, b) => startOf(a.released) - startOf(b.released) || a.run.run_dir.localeCompare(b.run.run_dir));
  const trials: ImportedTrial[] = converted.map(({ run, released }) => {
    const cellIndex = cellBySize.get(run.n_teammates)!;
    const itemIndex = itemByJob.get(jobId(run.task_type, run.p_label))!;
    const slot = `${cellIndex}:${itemIndex}`;
    const repetition = nextRepetition.get(slot) ?? 0;
    nextRepetition.set(slot, repetition + 1);
    return toTrial(run, released, cellIndex, itemIndex, repetition);
  });

  const sizes = [...cellBySize.keys()].sort((a, b) => a - b);
  const repetitions = Math.max(1, ...nextRepetition.values());
  const starts = trials.flatMap((t) => (t.startedAtMs === null ? [] : [t.startedAtMs]));
  const ends = trials.flatMap((t) => (t.finishedAtMs === null ? [] : [t.finishedAtMs]));
  return {
    id: key.id,
    name: key.name,
    spec: paperSpec(key, sizes, itemByJob.size, repetitions),
    source: folder,
    create: !state.exists,
    startedAt: starts.length > 0 ? new Date(Math.min(...starts)).toISOString() : null,
    finishedAt: ends.length > 0 ? new Date(Math.max(...ends)).toISOString() : null,
    newCells,
    newItems,
    trials,
  };
}

function startOf(events: readonly PaperEvent[]): number {
  return events.find((e) => e.type === 'run_start')?.ts ?? 0;
}

function toTrial(run: PaperRun, released: readonly PaperEvent[], cellIndex: number, itemIndex: number, repetition: number): ImportedTrial {
  const { events } = convertRunEvents(released, run.success);
  const runStart = released.find((e) => e.type === 'run_start')?.ts ?? null;
  const runEnd = released.find((e) => e.type === 'run_end')?.ts ?? null;
  const milliseconds = run.wall_clock_seconds * 1000;
  return {
    cellIndex,
    itemIndex,
    repetition,
    finalAnswer: run.success ? 'all_done' : 'max_rounds',
    correct: run.success,
    wallMs: milliseconds,
    criticalPathMs: milliseconds,
    rounds: run.total_rounds,
    tokensIn: run.total_input_tokens,
    tokensOut: run.total_output_tokens,
    startedAtMs: runStart === null ? null : Math.round(runStart * 1000),
    finishedAtMs: runEnd === null ? null : Math.round(runEnd * 1000),
    events: events satisfies JobEvent[],
    record: { source: PAPER_SOURCE, ...run },
  };
}
