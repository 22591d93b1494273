/** A task item and the suite that makes, reads and grades it. */
import type { CodingJob } from '../../../shared/domain/jobs';
import type { CodingSpec } from './coding';

export interface TaskItem {
  /** Position of the item in its experiment (0-based). */
  index: number;
  suite: string;
  /** The question exactly as agents receive it. */
  prompt: string;
  /** The canonical correct answer, as text (for arithmetic: an integer in base 10). */
  answer: string;
  /** The suite's difficulty knob the item was generated with. */
  difficulty: number;
  /**
   * Latent hardness in [0, 1], shared by every agent that meets the item. The
   * sim backend reads it so that agents' errors are correlated through the item.
   */
  hardness: number;
  /** Plausible wrong answers, most tempting first, so that wrong answers can coincide. */
  distractors: string[];
  /** Multiple choice: the options in order, labelled A, B, C… in the prompt; the answer is a label. */
  choices?: string[];
  /** A decomposable job: its independent parts, each with its own answer; the item's answer aggregates them. */
  parts?: ItemPart[];
  /** A coding job (suite "coding", or a task file in the paper's format): what a team builds, and the tests that check it. */
  job?: CodingJob;
}

export interface ItemPart {
  prompt: string;
  answer: string;
}

/** One kind of item in a mixture: its share of the items and where its hardness centres. */
export interface HardnessComponent {
  /** Fraction of the items of this kind (the shares of a mixture add up to 1). */
  share: number;
  /** Hardness at the centre of this kind, in (0, 1): its logit is the centre of the kind's hardness logits. */
  mean: number;
  /** SD of the hardness logit within this kind (default HARDNESS_MIXTURE_SD). */
  sd?: number;
}

/** Items drawn from several kinds, e.g. mostly easy with some very hard ones, instead of the suite's own hardness. */
export interface HardnessMixture {
  mixture: HardnessComponent[];
}

export interface GenerateOptions {
  count: number;
  seed: number;
  difficulty: number;
  /** Replaces the suite's own (unimodal) hardness draw; leaves the items themselves unchanged. */
  hardness?: HardnessMixture;
  /** Decomposable suites ("jobs"): independent parts per item. */
  parts?: number;
  /** The "coding" suite: which jobs to make (domains, chain lengths, size, shape). */
  coding?: CodingSpec;
}

export interface TaskSuite {
  readonly id: string;
  generate(options: GenerateOptions): TaskItem[];
  /**
   * Pulls the final answer out of a reply that may have prose around it; null
   * when there is none. The engine always gives it the item, since what
   * counts as an answer can depend on it (a choice letter among its options).
   */
  extract(reply: string, item?: TaskItem): string | null;
  /** Compares an extracted answer with the item's; a null answer is wrong. */
  grade(item: TaskItem, extracted: string | null): boolean;
  /** Credit in [0, 1] for an answer (partial credit where the suite gives it); default: 1 when `grade` says right, else 0. */
  score?(item: TaskItem, extracted: string | null): number;
  /** Whether a part's result is right, for teams that split a decomposable job into its parts. */
  gradePart?(item: TaskItem, part: number, extracted: string | null): boolean;
}

/** The credit an answer earns: the suite's own score, or all or nothing. */
export function scoreOf(suite: TaskSuite, item: TaskItem, extracted: string | null): number {
  return suite.score ? suite.score(item, extracted) : suite.grade(item, extracted) ? 1 : 0;
}
