/**
 * Does the pilot pick what the full sweep would? On the sim, each
 * configuration of bench/recommend-configs.ts runs once as a pilot (through
 * the lab, exactly as `npm run lab -- recommend` runs it) and once as the full
 * sweep of its candidate grid, on items the pilot did not use and with a
 * seed of its own. The same rule picks the sweep's best from its measured
 * values. Prints, per set of configurations:
 *
 * - the share where the recommended structure is the sweep's best (target ≥ 0.9);
 * - the share where the recommended size is within one step of the sweep's
 *   best size (target ≥ 0.9);
 * - the pilot's calls as a fraction of the sweep's (target ≤ 0.10).
 *
 * A sweep's best is itself measured with noise. Beside the strict figures,
 * "tie-aware" ones count a recommendation as right when the sweep itself
 * picks it (its structure; a size within one step) in at least 10% of 200
 * bootstrap resamples of the sweep's items: the referee cannot tell those
 * apart from its own pick. The referee's stability (how often its resampled
 * pick is its pick) is printed too.
 *
 *   npm run bench:recommend                   (every configuration)
 *   npm run bench:recommend -- --set dev      (dev or eval only)
 *   npm run bench:recommend -- --only NAME
 *   npm run bench:recommend -- --write-docs   (rewrite the table in docs/recommend.md)
 *   npm run bench:recommend -- --referee-items N
 *       (the sweep's items; default: the configuration's tasks.count. A larger
 *       referee measures the sweep's best more precisely; the pilot, sized from
 *       the candidate grid, does not change.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLab, type LabHandle } from '../electron/core/create-lab';
import { cellIdentity, candidateGrid } from '../electron/core/recommend/candidates';
import { rankCells } from '../electron/core/recommend/rule';
import { createRng, deriveSeed } from '../electron/core/util/random';
import { DEFAULT_TOLERANCE, type Recommendation } from '../shared/domain/recommend';
import { parseExperimentSpec, type CellSpec } from '../shared/domain/spec';
import { BENCH_CONFIGS, SWEEP_ITEMS, type BenchConfig } from './recommend-configs';

const root = join(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { set: { type: 'string' }, only: { type: 'string' }, 'write-docs': { type: 'boolean' }, 'referee-items': { type: 'string' } } });
const refereeItems = args['referee-items'] === undefined ? null : Number(args['referee-items']);
if (refereeItems !== null && !(Number.isInteger(refereeItems) && refereeItems >= 100)) throw new Error('--referee-items takes a whole number of items, at least 100');
const RESAMPLES = 200;
/** A cell the referee picks in at least this share of its resamples is one it cannot tell from its own pick. */
const PLAUSIBLE = 0.1;

interface SweepCell {
  cell: CellSpec;
  perItem: number[];
  accuracy: number;
  tokens: number;
}

interface Outcome {
  config: BenchConfig;
  recommended: string;
  sweepBest: string;
  plausible: string[];
  structureStrict: boolean;
  structureTie: boolean;
  sizeStrict: boolean;
  sizeTie: boolean;
  pilotFraction: number;
  refereeStability: number;
  predicted: { accuracy: number; low: number; high: number };
  measuredInSweep: number;
  seconds: number;
}

function name(cell: CellSpec): string {
  return cell.structure === 'single' ? cell.label : `${cell.label} ×${cell.size}`;
}

async function runToEnd(handle: LabHandle, id: string): Promise<void> {
  await handle.lab.startExperiment({ id }).catch(() => undefined);
  await handle.lab.waitFor(id);
  const progress = await handle.lab.getProgress({ id });
  if (progress.status !== 'completed') throw new Error(`experiment ${id} ended ${progress.status}`);
}

function sweepCells(handle: LabHandle, id: string): SweepCell[] {
  const trials = handle.store.trialResults(id);
  return handle.store.getCells(id).map((cell) => {
    const own = trials.filter((t) => t.cellIndex === cell.index);
    const byItem = new Map<number, number>();
    for (const t of own) byItem.set(t.itemIndex, t.status === 'done' && t.correct ? 1 : 0);
    const perItem = [...byItem.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    const done = own.filter((t) => t.status === 'done');
    return {
      cell,
      perItem,
      accuracy: perItem.reduce((a, b) => a + b, 0) / perItem.length,
      tokens: done.reduce((s, t) => s + t.tokensIn + t.tokensOut, 0) / Math.max(1, done.length),
    };
  });
}

function pick(cells: readonly SweepCell[], accuracy: (c: SweepCell, i: number) => number, config: BenchConfig): number {
  const ranked = rankCells(
    cells.map((c, i) => ({ candidateIndex: i, accuracy: accuracy(c, i), tokens: c.tokens, size: c.cell.size })),
    config.objective,
    config.budgetTokens ?? null,
    DEFAULT_TOLERANCE,
  );
  return ranked.recommended;
}

/** How often each cell is the rule's pick over bootstrap resamples of the sweep's items. */
function refereePicks(cells: readonly SweepCell[], config: BenchConfig): Map<number, number> {
  const rng = createRng(deriveSeed(7, 'referee', config.name));
  const items = cells[0]!.perItem.length;
  const counts = new Map<number, number>();
  for (let r = 0; r < RESAMPLES; r++) {
    const draw = Array.from({ length: items }, () => Math.floor(rng.next() * items));
    const chosen = pick(cells, (c) => draw.reduce((s, i) => s + c.perItem[i]!, 0) / items, config);
    counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
  }
  return counts;
}

/** Same structure, and a size within one step among the candidate sizes of `reference`'s family. */
function withinOneStep(cells: readonly SweepCell[], recommended: CellSpec, reference: CellSpec): boolean {
  if (recommended.structure !== reference.structure) return false;
  const family = cells.filter((c) => c.cell.structure === reference.structure && c.cell.teamLabel === reference.teamLabel).map((c) => c.cell.size);
  const sizes = [...new Set(family)].sort((a, b) => a - b);
  const at = (n: number) => sizes.reduce((best, s, i) => (Math.abs(s - n) < Math.abs(sizes[best]! - n) ? i : best), 0);
  return Math.abs(at(recommended.size) - at(reference.size)) <= 1;
}

async function evaluate(config: BenchConfig, dir: string): Promise<Outcome> {
  const started = Date.now();
  const handle = createLab({ databasePath: join(dir, `${config.name}.sqlite`), appRoot: root, transport: 'http' });
  try {
    const { experimentId } = await handle.lab.startRecommendation({ spec: config.spec, objective: config.objective, ...(config.budgetTokens ? { budgetTokens: config.budgetTokens } : {}) });
    await runToEnd(handle, experimentId);
    const recommendation: Recommendation = await handle.lab.getRecommendation({ id: experimentId });
    const parsed = parseExperimentSpec(config.spec);
    if (!parsed.ok) throw new Error(`${config.name}: invalid spec`);
    const tasks = parsed.value.tasks;
    // The sweep shares nothing with the pilot: the next items, and a seed of its own.
    const sweepSpec = { ...config.spec, name: `${config.name} sweep`, tasks: { ...tasks, ...(refereeItems === null ? {} : { count: refereeItems }), offset: (tasks.offset ?? 0) + recommendation.pilot.items }, seed: parsed.value.seed + 1000 };
    const { id: sweepId } = await handle.lab.createExperiment({ spec: sweepSpec });
    await runToEnd(handle, sweepId);
    const cells = sweepCells(handle, sweepId);
    const grid = candidateGrid(parsed.value);
    cells.forEach((c, i) => {
      if (cellIdentity(c.cell) !== cellIdentity(grid.candidates[i]!.cell)) throw new Error(`${config.name}: sweep cell ${i} is not candidate ${i}`);
    });
    const recommended = grid.candidates[recommendation.recommended.candidateIndex]!.cell;
    const best = pick(cells, (c) => c.accuracy, config);
    const counts = refereePicks(cells, config);
    const plausible = [...counts.entries()].filter(([, n]) => n / RESAMPLES >= PLAUSIBLE).map(([i]) => cells[i]!.cell);
    const measured = cells.find((c) => cellIdentity(c.cell) === cellIdentity(recommended));
    return {
      config,
      recommended: name(recommended),
      sweepBest: name(cells[best]!.cell),
      plausible: plausible.map(name),
      structureStrict: recommended.structure === cells[best]!.cell.structure,
      structureTie: plausible.some((p) => p.structure === recommended.structure),
      sizeStrict: withinOneStep(cells, recommended, cells[best]!.cell),
      sizeTie: plausible.some((p) => withinOneStep(cells, recommended, p)),
      pilotFraction: recommendation.pilot.fractionOfFullSweep,
      refereeStability: (counts.get(best) ?? 0) / RESAMPLES,
      predicted: { accuracy: recommendation.recommended.predicted.accuracy, low: recommendation.recommended.predicted.low, high: recommendation.recommended.predicted.high },
      measuredInSweep: measured?.accuracy ?? Number.NaN,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await handle.close();
  }
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const share = (outcomes: readonly Outcome[], test: (o: Outcome) => boolean) => (outcomes.length === 0 ? Number.NaN : outcomes.filter(test).length / outcomes.length);
const mark = (ok: boolean) => (ok ? 'yes' : 'no');

function table(outcomes: readonly Outcome[]): string {
  const head = '| set | configuration | varies | recommended | sweep\'s best | referee stability | structure | size ±1 step | structure (tie-aware) | size (tie-aware) | pilot / sweep calls | predicted (95%) | measured in sweep |';
  const rule = '|---|---|---|---|---|---:|---|---|---|---|---:|---|---:|';
  const rows = outcomes.map(
    (o) =>
      `| ${o.config.set} | ${o.config.name} | ${o.config.varies} | ${o.recommended} | ${o.sweepBest} | ${pct(o.refereeStability)} | ${mark(o.structureStrict)} | ${mark(o.sizeStrict)} | ${mark(o.structureTie)} | ${mark(o.sizeTie)} | ${pct(o.pilotFraction)} | ${pct(o.predicted.accuracy)} (${pct(o.predicted.low)}–${pct(o.predicted.high)}) | ${pct(o.measuredInSweep)} |`,
  );
  return [head, rule, ...rows].join('\n');
}

function totals(outcomes: readonly Outcome[]): string {
  const lines: string[] = [];
  for (const set of ['dev', 'eval'] as const) {
    const of = outcomes.filter((o) => o.config.set === set);
    if (of.length === 0) continue;
    const fractions = of.map((o) => o.pilotFraction);
    const covered = share(of, (o) => o.measuredInSweep >= o.predicted.low && o.measuredInSweep <= o.predicted.high);
    lines.push(
      `| ${set} | ${of.length} | ${share(of, (o) => o.structureStrict).toFixed(2)} | ${share(of, (o) => o.sizeStrict).toFixed(2)} | ${share(of, (o) => o.structureTie).toFixed(2)} | ${share(of, (o) => o.sizeTie).toFixed(2)} | ${Math.max(...fractions).toFixed(4)} | ${(fractions.reduce((a, b) => a + b, 0) / fractions.length).toFixed(4)} | ${covered.toFixed(2)} |`,
    );
  }
  return [
    '| set | configurations | structure = sweep\'s best | size within one step | structure (tie-aware) | size (tie-aware) | pilot / sweep calls, max | mean | sweep inside the predicted interval |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
}

async function main(): Promise<void> {
  const chosen = BENCH_CONFIGS.filter((c) => (args.set ? c.set === args.set : true) && (args.only ? c.name === args.only : true));
  if (chosen.length === 0) throw new Error('no configuration matches --set/--only');
  const dir = mkdtempSync(join(tmpdir(), 'quorum-recommend-bench-'));
  const outcomes: Outcome[] = [];
  try {
    for (const config of chosen) {
      const outcome = await evaluate(config, dir);
      outcomes.push(outcome);
      process.stderr.write(
        `${config.set} ${config.name}: recommended ${outcome.recommended}, sweep's best ${outcome.sweepBest} (plausible: ${outcome.plausible.join(', ')}); structure ${mark(outcome.structureStrict)}, size ${mark(outcome.sizeStrict)}; pilot ${pct(outcome.pilotFraction)} of the sweep; ${outcome.seconds.toFixed(0)} s\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const text = `${totals(outcomes)}\n\n${table(outcomes)}\n\n*Full sweeps of ${refereeItems ?? SWEEP_ITEMS} items each (one repetition), on items after the pilot's and with a seed of their own; the rule is the recommendation's (objective and budget as configured, tolerance ${DEFAULT_TOLERANCE * 100} point). Referee: ${RESAMPLES} bootstrap resamples of the sweep's items; tie-aware counts a pick the sweep makes in at least ${PLAUSIBLE * 100}% of them.*`;
  process.stdout.write(`${text}\n`);
  if (args['write-docs']) {
    const path = join(root, 'docs', 'recommend.md');
    const doc = readFileSync(path, 'utf8');
    const start = '<!-- bench:recommend:start -->';
    const end = '<!-- bench:recommend:end -->';
    const [before, rest] = doc.split(start);
    const after = rest?.split(end)[1];
    if (before === undefined || after === undefined) throw new Error(`docs/recommend.md has no ${start} … ${end} block`);
    writeFileSync(path, `${before}${start}\n${text}\n${end}${after}`);
    process.stderr.write(`wrote the bench table in ${path}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
