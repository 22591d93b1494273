/** `npm run lab -- import-paper DIR` and `npm run lab -- report …`: the paper's released runs in, job metrics out. */
import { RUN_AXES, type RunAxis } from '../../shared/domain/job-metrics';
import type { LabHandle } from '../core/create-lab';
import { LabFailure } from '../core/lab-errors';
import { importPaper, type ImportSummary } from '../core/paper/import-paper';
import { PaperDataError } from '../core/paper/paper-files';
import { renderReport } from './report-output';
import { printable } from './terminal-text';

export class JobUsageError extends Error {}

export async function importPaperCommand(handle: LabHandle, dir: string, json: boolean): Promise<number> {
  let summary: ImportSummary;
  try {
    summary = await importPaper(handle.store, dir, (line) => process.stderr.write(`${printable(line)}\n`));
  } catch (error) {
    if (error instanceof PaperDataError) throw new LabFailure('invalid_request', error.message);
    throw error;
  }
  if (json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return 0;
  }
  const lines: string[] = [];
  if (summary.runsAdded === 0) {
    lines.push(`Nothing new: the ${summary.runsInFile.toLocaleString('en')} runs of ${summary.dir} are already in ${handle.databasePath}.`);
  } else {
    lines.push(`Imported ${summary.runsAdded.toLocaleString('en')} runs and ${summary.eventsAdded.toLocaleString('en')} events in ${summary.seconds.toFixed(1)} s into ${handle.databasePath}:`);
    for (const e of summary.experiments) lines.push(`  ${printable(e.id)}  ${e.runsAdded} runs${e.created ? '' : ' added'}  ${printable(e.name)}`);
    if (summary.runsAlreadyThere > 0) lines.push(`${summary.runsAlreadyThere} runs were already there and were left as they are.`);
    lines.push(
      summary.minimalJobs.length === 0
        ? `Jobs: ${summary.jobsFromTaskFiles} read from the task files.`
        : `Jobs: ${summary.jobsFromTaskFiles} read from the task files; ${summary.minimalJobs.length} without a task file stored with the paper's design only (${summary.minimalJobs.join(', ')}).`,
    );
  }
  for (const left of summary.leftOut) lines.push(`Left out: ${left.count.toLocaleString('en')} "${printable(left.type)}" events (${left.why}).`);
  lines.push('See them with: npm run lab -- report --all --by model,mode,p,n');
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export async function reportCommand(handle: LabHandle, ids: string[], all: boolean, byOption: string | undefined, json: boolean): Promise<number> {
  if (all && ids.length > 0) throw new JobUsageError('Give experiment ids or --all, not both.');
  if (!all && ids.length === 0) throw new JobUsageError('Give the experiments to report on (ids from "npm run lab -- list"), or --all.');
  const report = await handle.lab.getJobReport({ ids, all, by: parseAxes(byOption) });
  process.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : renderReport(report));
  return 0;
}

export function parseAxes(value: string | undefined): RunAxis[] {
  if (value === undefined) return [];
  const axes = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const unknown = axes.filter((a) => !(RUN_AXES as readonly string[]).includes(a));
  if (unknown.length > 0) throw new JobUsageError(`--by: unknown axis ${unknown.map((a) => `"${printable(a)}"`).join(', ')}; the axes are ${RUN_AXES.join(', ')}.`);
  if (new Set(axes).size !== axes.length) throw new JobUsageError('--by names an axis twice.');
  return axes as RunAxis[];
}
