/**
 * What the analysis of an experiment hands the app and the CLI beyond the
 * per-cell summary: paired comparisons between cells, cost-matched
 * baselines, and theory fitted over the measurements. Every figure carries
 * its interval and says how it was computed; the renderer draws these as
 * they are and never computes a statistic of its own.
 */

/**
 * How a share's 95% interval was computed (docs/statistics.md).
 * - `wilson`: Wilson score interval over trials; used where each item is met
 *   at most once, so trials are independent draws of items (and, with a
 *   single item, over its repetitions: the interval then speaks for that item alone).
 * - `item-clustered`: items are the unit, repetitions of one item are not
 *   independent: Korn–Graubard, i.e. Clopper–Pearson on the item-clustered
 *   effective sample size with a degrees-of-freedom correction (as R's
 *   survey::svyciprop(method = "beta")).
 */
export type IntervalMethod = 'wilson' | 'item-clustered';

/** A proportion with its 95% interval; value null when nothing was counted. */
export interface Share {
  value: number | null;
  low: number | null;
  high: number | null;
}

/** What a paired comparison measures the team against. */
export type ComparisonKind =
  /**
   * The single agent of the same model, on the same items and repetitions:
   * the experiment's fault-free single-agent cell whose agent has the team's
   * model (for a team of several models, the model most of its agents use,
   * ties to the first agent's), preferring the same temperature. A cell under
   * faults is compared with that fault-free single agent too: the question is
   * whether the team, faults and all, does better than one healthy agent.
   */
  | 'vs-single'
  /**
   * The next smaller size of the same team: the same team entry, model,
   * faults and parameters except the one that sets the size (the vote's and
   * debate's size, the leader–worker's workers, the pipeline's critics, the
   * mixture's proposers; the hierarchy's branching and depth), the largest
   * size below this cell's.
   */
  | 'vs-smaller'
  /** A cell the user picked (compareCells); not corrected for multiplicity, since it is one question asked on its own. */
  | 'vs-picked';

/** The test behind a comparison's p-value. */
export type PairedTest =
  /** Exact McNemar (binomial on the discordant pairs): each item met once by each cell. */
  | 'mcnemar-exact'
  /** Paired t-test on per-item mean differences (K − 1 df): items are the clusters, repetitions averaged within them. */
  | 'paired-t-items'
  /**
   * Exact sign test on the items' mean differences, used when every item
   * shows the same difference (the t statistic's spread is then zero); with
   * one pair per item it is exact McNemar.
   */
  | 'sign-test-items';

/** The difference in accuracy over the pairs where both trials completed (neither failed). */
export interface CompletedDifference {
  /** Pairs (item, repetition) where both cells' trials completed. */
  pairs: number;
  items: number;
  /** Accuracy of the cell minus the baseline's, over those pairs. */
  difference: number;
  /** Item-clustered 95% interval (t with K − 1 df on per-item mean differences). */
  low: number;
  high: number;
}

/**
 * Cell A against cell B on the trials they share (same item and repetition:
 * common random numbers). `difference` = accuracy(A) − accuracy(B) over
 * the paired trials, with an item-clustered 95% interval. Accuracy is strict:
 * a failed trial, like a trial without an answer, is not correct; `completed`
 * gives the same difference over the pairs where neither trial failed, so a
 * cell that only wins because the other fails more is seen as such.
 */
export interface PairedComparison {
  kind: ComparisonKind;
  cellIndex: number;
  baselineCellIndex: number;
  label: string;
  baselineLabel: string;
  /** Why this baseline, in words (e.g. "the single agent of sim:default, the model 2 of 3 agents use"). */
  baselineReason: string;
  /** Items met by both cells. */
  items: number;
  /** Trials paired (item, repetition) between the cells. */
  pairs: number;
  /** Strict accuracy of the cell over the paired trials. */
  accuracy: number;
  /** Strict accuracy of the baseline over the paired trials. */
  baselineAccuracy: number;
  /** accuracy − baselineAccuracy. */
  difference: number;
  /** Item-clustered 95% interval of the difference (see docs/statistics.md), inside [−1, 1]. */
  low: number;
  high: number;
  /** Pairs where the cell was right and the baseline not. */
  cellOnlyCorrect: number;
  /** Pairs where the baseline was right and the cell not. */
  baselineOnlyCorrect: number;
  test: PairedTest;
  pValue: number;
  /** Holm-adjusted across the comparisons of the same kind in this experiment (vs-picked: the p-value itself). */
  pAdjusted: number;
  /** pAdjusted < 0.05. */
  significant: boolean;
  /** The difference over pairs where both trials completed; null when no pair did. */
  completed: CompletedDifference | null;
}

/**
 * The single agent given the team's token budget: a plurality vote of k of
 * its own answers (self-consistency), k = round(team tokens / single-agent
 * tokens), at least 1. Estimated item by item from the answers the single
 * agent gave on that item (see `pooledCells`) by a seeded Monte Carlo over
 * draws of k answers. A team that only wins by spending more tokens has not won.
 */
export interface CostMatchedBaseline {
  cellIndex: number;
  label: string;
  /** The single-agent cell whose answers were resampled (chosen as for 'vs-single'). */
  singleCellIndex: number;
  /** Samples of the single agent the team's tokens would buy (k). */
  samples: number;
  /** Mean tokens per completed trial of the team. */
  teamTokens: number;
  /** Mean tokens per completed trial of the single agent. */
  singleTokens: number;
  /** Mean tokens of k single-agent samples: samples × singleTokens. */
  tokens: number;
  /** Items the baseline was estimated on (met by the team, with at least one single-agent answer). */
  items: number;
  /** Expected accuracy of the k-sample vote, averaged over items (each item weighs the same). */
  accuracy: number;
  /** Item-clustered 95% interval (t with K − 1 df over the items' expected accuracies). */
  low: number;
  high: number;
  /** Team's strict accuracy (items weighted equally) minus the baseline's, paired by item. */
  difference: number;
  differenceLow: number;
  differenceHigh: number;
  /** Paired t-test on the items' differences (K − 1 df); sign test when they are all equal. */
  pValue: number;
  /** Holm-adjusted across the experiment's cost-matched baselines. */
  pAdjusted: number;
  /** pAdjusted < 0.05: the team differs from the single agent given its tokens (look at the sign of `difference`). */
  significant: boolean;
  /** Fewest single-agent answers any item had to draw from. */
  minAnswersPerItem: number;
  /**
   * True when an item had fewer single-agent answers than k, so votes were
   * drawn with replacement from its answers (a plug-in estimate, said in words).
   */
  extrapolated: boolean;
  /** Items that needed drawing with replacement. */
  extrapolatedItems: number;
  /**
   * Cells whose answers were pooled: the single-agent cell, and, when its own
   * repetitions are fewer than k, the first-round answers of voters of the same
   * model, temperature and prompt in fault-free plurality, majority and judge votes.
   */
  pooledCells: number[];
  /** How it was computed, in a sentence for captions. */
  method: string;
}

/** A cell that fails more often than the rest of the experiment's cells (Fisher's exact test, Holm-corrected). */
export interface FailureFlag {
  cellIndex: number;
  label: string;
  /** Failed trials of this cell, and its finished trials. */
  failed: number;
  trials: number;
  failureRate: number;
  /** Of the other cells, pooled. */
  othersRate: number;
  othersFailed: number;
  othersTrials: number;
  /** Fisher's exact test (two-sided) on failed vs completed trials, this cell against the others pooled. */
  pValue: number;
  /** Holm-adjusted across every cell tested. */
  pAdjusted: number;
  /** What it means and what to do, in words. */
  message: string;
}

/** A point of a fitted curve: the prediction at team size n and its 95% band (docs/theory.md says how each band is made). */
export interface CurvePoint {
  /** Team size in agents (for a leader–worker team: its workers plus the leader). */
  n: number;
  value: number;
  low: number;
  high: number;
}

/** A measured point the curve is drawn over: one cell's figure with its 95% interval. */
export interface MeasuredPoint {
  /** The cell's size in agents (1: the single agent the fit is anchored to). */
  n: number;
  value: number;
  low: number;
  high: number;
  cellIndex: number;
}

/**
 * Condorcet's jury theorem with correlated errors, fitted from the agents'
 * own first answers (docs/theory.md): per-item accuracy, the pairwise error
 * correlation ρ, the effective team size n_eff = n / (1 + (n − 1)ρ), the
 * predicted vote curve (the binomial mixed over items) and the co-failure
 * ceiling. One fit per fault-free team of one model that votes on its
 * agents' answers (vote, and debate through its first round).
 */
export interface CondorcetFit {
  /** The team this fit describes (its label without size), e.g. "vote (majority)". */
  teamLabel: string;
  model: string;
  /** The rule the curve predicts: the team's own vote rule; a debate's final plurality is predicted as a plurality of its first answers. */
  rule: 'majority' | 'plurality';
  /** Mean single-agent accuracy over items (each item weighs the same). */
  agentAccuracy: number;
  /**
   * Pairwise error correlation: the Pearson correlation of "wrong" (a wrong
   * answer or none) between two different agents of one trial, over every
   * such pair in every trial, pooled over items (not centred per item), so
   * that items every agent finds hard count: it is what makes votes weaker.
   */
  rho: number;
  /** 95% interval of ρ: percentile bootstrap over items. */
  rhoLow: number;
  rhoHigh: number;
  /** Within-trial pairs of answers ρ was counted over. */
  pairs: number;
  /** Items the answers cover. */
  items: number;
  /** First-round answers the fit used (failed calls left out; an answer-less reply counts as wrong). */
  answers: number;
  /** Median answers per item: up to this size the curve reads the answers themselves; beyond it, the Beta model of item accuracy (docs/theory.md). */
  answersPerItem: number;
  /** Cells whose answers were pooled: the team's cells and, when there is one, the single agent of the same model and temperature. */
  sourceCells: number[];
  /** n_eff at each size of the curve. */
  effectiveSizes: Array<{ n: number; nEff: number }>;
  /** The predicted accuracy of the team's vote at each size, with its 95% band (item bootstrap). */
  curve: CurvePoint[];
  /** What the textbook binomial would predict at each size of the curve: one accuracy for every item, errors independent. */
  independent: Array<{ n: number; value: number }>;
  /** The team's cells (and the single agent at n = 1, when there is one): accuracy with the cell's own interval. */
  measured: MeasuredPoint[];
  ceiling: {
    /** Share of items every agent answered wrong (of `answersPerItem` answers: more answers per item find fewer such items). */
    allWrongShare: number;
    /** Items every answer was wrong on. */
    allWrongItems: number;
    /** 1 − allWrongShare: no team that picks one of these agents' answers can do better. */
    ceiling: number;
    /** Clopper–Pearson 95% interval (two-sided) on the ceiling, items as the trials. */
    ceilingLow: number;
    ceilingHigh: number;
    items: number;
    /** Median answers per item the share was counted over. */
    answersPerItem: number;
  };
  /** E.g. "errors are correlated, ρ = 0.41: nine voters are worth 2.2 independent ones". */
  words: string;
}

/**
 * Amdahl's law over critical-path latency, S(n) = 1 / ((1 − p) + p/n), n the
 * team's size in agents and S the single agent's mean critical path over the
 * team's on the same items (the single agent is n = 1).
 */
export interface AmdahlFit {
  teamLabel: string;
  model: string;
  /** Parallel fraction, fitted by least squares on the measured speedups, within [0, 1]. */
  p: number;
  /** 95% interval of p: percentile bootstrap over items. */
  pLow: number;
  pHigh: number;
  /** 1 / (1 − p): the speedup no team of any size exceeds; null when p = 1. */
  maxSpeedup: number | null;
  /** Root-mean-square distance of the measured speedups from the curve: how well Amdahl describes them. */
  rmse: number;
  /** Speedup over n = 1, predicted. */
  curve: CurvePoint[];
  /** Measured speedups (ratio of mean critical paths on shared items), with 95% item-bootstrap intervals. */
  measured: MeasuredPoint[];
  words: string;
}

/**
 * The Universal Scalability Law, C(n) = n / (1 + α(n − 1) + βn(n − 1)),
 * fitted to speed (the single agent's mean critical path over the team's) or
 * to cost (n × the single agent's mean tokens over the team's: how many
 * agents' worth of work one agent's tokens buy); the peak n* = √((1 − α)/β).
 * C(1) = 1 is the single agent; linear scaling (C = n) is a team that splits
 * one agent's work among n at no cost; C = 1 at every n (α = 1) is a team
 * whose every agent redoes the whole task (a vote's cost).
 */
export interface UslFit {
  teamLabel: string;
  model: string;
  quantity: 'speed' | 'cost';
  /** Contention, ≥ 0: the share of the work that does not divide (α ≥ 1: none of it does). */
  alpha: number;
  alphaLow: number;
  alphaHigh: number;
  /** Coherency, ≥ 0: the cost every pair of agents adds (crosstalk). */
  beta: number;
  betaLow: number;
  betaHigh: number;
  /** n* = √((1 − α)/β), the size past which C falls; null when β = 0 or α ≥ 1 (no rise to peak from). */
  peak: number | null;
  /** 95% interval of n* (percentile bootstrap over items); null where too few resamples had a peak. */
  peakLow: number | null;
  peakHigh: number | null;
  /** Root-mean-square distance of the measured points from the curve. */
  rmse: number;
  curve: CurvePoint[];
  /** Measured C(n) per cell, with 95% item-bootstrap intervals. */
  measured: MeasuredPoint[];
  words: string;
}

export interface TheoryFits {
  condorcet: CondorcetFit[];
  amdahl: AmdahlFit[];
  usl: UslFit[];
  /** Why a fit was not drawn (too few sizes, no single agent…), in words. */
  notes: string[];
}
