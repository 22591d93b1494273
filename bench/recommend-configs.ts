/**
 * The configurations bench/recommend.ts runs (docs/recommend.md, "The bench").
 *
 * Two sets, fixed before the held-out one was first evaluated:
 * - `dev`: what the method was developed and tuned on;
 * - `eval`: held out. Its figures are reported as measured; nothing in the
 *   method was changed after seeing them.
 *
 * Every configuration is a candidate grid (an experiment spec on the sim)
 * with its objective; `tasks.count` is the full sweep's item count, large
 * enough that the sweep is a fair referee (its own noise is reported).
 */
import type { Objective } from '../shared/domain/recommend';

export interface BenchConfig {
  name: string;
  set: 'dev' | 'eval';
  /** What it varies, in a few words. */
  varies: string;
  spec: Record<string, unknown>;
  objective: Objective;
  budgetTokens?: number;
}

/** Items of every full sweep. */
export const SWEEP_ITEMS = 1000;

const tasks = (extra: Record<string, unknown> = {}) => ({ suite: 'arithmetic', count: SWEEP_ITEMS, seed: 11, difficulty: 3, ...extra });
const single = { structure: 'single' };
const vote = (aggregate: string, sizes: number[], extra: Record<string, unknown> = {}) => ({ structure: 'vote', aggregate, sizes, ...extra });
const debate = (sizes: number[], rounds: number, extra: Record<string, unknown> = {}) => ({ structure: 'debate', sizes, rounds, ...extra });

function config(name: string, set: BenchConfig['set'], varies: string, spec: Record<string, unknown>, objective: Objective = 'accuracy', budgetTokens?: number): BenchConfig {
  return { name, set, varies, spec: { name, seed: 5, ...spec }, objective, ...(budgetTokens !== undefined ? { budgetTokens } : {}) };
}

export const BENCH_CONFIGS: BenchConfig[] = [
  // Development set: the method was built and tuned on these.
  config('dev-default-vote-debate', 'dev', 'default model, votes and debates', {
    tasks: tasks(),
    agents: { model: 'sim:default' },
    teams: [single, vote('plurality', [3, 5, 9, 15, 25]), debate([3, 5], 2)],
  }),
  config('dev-weak-hard-moa', 'dev', 'weak model, harder items, mixture of agents', {
    tasks: tasks({ difficulty: 4 }),
    agents: { model: 'sim:weak' },
    teams: [single, vote('majority', [3, 5, 9, 15, 31]), { structure: 'moa', proposers: [2, 4], layers: 2 }],
  }),
  config('dev-strong-pipeline-lw', 'dev', 'strong model, pipeline and leader–worker', {
    tasks: tasks({ difficulty: 5 }),
    agents: { model: 'sim:strong' },
    teams: [single, vote('plurality', [3, 5, 9]), { structure: 'pipeline', critics: [1, 2] }, { structure: 'leader-worker', workers: [2, 4] }],
  }),
  config('dev-checking-debate', 'dev', 'agents that spot wrong peers: debate beats a vote', {
    tasks: tasks(),
    agents: { model: 'sim:checker' },
    sim: { models: { checker: { preset: 'default', sameModelAs: 'sim:default', spotWrongPeer: 0.5 } } },
    teams: [single, vote('plurality', [3, 5, 9, 15]), debate([3, 5, 7], 2)],
  }),
  config('dev-jobs-decomposition', 'dev', 'decomposable jobs: leader–worker and hierarchy', {
    tasks: tasks({ suite: 'jobs', parts: 4 }),
    agents: { model: 'sim:default' },
    teams: [single, vote('plurality', [3, 5, 9]), { structure: 'leader-worker', workers: [2, 4, 8] }, { structure: 'hierarchical', branching: 2, depth: [1, 2] }],
  }),
  config(
    'dev-budget',
    'dev',
    'a token budget per trial',
    { tasks: tasks(), agents: { model: 'sim:default' }, teams: [single, vote('plurality', [3, 5, 9, 15, 31, 64]), debate([3, 5], 2)] },
    'accuracy',
    1500,
  ),

  // Held-out evaluation set: fixed before it was first run; never tuned on.
  config('eval-fast-two-rules', 'eval', 'fast model, easy items, majority against plurality', {
    tasks: tasks({ difficulty: 2 }),
    agents: { model: 'sim:fast' },
    teams: [single, vote('majority', [3, 5, 9, 15, 21]), vote('plurality', [3, 5, 9, 15, 21])],
  }),
  config('eval-mixture-hardness', 'eval', '70% easy and 30% very hard items; one-round debate', {
    tasks: tasks({ hardness: { mixture: [{ share: 0.7, mean: 0.2 }, { share: 0.3, mean: 0.85 }] } }),
    agents: { model: 'sim:default' },
    teams: [single, vote('plurality', [3, 5, 9, 15, 25, 41]), debate([3, 5, 9], 1)],
  }),
  config('eval-correlated-errors', 'eval', 'strong blind spots (τ = 2): errors highly correlated; votes to 64', {
    tasks: tasks(),
    agents: { model: 'sim:blind' },
    sim: { models: { blind: { preset: 'default', sameModelAs: 'sim:default', blindSpotSd: 2 } } },
    teams: [single, vote('plurality', [3, 5, 9, 15, 31, 64]), { structure: 'moa', proposers: [2, 4, 8], layers: 2 }],
  }),
  config('eval-independent-errors', 'eval', 'no blind spots (τ = 0): nearly independent errors; ring debate', {
    tasks: tasks(),
    agents: { model: 'sim:clear' },
    sim: { models: { clear: { preset: 'default', sameModelAs: 'sim:default', blindSpotSd: 0 } } },
    teams: [single, vote('majority', [3, 5, 9, 15, 31]), debate([4, 8], 2, { topology: 'ring' })],
  }),
  config('eval-coinciding-errors', 'eval', 'wrong answers coincide (errorAgreement 0.95)', {
    tasks: tasks(),
    agents: { model: 'sim:herd' },
    sim: { models: { herd: { preset: 'default', sameModelAs: 'sim:default', errorAgreement: 0.95 } } },
    teams: [single, vote('plurality', [3, 5, 9, 15, 25]), vote('majority', [3, 5, 9, 15, 25])],
  }),
  config('eval-mixed-teams', 'eval', 'teams of three different models against copies of one', {
    tasks: tasks({ difficulty: 4 }),
    agents: { model: 'sim:strong' },
    teams: [
      single,
      vote('plurality', [3, 5, 9]),
      { structure: 'vote', aggregate: 'plurality', label: 'strong + default + fast', agents: [{ model: 'sim:strong' }, { model: 'sim:default' }, { model: 'sim:fast' }] },
      { structure: 'debate', rounds: 2, label: 'mixed debate', agents: [{ model: 'sim:strong' }, { model: 'sim:default' }, { model: 'sim:fast' }] },
    ],
  }),
  config('eval-choice-judge-pipeline', 'eval', 'multiple choice; a judge over the votes; pipeline', {
    tasks: tasks({ suite: 'choice', difficulty: 4 }),
    agents: { model: 'sim:strong' },
    teams: [single, vote('plurality', [3, 5, 9, 15]), vote('judge', [3, 5, 9]), { structure: 'pipeline', critics: [1, 2, 4] }],
  }),
  config('eval-conformist-debate', 'eval', 'conformist agents (κ = 0.9): debate herds', {
    tasks: tasks(),
    agents: { model: 'sim:sheep' },
    sim: { models: { sheep: { preset: 'default', sameModelAs: 'sim:default', conformity: 0.9, stubbornness: 0.05 } } },
    teams: [single, vote('plurality', [3, 5, 9, 15]), debate([3, 5, 9], 2)],
  }),
  config('eval-jobs-strong', 'eval', 'decomposable jobs with a strong model', {
    tasks: tasks({ suite: 'jobs', parts: 4, difficulty: 4 }),
    agents: { model: 'sim:strong' },
    teams: [single, vote('plurality', [3, 5, 9]), { structure: 'leader-worker', workers: [2, 4, 8] }, { structure: 'hierarchical', branching: 2, depth: [1, 2] }],
  }),
  config('eval-word-moa-pipeline', 'eval', 'word problems; mixture of agents and pipeline', {
    tasks: tasks({ suite: 'word' }),
    agents: { model: 'sim:default' },
    teams: [single, vote('plurality', [3, 5, 9, 15, 25]), { structure: 'moa', proposers: [2, 4], layers: 2 }, { structure: 'pipeline', critics: [1, 2] }],
  }),
  config('eval-weak-very-hard', 'eval', 'weak model on very hard items: votes can hurt', {
    tasks: tasks({ difficulty: 6 }),
    agents: { model: 'sim:weak' },
    teams: [single, vote('majority', [3, 5, 9, 15, 31]), vote('plurality', [3, 5, 9, 15, 31])],
  }),
  config(
    'eval-budget-64',
    'eval',
    'a budget of 1,200 tokens per trial; votes to 64',
    { tasks: tasks(), agents: { model: 'sim:default' }, teams: [single, vote('plurality', [3, 5, 9, 15, 25, 41, 64]), debate([3, 5], 2)] },
    'accuracy',
    1200,
  ),
  config('eval-quorum-cool', 'eval', 'temperature 0.3; a quorum vote beside a plurality', {
    tasks: tasks(),
    agents: { model: 'sim:default', temperature: 0.3 },
    teams: [single, vote('plurality', [3, 5, 9, 15]), vote('quorum', [3, 5, 9])],
  }),
];
