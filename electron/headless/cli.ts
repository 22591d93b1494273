/**
 * `npm run lab -- <command>`: run, resume and inspect experiments, or serve
 * the renderer to a browser tab, on the same core as the desktop app.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIssues } from '../../shared/contract/schema';
import { parseExperimentSpec } from '../../shared/domain/spec';
import { createLab, type LabHandle } from '../core/create-lab';
import { LabFailure, toLabError } from '../core/lab-errors';
import { defaultDatabasePath } from '../core/paths';
import { StoreError } from '../core/store/types';
import type { ExperimentRow } from '../../shared/domain/results';
import { parseArgs, type ParsedArgs } from './args';
import { printable, printableLines } from './terminal-text';
import { ensureRendererBuilt } from './build-renderer';
import { newAccessToken, startHttpBridge, type HttpBridge } from './http-bridge';
import { watchRun } from './watch-run';
import { APP_ROOT } from './root';
import { renderModelLoads, renderSummaryTable, summaryJson } from './summary-output';
import { calibrate, deleteModel, parseStreams, pull, requireName, showModels } from './model-commands';
import { parseBudget, parseObjective, recommend, RecommendUsageError, verify, type RecommendOptions } from './recommend-commands';
import { importPaperCommand, JobUsageError, reportCommand } from './job-commands';

const USAGE = `Quorum lab — run experiments on teams of language models.

Usage: npm run lab -- <command> [options]

Commands:
  run FILE            plan and run the experiment in FILE, then print its summary
  resume [--id ID]    finish interrupted or paused experiments (all of them, or ID);
                      --retry-failed also runs their failed trials again
  results ID          print the summary of experiment ID
  list                list the experiments in the database
  validate FILE       check an experiment spec and explain any problems
  recommend FILE      run a pilot (at most 10% of the full sweep's calls) on the candidate grid in FILE,
                      then print the recommended team size and structure with the alternatives ranked;
                      --id ID recommends from an experiment that has finished instead
  verify PREDICTION   run the recommended cell, its neighbours and one agent on items the pilot
                      did not use, and say whether each prediction held (exit 1 when one did not)
  serve               serve the lab to a browser tab on 127.0.0.1 (the URL carries an access token)
  models              Ollama hosts, installed models and what is loaded in memory
  pull NAME           download a model into Ollama, with progress (Ctrl-C cancels)
  delete NAME --yes   remove a model from Ollama
  calibrate MODEL     measure tokens/s per stream at 1..k concurrent streams
  import-paper DIR    bring the paper's released runs (DIR with runs.parquet, events.parquet and
                      optionally tasks/) in as finished experiments; importing again adds nothing
  report ID... | --all
                      every coding-job metric per cell, or pooled over the experiments with --by;
                      docs/job-metrics.md defines each

Options:
  --db FILE           the database (default: the desktop app's, ${defaultDatabasePath()})
  --json              print the summary as JSON on stdout (run, resume, results, recommend, verify,
                      import-paper, report)
  --objective O       recommend: "accuracy" (the cheapest within 1 point of the best, the default)
                      or "accuracy-per-token"
  --budget-tokens N   recommend: only cells predicted to spend at most N tokens per trial
  --port N            port for serve (default 5174; 0 picks a free one)
  --host URL          Ollama host for models, pull, delete, calibrate (default: OLLAMA_HOST or http://127.0.0.1:11434)
  --streams K         calibrate up to K concurrent streams (default 4)
  --yes               confirm delete
  --retry-failed      with resume: run failed trials again (completed experiments too)
  --all               report: every experiment of coding jobs in the database
  --by AXIS,AXIS      report: pool the runs and group them by mode, execution, n, model, p, domain,
                      origin or experiment (default: per cell)
  -h, --help          this help
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, { flags: ['json', 'help', 'yes', 'retry-failed', 'all'], options: ['db', 'port', 'id', 'host', 'streams', 'objective', 'budget-tokens', 'by'], aliases: { h: 'help' } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = args.positionals;
  if (args.flags.has('help') || !command || command === 'help') {
    process.stdout.write(USAGE);
    return command || args.flags.has('help') ? 0 : 2;
  }
  const databasePath = resolve(args.options.get('db') ?? defaultDatabasePath());
  switch (command) {
    case 'validate':
      return validate(requireFile(rest));
    case 'run':
      return withLab(databasePath, (handle) => run(handle, requireFile(rest), args.flags.has('json')));
    case 'resume':
      return withLab(databasePath, (handle) => resume(handle, args.options.get('id'), args.flags.has('json'), args.flags.has('retry-failed')));
    case 'results':
      return withLab(databasePath, (handle) => results(handle, requireId(rest), args.flags.has('json')));
    case 'list':
      return withLab(databasePath, (handle) => list(handle));
    case 'recommend': {
      const options = recommendOptions(rest, args);
      return withLab(databasePath, (handle) => recommend(handle, options));
    }
    case 'verify': {
      if (!rest[0]) throw new UsageError('Give the prediction id that "npm run lab -- recommend" printed, e.g. "npm run lab -- verify pred-2026-01-02-1a2b3c4d".');
      const predictionId = rest[0];
      return withLab(databasePath, (handle) => verify(handle, predictionId, args.flags.has('json')));
    }
    case 'serve':
      return serve(databasePath, parsePort(args.options.get('port')));
    case 'models':
      return withLab(databasePath, (handle) => showModels(handle, args.options.get('host'), args.flags.has('json')));
    case 'pull':
      return withLab(databasePath, (handle) => pull(handle, requireName(rest), args.options.get('host')));
    case 'delete':
      return withLab(databasePath, (handle) => deleteModel(handle, requireName(rest), args.options.get('host'), args.flags.has('yes')));
    case 'import-paper': {
      if (!rest[0]) throw new UsageError('Give the folder of the paper\'s released data, e.g. "npm run lab -- import-paper tests/fixtures/paper-data".');
      const dir = resolve(rest[0]);
      return withLab(databasePath, (handle) => importPaperCommand(handle, dir, args.flags.has('json')));
    }
    case 'report':
      return withLab(databasePath, (handle) => reportCommand(handle, rest, args.flags.has('all'), args.options.get('by'), args.flags.has('json')));
    case 'calibrate':
      return withLab(databasePath, (handle) => calibrate(handle, requireName(rest), args.options.get('host'), parseStreams(args.options.get('streams'))));
    default:
      throw new UsageError(`Unknown command "${command}". Run "npm run lab -- help" for the list.`);
  }
}

function requireFile(rest: string[]): string {
  if (!rest[0]) throw new UsageError('Give the experiment spec file, e.g. "npm run lab -- run examples/quickstart.json".');
  return resolve(rest[0]);
}

function requireId(rest: string[]): string {
  if (!rest[0]) throw new UsageError('Give the experiment id; "npm run lab -- list" shows them.');
  return rest[0];
}

function recommendOptions(rest: string[], args: ParsedArgs): RecommendOptions {
  const experimentId = args.options.get('id');
  if (!rest[0] && experimentId === undefined) throw new UsageError('Give the candidate grid\'s spec file, e.g. "npm run lab -- recommend examples/recommend.json", or --id ID of an experiment that has finished.');
  if (rest[0] && experimentId !== undefined) throw new UsageError('Give either a spec file or --id, not both.');
  try {
    const file = rest[0] ? resolve(rest[0]) : null;
    const objective = parseObjective(args.options.get('objective'));
    const budgetTokens = parseBudget(args.options.get('budget-tokens'));
    return { file, spec: file ? readSpec(file) : null, experimentId, objective, budgetTokens, json: args.flags.has('json') };
  } catch (error) {
    throw error instanceof RecommendUsageError ? new UsageError(error.message) : error;
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 5174;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}".`);
  return port;
}

function readSpec(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LabFailure('not_found', `Cannot read ${file}. Check the path.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LabFailure('invalid_spec', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function validate(file: string): number {
  const parsed = parseExperimentSpec(readSpec(file));
  if (parsed.ok) {
    process.stdout.write(`${file}: valid\n`);
    return 0;
  }
  process.stderr.write(`${file} has ${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}:\n${formatIssues(parsed.issues)}\n`);
  return 1;
}

async function withLab(databasePath: string, body: (handle: LabHandle) => Promise<number>): Promise<number> {
  const handle = createLab({ databasePath, appRoot: APP_ROOT, transport: 'http' });
  try {
    return await body(handle);
  } finally {
    await handle.close();
  }
}

async function run(handle: LabHandle, file: string, json: boolean): Promise<number> {
  const { id } = await handle.lab.createExperiment({ spec: readSpec(file), source: file });
  process.stderr.write(`Experiment ${id} planned in ${handle.databasePath}\n`);
  return runToEnd(handle, id, json);
}

/**
 * Resumes what stopped: interrupted and paused experiments, and with
 * retryFailed those whose trials failed. An experiment still marked running
 * is tried too, so a user learns which process holds it (or, when that process
 * is dead or a zombie, the run is taken over and finished).
 */
async function resume(handle: LabHandle, onlyId: string | undefined, json: boolean, retryFailed: boolean): Promise<number> {
  // Listing first sweeps runs whose process died (zombies included) to 'interrupted'.
  const rows = await handle.lab.listExperiments();
  const resumable = (r: ExperimentRow) =>
    r.status === 'interrupted' || r.status === 'paused' || r.status === 'running' || (retryFailed && r.failed > 0 && (r.status === 'completed' || r.status === 'failed'));
  const targets = onlyId ? rows.filter((r) => r.id === onlyId) : rows.filter(resumable);
  if (onlyId && targets.length === 0) throw new LabFailure('not_found', `No experiment with id "${printable(onlyId)}" in this database.`);
  if (targets.length === 0) {
    const withFailures = rows.filter((r) => r.failed > 0).length;
    const hint = withFailures > 0 && !retryFailed ? ` ${withFailures} experiment(s) have failed trials; run them again with: npm run lab -- resume --retry-failed` : '';
    process.stderr.write(`Nothing to resume: no interrupted or paused experiments in this database.${hint}\n`);
    return 0;
  }
  let code = 0;
  for (const target of targets.reverse()) {
    const again = retryFailed && target.failed > 0 ? `, ${target.failed} failed trial(s) to run again` : '';
    process.stderr.write(`Resuming ${printable(target.id)} "${printable(target.name)}": ${target.done + target.failed}/${target.total} trials already saved${again}\n`);
    try {
      code = Math.max(code, await runToEnd(handle, target.id, json, retryFailed));
    } catch (error) {
      if (!(error instanceof LabFailure) || error.code !== 'conflict') throw error;
      process.stderr.write(`${printableLines(error.message)}\n`);
      code = Math.max(code, 1);
    }
  }
  return code;
}

async function runToEnd(handle: LabHandle, id: string, json: boolean, retryFailed = false): Promise<number> {
  const { lab } = handle;
  const progress = await watchRun(lab, id, retryFailed);
  if (progress.status === 'paused') {
    process.stderr.write(`Paused with ${progress.done + progress.failed}/${progress.total} trials saved. Finish it with: npm run lab -- resume --db "${handle.databasePath}"\n`);
    return 130;
  }
  if (progress.status === 'interrupted') {
    const { error } = await lab.getExperiment({ id });
    process.stderr.write(
      `${printableLines(error ?? 'The run was interrupted.')}\n${progress.done + progress.failed}/${progress.total} trials are saved. Once the cause is fixed, finish it with: npm run lab -- resume --id ${id} --db "${handle.databasePath}"\n`,
    );
    return 1;
  }
  if (progress.failed > 0) {
    process.stderr.write(`${progress.failed} trial(s) failed. Run them again with: npm run lab -- resume --retry-failed --id ${id} --db "${handle.databasePath}"\n`);
  }
  return results(handle, id, json);
}

async function results(handle: LabHandle, id: string, json: boolean): Promise<number> {
  const summary = await handle.lab.getResults({ id });
  if (json) process.stdout.write(JSON.stringify(summaryJson(summary), null, 2) + '\n');
  else process.stdout.write(renderSummaryTable(summary) + renderModelLoads(await handle.lab.getModelLoads({ id })) + '\n');
  return summary.status === 'completed' ? 0 : 1;
}

async function list(handle: LabHandle): Promise<number> {
  const rows = await handle.lab.listExperiments();
  if (rows.length === 0) {
    process.stdout.write('No experiments yet. Try: npm run lab -- run examples/quickstart.json\n');
    return 0;
  }
  for (const row of rows) {
    process.stdout.write(`${printable(row.id)}  ${row.status.padEnd(11)} ${String(row.done + row.failed).padStart(6)}/${String(row.total).padEnd(6)} ${row.createdAt}  ${printable(row.name)}\n`);
  }
  return 0;
}

async function serve(databasePath: string, port: number): Promise<number> {
  const rendererDir = await ensureRendererBuilt(APP_ROOT, (line) => process.stderr.write(line + '\n'));
  const handle = createLab({ databasePath, appRoot: APP_ROOT, transport: 'http' });
  let bridge: HttpBridge;
  try {
    // A new token each launch, shown only to whoever started serve: other local processes and users can't use the lab.
    bridge = await startHttpBridge({ lab: handle.lab, rendererDir, port, token: newAccessToken() });
  } catch (error) {
    // A port in use is reported by main as a plain message; close the database first.
    await handle.close();
    throw error;
  }
  // Listen for Ctrl-C and SIGTERM before telling anyone where we are: a signal sent
  // the moment the URL appears must stop us cleanly, not by the default action.
  const stopped = new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write(`Quorum is serving ${bridge.pageUrl} (database: ${databasePath}). Press Ctrl-C to stop.\n`);
  await stopped;
  process.stderr.write('Stopping: saving trials in flight…\n');
  await bridge.close();
  await handle.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof JobUsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof StoreError) {
      process.stderr.write(`Cannot use the database: ${printableLines(error.message)}\n`);
      process.exit(1);
    }
    process.stderr.write(`${printableLines(toLabError(error).message)}\n`);
    process.exit(1);
  },
);
