/**
 * Generated tables about coding teams (docs/sim-backend.md, "Coding
 * teams"): the sim's coding knobs, and the speedup of every coordination
 * mode and execution over one agent at p = 0.2, 0.5 and 0.9 for teams of 1
 * to 8, beside Amdahl's law. Speedup is the paper's: the mean run length
 * (critical path) of successful runs at n = 1 over the same at n, per mode,
 * execution and p.
 */
import { COORDINATION_MODES, EXECUTIONS } from '../../../../shared/domain/jobs';
import { CODING_SIM, bugProbability } from './coding-turn';
import { markdownTable } from './doc-markdown';
import { runExperiment, type CellRun } from './doc-runs';
import { fixed2, mean } from './doc-stats';
import { DOC_SEED, PRESETS } from './doc-experiments';
import { SIM_PROFILES } from './profiles';
import { TEST_RUN_BASE_SECONDS, TEST_RUN_SECONDS_PER_TEST } from '../../teams/coding/test-runs';

export const CODING_PS = [0.2, 0.5, 0.9] as const;
export const CODING_SIZES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
/** One job per domain and p; each cell meets each job once. */
const CODING_JOB_SEED = 7;
const REPETITIONS = 1;

export function amdahl(p: number, n: number): number {
  return 1 / (1 - p + p / n);
}

/** The coding knobs, and each preset's chance of writing a buggy file. */
export function codingKnobTable(): string {
  const knobs = markdownTable(
    [{ header: 'knob' }, { header: 'value', numeric: true }, { header: 'what it sets' }],
    [
      ['`filesPerTurn`', String(CODING_SIM.filesPerTurn), 'subtasks an agent works in one reply, fixes first; it builds only on subtasks the board showed done when its turn began'],
      ['`claimSpread`', String(CODING_SIM.claimSpread), 'self-claim: chance that a pick is a random ready subtask instead of the first on the board (the rest of the time agents pick alike and collide)'],
      ['`claimAheadRate`', String(CODING_SIM.claimAheadRate), 'self-claim: chance per turn of also trying to reserve the first subtask still waiting for a dependency (claim_blocked unless an earlier reply just completed it)'],
      ['`bugOffset`', String(CODING_SIM.bugOffset), 'a file is a documented buggy variant with probability b = sigmoid(−(skill + bugOffset))'],
      ['test run (logical time)', `${TEST_RUN_BASE_SECONDS} s + ${TEST_RUN_SECONDS_PER_TEST} s per test`, 'how long a test run keeps its agent busy on the sim\'s timeline'],
    ],
  );
  const bugs = markdownTable(
    [{ header: 'model' }, { header: 'skill', numeric: true }, { header: 'buggy file b', numeric: true }],
    PRESETS.map((name) => [`\`sim:${name}\``, String(SIM_PROFILES[name].skill), `${(bugProbability(SIM_PROFILES[name]) * 100).toFixed(1)}%`]),
  );
  return `${knobs}\n\n${bugs}`;
}

/** Mean critical path (ms) of a cell's successful runs at one p; null with none. */
function meanLength(run: CellRun, p: number): number | null {
  const lengths = run.trials.filter((t) => t.item.job?.p === p && t.outcome.correct).map((t) => t.outcome.criticalPathMs);
  return lengths.length === 0 ? null : mean(lengths);
}

export interface CodingSpeedups {
  /** Mean run length (ms) of the successful runs at n = 1; null with none. */
  baseline(mode: string, execution: string, p: number): number | null;
  /** Speedup at n over n = 1; null where either has no successful run. */
  speedup(mode: string, execution: string, p: number, n: number): number | null;
  runs: number;
  successes: number;
}

/** Runs the coding teams of `modes` × `executions` × `sizes` (n = 1 included) on the suite's jobs at every p, and measures their speedups. */
export async function measureCodingSpeedups(grid: { modes: readonly string[]; executions: readonly string[]; sizes: readonly number[] }): Promise<CodingSpeedups> {
  const runs = await runExperiment({
    name: 'sim docs: coding teams',
    tasks: { suite: 'coding', p: [...CODING_PS], seed: CODING_JOB_SEED },
    agents: { model: 'sim:default', temperature: 0.7, maxTokens: 4096 },
    teams: [{ structure: 'coding-team', sizes: [...grid.sizes], mode: [...grid.modes], execution: [...grid.executions] }],
    repetitions: REPETITIONS,
    seed: DOC_SEED,
  });
  const cellOf = (mode: string, execution: string, n: number) => runs.find((r) => r.cell.params.mode === mode && r.cell.params.execution === execution && r.cell.size === n);
  const length = (mode: string, execution: string, p: number, n: number) => {
    const cell = cellOf(mode, execution, n);
    return cell ? meanLength(cell, p) : null;
  };
  return {
    baseline: (mode, execution, p) => length(mode, execution, p, 1),
    speedup(mode, execution, p, n) {
      const base = length(mode, execution, p, 1);
      const at = length(mode, execution, p, n);
      return base === null || at === null ? null : base / at;
    },
    runs: runs.reduce((sum, run) => sum + run.trials.length, 0),
    successes: runs.reduce((sum, run) => sum + run.trials.filter((t) => t.outcome.correct).length, 0),
  };
}

/** Speedup of every mode × execution × p over n = 1..8, with Amdahl's law and success rates. */
export async function codingSpeedupTable(): Promise<string> {
  const measured = await measureCodingSpeedups({ modes: COORDINATION_MODES, executions: EXECUTIONS, sizes: CODING_SIZES });
  const rows: string[][] = [];
  for (const p of CODING_PS) {
    rows.push([`**Amdahl, p = ${p}**`, '', ...CODING_SIZES.slice(1).map((n) => `**${fixed2(amdahl(p, n))}**`)]);
    for (const execution of EXECUTIONS) {
      for (const mode of COORDINATION_MODES) {
        const base = measured.baseline(mode, execution, p);
        const speedups = CODING_SIZES.slice(1).map((n) => {
          const speedup = measured.speedup(mode, execution, p, n);
          return speedup === null ? '—' : fixed2(speedup);
        });
        rows.push([`${mode}, ${execution}`, base === null ? '—' : `${(base / 1000).toFixed(0)} s`, ...speedups]);
      }
    }
  }
  const headers = [{ header: 'mode, execution' }, { header: 'run at n = 1', numeric: true }, ...CODING_SIZES.slice(1).map((n) => ({ header: `n = ${n}`, numeric: true }))];
  const jobs = measured.runs / (COORDINATION_MODES.length * EXECUTIONS.length * CODING_SIZES.length * REPETITIONS);
  return `${markdownTable(headers, rows)}\n\n*\`sim:default\`, the coding suite's jobs of 20 subtasks (${jobs / CODING_PS.length} domains × p = ${CODING_PS.join(', ')}, job seed ${CODING_JOB_SEED}), each cell meeting each job ${REPETITIONS === 1 ? 'once' : `${REPETITIONS} times`}. Speedup: mean critical path of successful runs at n = 1 over the same at n, per mode, execution and p (the paper's definition, on logical time). ${measured.successes} of ${measured.runs} runs succeeded.*`;
}
