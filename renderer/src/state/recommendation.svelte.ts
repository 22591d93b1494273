import type { LabError } from '../../../shared/contract/api';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { Objective, Recommendation, Verification } from '../../../shared/domain/recommend';
import { parseBudget } from '../lib/recommendation-view';

/** How often a running verification is asked about. */
export const VERIFICATION_POLL_MS = 2000;

/**
 * One experiment's recommendation: asked for once the experiment has
 * completed (with the objective and budget the user may change), and its
 * verification once started. A refusal from the lab (too few items, a budget
 * no cell fits) is kept as the lab worded it and shown in the panel, not in
 * the error banner: it is the answer to the question asked.
 */
export class RecommendationState {
  readonly experimentId: string;
  recommendation = $state.raw<Recommendation | null>(null);
  /** Why the lab could not recommend, in its own words. */
  problem = $state.raw<LabError | null>(null);
  loading = $state(false);
  objective = $state<Objective>('accuracy');
  budgetText = $state('');
  /** What is wrong with the typed budget, if anything. */
  budgetProblem = $state<string | null>(null);

  verification = $state.raw<Verification | null>(null);
  verifyProblem = $state.raw<LabError | null>(null);
  starting = $state(false);
  /** The verification's experiment, once started (its id is known before its first report). */
  verificationExperimentId = $state<string | null>(null);

  readonly #lab: LabBridge;
  #asked = false;
  #stopped = false;
  #poll: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every request, so a late reply never overwrites a newer one. */
  #generation = 0;

  constructor(lab: LabBridge, experimentId: string) {
    this.#lab = lab;
    this.experimentId = experimentId;
  }

  /** Returns a function that stops polling. */
  start(): () => void {
    this.#stopped = false;
    return () => {
      this.#stopped = true;
      this.#clearPoll();
    };
  }

  /** The first time the experiment is seen completed, asks for its recommendation as the lab would make it by default. */
  loadOnce(): void {
    if (this.#asked) return;
    this.#asked = true;
    void this.#load({ id: this.experimentId });
  }

  /** Asks again with the objective and budget chosen in the panel. */
  async ask(): Promise<void> {
    const budget = parseBudget(this.budgetText);
    if (!budget.ok) {
      this.budgetProblem = budget.message;
      return;
    }
    this.budgetProblem = null;
    this.#asked = true;
    await this.#load({ id: this.experimentId, objective: this.objective, ...(budget.value === null ? {} : { budgetTokens: budget.value }) });
  }

  async #load(request: { id: string; objective?: Objective; budgetTokens?: number }): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    const reply = await this.#lab.getRecommendation(request);
    if (this.#stopped || generation !== this.#generation) return;
    this.loading = false;
    if (!reply.ok) {
      this.problem = reply.error;
      this.recommendation = null;
      return;
    }
    this.problem = null;
    this.recommendation = reply.value;
    this.objective = reply.value.objective;
    this.budgetText = reply.value.budgetTokens === null ? '' : String(reply.value.budgetTokens);
    // The lab keeps every verification of a prediction: show the latest, even one run before a reload.
    this.#showVerification(reply.value.verifications.at(-1)?.verificationId ?? null);
  }

  /** Runs the recommended cell, its neighbours and the single agent on items the pilot did not use, then follows it. */
  async verify(): Promise<void> {
    const recommendation = this.recommendation;
    if (!recommendation || this.starting) return;
    this.starting = true;
    this.verifyProblem = null;
    try {
      const reply = await this.#lab.verifyRecommendation({ predictionId: recommendation.predictionId, start: true });
      if (this.#stopped) return;
      if (!reply.ok) {
        this.verifyProblem = reply.error;
        return;
      }
      this.verification = null;
      this.verificationExperimentId = reply.value.experimentId;
      await this.#follow(reply.value.verificationId, recommendation.predictionId);
    } finally {
      this.starting = false;
    }
  }

  #showVerification(verificationId: string | null): void {
    this.#clearPoll();
    this.verification = null;
    this.verificationExperimentId = null;
    this.verifyProblem = null;
    if (verificationId && this.recommendation) void this.#follow(verificationId, this.recommendation.predictionId);
  }

  async #follow(verificationId: string, predictionId: string): Promise<void> {
    this.#clearPoll();
    const reply = await this.#lab.getVerification({ verificationId });
    // The panel may have moved on to another prediction meanwhile.
    if (this.#stopped || this.recommendation?.predictionId !== predictionId) return;
    if (!reply.ok) {
      this.verifyProblem = reply.error;
      return;
    }
    this.verification = reply.value;
    this.verificationExperimentId = reply.value.experimentId;
    if (reply.value.status === 'running') {
      this.#poll = setTimeout(() => void this.#follow(verificationId, predictionId), VERIFICATION_POLL_MS);
    }
  }

  #clearPoll(): void {
    if (this.#poll) clearTimeout(this.#poll);
    this.#poll = null;
  }
}
