/**
 * The job behind each of the paper's (domain, p) pairs, stored as the item
 * the imported runs worked on. With the released task files (DIR/tasks/
 * amdahl_<domain>/<p_label>.json) the job is read by the coding suite's
 * reader of the paper's format (electron/core/tasks/coding/paper-format.ts):
 * subtasks, dependencies, descriptions, C. Without them it is a minimal job
 * with the paper's design (N = 20 subtasks: one chain of C = N(1 − p), the
 * rest independent), said so in its description. The paper's pytest suites
 * were not released, so an imported job has no tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodingJob, JobSubtask } from '../../../shared/domain/jobs';
import { criticalPathLength } from '../tasks/coding/graph';
import { paperJob as readPaperTaskFile } from '../tasks/coding/paper-format';
import { PaperDataError } from './paper-files';
import { jobId } from './paper-mapping';

/** Subtasks in every job of the paper. */
const PAPER_SUBTASKS = 20;

export interface PaperJob {
  job: CodingJob;
  /** The task file it was read from; null for a minimal job. */
  taskFile: string | null;
}

/** The job of the runs of `taskType` at `pLabel`; its id, domain and p are the runs' own, so items and runs always agree. */
export function paperJob(taskType: string, pLabel: string, p: number, tasksDir: string | null): PaperJob {
  const file = tasksDir === null ? null : join(tasksDir, `amdahl_${taskType}`, `${pLabel}.json`);
  if (file === null || !existsSync(file)) return { job: minimalJob(taskType, pLabel, p), taskFile: null };
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PaperDataError(`Cannot read ${file}: ${(error as Error).message}.`);
  }
  const read = readPaperTaskFile({ name: jobId(taskType, pLabel), domain: taskType, json, tests: [], hostPython: false });
  if ('problem' in read) throw new PaperDataError(`${file} ${read.problem}.`);
  return { job: { ...read.job, id: jobId(taskType, pLabel), domain: taskType, p }, taskFile: file };
}

function minimalJob(taskType: string, pLabel: string, p: number): CodingJob {
  const chain = Math.round(PAPER_SUBTASKS * (1 - p));
  const subtasks: JobSubtask[] = Array.from({ length: PAPER_SUBTASKS }, (_, index) => ({
    id: `task-${index + 1}`,
    title: `Subtask ${index + 1}`,
    description: '',
    dependencies: index > 0 && index < chain ? [`task-${index}`] : [],
    files: [],
  }));
  return {
    id: jobId(taskType, pLabel),
    project: taskType,
    description: `The paper's ${taskType} job at ${pLabel}. Its task file was not imported, so the subtasks stand for the paper's design only: ${PAPER_SUBTASKS} subtasks, one chain of ${chain}, the rest independent.`,
    domain: taskType,
    language: 'python',
    shape: 'chain',
    subtasks,
    criticalPath: criticalPathLength(subtasks),
    p,
    tests: [],
    testsBySubtask: {},
  };
}
