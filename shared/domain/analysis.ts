/**
 * What the analysis of an experiment hands the app and the CLI beyond the
 * per-cell summary: paired comparisons between cells, cost-matched
 * baselines, and theory fitted over the measurements. Every figure carries
 * its interval and says how it was computed; the renderer draws these as
 * they are and never computes a statistic of its own.
 */

/**
 * How an accuracy's interval was computed.
 * - `wilson`: Wilson score interval over trials; used where each item is met once.
 * - `item-clustered`: items are the unit (repetitions of one item are not independent).
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
  /** The single agent of the same model, on the same items and repetitions. */
  | 'vs-single'
  /** The next smaller size of the same structure and parameters. */
  | 'vs-smaller'
  /** A cell the user picked. */
  | 'vs-picked';

/** The test behind a comparison's p-value. */
export type PairedTest =
  /** Exact McNemar (binomial on the discordant pairs): each item met once by each cell. */
  | 'mcnemar-exact'
  /** Paired t-test on per-item mean differences: items are the clusters, repetitions averaged within them. */
  | 'paired-t-items';

/**
 * Cell A against cell B on the trials they share (same item and repetition:
 * common random numbers). `difference` = accuracy(A) − accuracy(B) over
 * the paired trials, with an item-clustered 95% interval.
 */
export interface PairedComparison {
  kind: ComparisonKind;
  cellIndex: number;
  baselineCellIndex: number;
  label: string;
  baselineLabel: string;
  /** Items met by both cells. */
  items: number;
  /** Trials paired (item, repetition) between the cells. */
  pairs: number;
  difference: number;
  low: number;
  high: number;
  test: PairedTest;
  pValue: number;
  /** Holm-adjusted across the comparisons of the same kind in this experiment. */
  pAdjusted: number;
  /** pAdjusted < 0.05. */
  significant: boolean;
}

/**
 * The single agent given the team's token budget: a vote of k of its own
 * answers (self-consistency), k = round(team tokens / single-agent tokens).
 * A team that only wins by spending more tokens has not won.
 */
export interface CostMatchedBaseline {
  cellIndex: number;
  /** The single-agent cell whose answers were resampled. */
  singleCellIndex: number;
  /** Samples of the single agent the team's tokens would buy. */
  samples: number;
  /** Mean tokens of k single-agent samples. */
  tokens: number;
  accuracy: number;
  low: number;
  high: number;
  /** Team minus baseline, paired by item, with an item-clustered interval. */
  difference: number;
  differenceLow: number;
  differenceHigh: number;
  /**
   * True when an item had fewer single-agent answers than k, so votes were
   * drawn with replacement from its answers (a plug-in estimate, said in words).
   */
  extrapolated: boolean;
  /** How it was computed, in a sentence for captions. */
  method: string;
}

/** A cell whose failure rate stands apart from the rest of the experiment's. */
export interface FailureFlag {
  cellIndex: number;
  failureRate: number;
  /** Of the other cells, pooled. */
  othersRate: number;
  pValue: number;
  pAdjusted: number;
  /** What it means and what to do, in words. */
  message: string;
}

/** A point of a fitted curve: the prediction and its 95% band. */
export interface CurvePoint {
  n: number;
  value: number;
  low: number;
  high: number;
}

/** A measured point the curve is drawn over. */
export interface MeasuredPoint {
  n: number;
  value: number;
  low: number;
  high: number;
  cellIndex: number;
}

/**
 * Condorcet's jury theorem with correlated errors, fitted from the agents'
 * own answers: per-item accuracy, the pairwise error correlation ρ, the
 * effective team size n_eff = n / (1 + (n − 1)ρ), the predicted vote curve
 * (the binomial mixed over items) and the co-failure ceiling.
 */
export interface CondorcetFit {
  /** The team this fit describes (its label without size), e.g. "vote (majority)". */
  teamLabel: string;
  model: string;
  rule: 'majority' | 'plurality';
  /** Mean single-agent accuracy over items. */
  agentAccuracy: number;
  rho: number;
  rhoLow: number;
  rhoHigh: number;
  /** n_eff at each size drawn. */
  effectiveSizes: Array<{ n: number; nEff: number }>;
  curve: CurvePoint[];
  measured: MeasuredPoint[];
  ceiling: {
    /** Share of items every agent answered wrong. */
    allWrongShare: number;
    /** 1 − allWrongShare: no team of these agents can do better. */
    ceiling: number;
    /** Clopper–Pearson 95% upper bound on the ceiling. */
    ceilingHigh: number;
    items: number;
    /** Answers per item the share was counted over. */
    answersPerItem: number;
  };
  /** E.g. "errors are correlated, ρ = 0.41: nine voters are worth 2.2 independent ones". */
  words: string;
}

/** Amdahl's law over critical-path latency on decomposable work: S(n) = 1 / ((1 − p) + p/n). */
export interface AmdahlFit {
  teamLabel: string;
  /** Parallel fraction. */
  p: number;
  pLow: number;
  pHigh: number;
  /** Speedup over n = 1, predicted. */
  curve: CurvePoint[];
  measured: MeasuredPoint[];
  words: string;
}

/**
 * The Universal Scalability Law, C(n) = n / (1 + α(n − 1) + βn(n − 1)),
 * fitted to speed (speedup of critical-path latency) or to cost (n times the
 * single agent's tokens over the team's tokens); the peak n* = √((1 − α)/β).
 */
export interface UslFit {
  teamLabel: string;
  quantity: 'speed' | 'cost';
  alpha: number;
  alphaLow: number;
  alphaHigh: number;
  beta: number;
  betaLow: number;
  betaHigh: number;
  /** Null when β ≤ 0 (no retrograde region within reach). */
  peak: number | null;
  curve: CurvePoint[];
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
