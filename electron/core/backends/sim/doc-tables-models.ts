/**
 * Generated tables about single models: the profiles' parameters, accuracy by
 * difficulty, how errors go together under each knob, and temperature 0.
 */
import { PRESETS, experiment, gradedRows, outcomes } from './doc-experiments';
import { markdownTable } from './doc-markdown';
import { fixed2, mean, pairStats } from './doc-stats';
import { FULL_DIVERSITY_TEMPERATURE } from './draws';
import { SIM_PROFILES, type SimProfile } from './profiles';

const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;
const name = (preset: string): string => `\`sim:${preset}\``;

export function profileTable(): string {
  const rows = PRESETS.map((p) => {
    const f: SimProfile = SIM_PROFILES[p];
    return [name(p), String(f.skill), String(f.hardnessSlope), String(f.blindSpotSd), String(f.callNoiseSd), String(f.temperatureNoiseSd), String(f.distractorRate), String(f.errorAgreement), percent(f.garbleRate), percent(f.formatCompliance), String(f.promptTokensPerSecond), String(f.genTokensPerSecond), String(f.latencySd)];
  });
  const headers = ['model', 'skill', 'k', 'τ', 'σ₀', 'σ_T', 'distractor rate d', 'errorAgreement a', 'garble rate', '"Answer:" style', 'prompt tok/s', 'gen tok/s', 'latency σ'];
  return markdownTable(headers.map((header, i) => ({ header, numeric: i > 0 })), rows);
}

export function behaviourTable(): string {
  const rows = PRESETS.map((p) => {
    const f: SimProfile = SIM_PROFILES[p];
    return [name(p), String(f.conformity), String(f.stubbornness), String(f.spotWrongPeer), String(f.judgeAccuracy), String(f.decomposeQuality), String(f.combineSkill), f.deterministicAtZeroTemperature ? 'yes' : 'no'];
  });
  const headers = ['model', 'conformity κ', 'stubbornness β', 'spotWrongPeer v', 'judgeAccuracy J', 'decomposeQuality Q', 'combineSkill C', 'deterministic at T = 0'];
  return markdownTable(headers.map((header, i) => ({ header, numeric: i > 0 && i < 7 })), rows);
}

const ACCURACY_ITEMS = 300;

/** One agent of each preset on ACCURACY_ITEMS items of each difficulty 1–5. */
export async function accuracyTable(): Promise<string> {
  const byDifficulty: string[][] = [];
  for (let difficulty = 1; difficulty <= 5; difficulty++) {
    const runs = await experiment({ difficulty, items: ACCURACY_ITEMS, models: PRESETS.map((p) => `sim:${p}`), teams: [{ structure: 'single' }] });
    byDifficulty.push(runs.map((run) => fixed2(mean(outcomes(run)))));
  }
  const rows = PRESETS.map((p, i) => [name(p), ...byDifficulty.map((column) => column[i]!)]);
  const headers = ['model', ...[1, 2, 3, 4, 5].map((d) => `difficulty ${d}`)];
  return `${markdownTable(headers.map((header, i) => ({ header, numeric: i > 0 })), rows)}\n\n*${ACCURACY_ITEMS} items per difficulty (item seed 11), temperature 0.7, one agent per item, graded as a trial grades.*`;
}

const ERROR_ITEMS = 250;
const ERROR_AGENTS = 4;

/** Own models that turn one knob of sim:default, each with the row label it gets. */
const KNOB_ROWS: ReadonlyArray<{ id: string; label: string; knobs: Record<string, number> }> = [
  { id: 'flat', label: '`default`, τ = 0, k = 0.3', knobs: { blindSpotSd: 0, hardnessSlope: 0.3 } },
  { id: 'spot0', label: '`default`, τ = 0', knobs: { blindSpotSd: 0 } },
  { id: 'spot2', label: '`default`, τ = 2', knobs: { blindSpotSd: 2 } },
  { id: 'spot4', label: '`default`, τ = 4', knobs: { blindSpotSd: 4 } },
  { id: 'agree0', label: '`default`, a = 0', knobs: { errorAgreement: 0 } },
  { id: 'agree9', label: '`default`, a = 0.9', knobs: { errorAgreement: 0.9 } },
];

/**
 * Pairs of agents on the same items (a vote of ERROR_AGENTS at difficulty 3,
 * every pair of its agents): how often both are wrong beyond chance, and how
 * often two wrong answers are the same.
 */
export async function errorTable(): Promise<string> {
  const own = Object.fromEntries(KNOB_ROWS.map((r) => [r.id, { preset: 'default' as const, sameModelAs: 'sim:default', ...r.knobs }]));
  const models = [...PRESETS.map((p) => `sim:${p}`), ...KNOB_ROWS.map((r) => `sim:${r.id}`)];
  const runs = await experiment({ difficulty: 3, items: ERROR_ITEMS, models, own, teams: [{ structure: 'vote', sizes: [ERROR_AGENTS] }] });
  const row = (label: string, rows: ReturnType<typeof gradedRows>, pairs?: Array<[number, number]>): string[] => {
    const stats = pairStats(rows, pairs);
    return [label, fixed2(1 - stats.errorRate), fixed2(stats.errorCorrelation), fixed2(stats.wrongAgreement)];
  };
  const rows = runs.map((run, i) => row(i < PRESETS.length ? name(PRESETS[i]!) : KNOB_ROWS[i - PRESETS.length]!.label, gradedRows(run)));

  // Two different models: agents 0–1 of one, 2–3 of the other; only the pairs across.
  const across: Array<[number, number]> = [[0, 2], [0, 3], [1, 2], [1, 3]];
  const mixed = await experiment({
    difficulty: 3,
    items: ERROR_ITEMS,
    own: { twin: { preset: 'default' } },
    teams: [
      { structure: 'vote', label: 'twin', agents: [{ model: 'sim:default', count: 2 }, { model: 'sim:twin', count: 2 }] },
      { structure: 'vote', label: 'strong', agents: [{ model: 'sim:default', count: 2 }, { model: 'sim:strong', count: 2 }] },
    ],
  });
  const crossRows = mixed.filter((run) => run.cell.model === 'mixed');
  rows.push(row('`default` × another model with the same knobs', gradedRows(crossRows[0]!), across));
  rows.push(row('`default` × `strong`', gradedRows(crossRows[1]!), across));
  const headers = ['agents', 'accuracy', 'error correlation φ', 'same wrong answer'];
  return `${markdownTable(headers.map((header, i) => ({ header, numeric: i > 0 })), rows)}\n\n*${ERROR_ITEMS} items at difficulty 3, temperature 0.7; every pair of ${ERROR_AGENTS} agents per item (the last two rows: only pairs across the two models). Rows with a knob are own models with \`"sameModelAs": "sim:default"\`. "Same wrong answer": of the pairs where both are wrong and both gave an answer, the share giving the same one.*`;
}

const TEMPERATURE_ITEMS = 250;

/** A single agent and a majority of 5 at several temperatures, with and without greedy determinism. */
export async function temperatureTable(): Promise<string> {
  const rows: string[][] = [];
  for (const temperature of [0, FULL_DIVERSITY_TEMPERATURE / 2, 0.7]) {
    const runs = await experiment({
      difficulty: 3,
      items: TEMPERATURE_ITEMS,
      temperature,
      models: ['sim:default', 'sim:sampler'],
      own: { sampler: { preset: 'default', sameModelAs: 'sim:default', deterministicAtZeroTemperature: false } },
      teams: [{ structure: 'single' }, { structure: 'vote', sizes: [5] }],
    });
    const accuracy = runs.map((run) => mean(outcomes(run)));
    const cells = (offset: number): string[] => [fixed2(accuracy[offset]!), fixed2(accuracy[offset + 1]!), `${accuracy[offset + 1]! >= accuracy[offset]! ? '+' : '−'}${fixed2(Math.abs(accuracy[offset + 1]! - accuracy[offset]!))}`];
    rows.push([String(temperature), ...cells(0), ...cells(2)]);
  }
  const headers = ['temperature', 'deterministic: 1 agent', 'majority of 5', 'gain', 'not deterministic: 1 agent', 'majority of 5', 'gain'];
  return `${markdownTable(headers.map((header) => ({ header, numeric: true })), rows)}\n\n*${TEMPERATURE_ITEMS} items at difficulty 3. "Deterministic" is \`sim:default\`; "not deterministic" is an own model \`{ "preset": "default", "sameModelAs": "sim:default", "deterministicAtZeroTemperature": false }\`.*`;
}
