/**
 * Pilot → predict → recommend → verify, as the lab serves it
 * (docs/recommend.md). A pilot and a verification are ordinary experiments,
 * run and browsed like any other; this service plans them, and reads what
 * they measured into predictions and verdicts stored beside them.
 */
import { randomUUID } from 'node:crypto';
import { formatIssues } from '../../../shared/contract/schema';
import type { LabReply, LabRequest } from '../../../shared/contract/api';
import { summarizeGrid } from '../../../shared/domain/grid';
import { DEFAULT_TOLERANCE, type CandidateCell, type Objective, type Recommendation, type Verification } from '../../../shared/domain/recommend';
import type { ExperimentDetail } from '../../../shared/domain/results';
import { parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';
import { LabFailure } from '../lab-errors';
import type { LabStore } from '../store/lab-store';
import type { PilotRecord, PredictionRecord, VerificationEvaluation, VerificationRecord } from '../store/recommendation-records';
import { itemsForSpec } from '../tasks/items-for-spec';
import { deriveSeed } from '../util/random';
import { answerQuestions, reasonFor } from './answers';
import { candidateGrid, gridOfCells, type CandidateGrid } from './candidates';
import { gatherEvidence } from './evidence';
import { ItemBootstrap } from './intervals';
import { planPilot, pools } from './pilot-plan';
import { predictCandidates } from './predict';
import { BudgetTooSmall, rankCells } from './rule';
import { specForCells } from './spec-for-cells';
import { HELD_METHOD, judge, MIN_VERIFICATION_ITEMS, summaryOf, verificationCells } from './verify';

/** Bumped when predictions change, so a stored one from an older method is not returned for the same question. */
export const METHOD_VERSION = 1;
/** Bootstrap resamples of the items: enough for a 95% percentile interval steady to about half a point. */
export const RESAMPLES = 1000;

export interface RecommendationDeps {
  store: LabStore;
  examplesDir: string;
  version: string;
  createExperiment(request: LabRequest<'createExperiment'>): Promise<LabReply<'createExperiment'>>;
  startExperiment(request: LabRequest<'startExperiment'>): Promise<unknown>;
  now?: () => number;
}

export class RecommendationService {
  constructor(private readonly deps: RecommendationDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async start({ spec: raw, objective, budgetTokens, source, start }: LabRequest<'startRecommendation'>): Promise<LabReply<'startRecommendation'>> {
    const parsed = parseExperimentSpec(raw);
    if (!parsed.ok) throw new LabFailure('invalid_spec', `The candidate grid is not a valid experiment spec:\n${formatIssues(parsed.issues)}`, parsed.issues);
    // A file's rows are counted first: the full sweep, and so the pilot's share of it, depends on them.
    const { spec } = await itemsForSpec(parsed.value, { source: source ?? null, examplesDir: this.deps.examplesDir });
    const grid = candidateGrid(spec);
    const plan = planPilot(spec, grid);
    const made = specForCells(
      spec,
      plan.cells.map((c) => c.candidate.cell),
      {
        name: `Pilot: ${spec.name}`,
        description: `A pilot for a recommendation over "${spec.name}": ${plan.design}`,
        count: plan.items,
        offset: spec.tasks.offset ?? 0,
        // The candidate grid's own seed: the pilot's trials are those the full sweep would run on these items.
        seed: spec.seed,
      },
    );
    const { id } = await this.deps.createExperiment({ spec: made.spec, ...(source !== undefined ? { source } : {}) });
    this.deps.store.savePilot({
      experimentId: id,
      candidateSpec: spec,
      candidateCells: grid.candidates.filter((c) => !c.added).length,
      candidateItems: spec.tasks.count ?? 0,
      candidateRepetitions: spec.repetitions,
      fullSweepCalls: plan.fullSweepCalls,
      plannedCalls: plan.plannedCalls,
      plannedFraction: plan.plannedFraction,
      items: plan.items,
      itemOffset: spec.tasks.offset ?? 0,
      objective: objective ?? 'accuracy',
      budgetTokens: budgetTokens ?? null,
      design: plan.design,
      createdAt: this.now(),
      cells: plan.cells.map((c, k) => ({ cellIndex: made.cellIndexes[k]!, candidateIndex: c.candidate.candidateIndex, role: c.role })),
    });
    if (start) await this.deps.startExperiment({ id });
    return { experimentId: id };
  }

  async recommend({ id, objective: asked, budgetTokens: askedBudget }: LabRequest<'getRecommendation'>): Promise<Recommendation> {
    const store = this.deps.store;
    const detail = requireFinished(store.getExperiment(id), id);
    const pilot = store.pilot(id);
    const objective: Objective = asked ?? pilot?.objective ?? 'accuracy';
    const budgetTokens = askedBudget ?? pilot?.budgetTokens ?? null;
    const same = store.samePrediction(id, objective, budgetTokens, METHOD_VERSION);
    if (same) return this.toRecommendation(same);

    const { grid, candidateOf, poolVoters } = this.gridFor(detail, pilot);
    const pools = [...poolVoters].map(([cellIndex, voters]) => ({ cellIndex, voters, calls: store.voterCalls(id, cellIndex, voters) }));
    const evidence = gatherEvidence({ experimentId: id, trials: store.trialResults(id), totals: store.callTotals(id), candidateOf, pools });
    if (evidence.items.length < 2) throw new LabFailure('conflict', `Experiment "${detail.name}" finished ${evidence.items.length} item(s); a prediction needs at least two, as items are the unit its intervals resample.`);
    const seed = deriveSeed(detail.spec.seed, 'recommend');
    const where = pilot ? 'the pilot' : 'this experiment';
    const { predictions } = predictCandidates(grid, evidence, { seed, where });
    if (predictions.length < 2) {
      throw new LabFailure('conflict', `Experiment "${detail.name}" measured ${predictions.length} cell(s) this version can predict; a recommendation chooses between at least two.`);
    }
    const bootstrap = new ItemBootstrap(predictions, seed, RESAMPLES);
    let ranking;
    try {
      const cells = predictions.map((p) => ({ candidateIndex: p.candidate.candidateIndex, accuracy: bootstrap.prediction(p.candidate.candidateIndex).value, tokens: p.tokens, size: p.candidate.cell.size }));
      ranking = rankCells(cells, objective, budgetTokens, DEFAULT_TOLERANCE);
    } catch (error) {
      if (!(error instanceof BudgetTooSmall)) throw error;
      const cheapest = grid.candidates[error.cheapestIndex]!;
      throw new LabFailure(
        'invalid_request',
        `${error.message} (${cheapest.cell.label} of ${cheapest.cell.size}). Ask again with a budget of at least ${Math.ceil(error.cheapestTokens)}: npm run lab -- recommend --id ${id} --budget-tokens ${Math.ceil(error.cheapestTokens)}`,
      );
    }
    const context = { predictions, ranking, bootstrap, objective, budgetTokens, tolerance: DEFAULT_TOLERANCE };
    const rankOf = new Map(ranking.order.map((index, r) => [index, r + 1]));
    const candidates: CandidateCell[] = predictions
      .map((p) => {
        const estimate = bootstrap.prediction(p.candidate.candidateIndex);
        const measured = bootstrap.measurement(p.candidate.candidateIndex);
        return {
          candidateIndex: p.candidate.candidateIndex,
          structure: p.candidate.cell.structure,
          size: p.candidate.cell.size,
          params: p.candidate.cell.params,
          label: p.candidate.cell.label,
          model: p.candidate.cell.model,
          calls: p.candidate.calls,
          messages: p.candidate.messages,
          predicted: { accuracy: estimate.value, low: estimate.low, high: estimate.high, tokens: p.tokens, latencyMs: p.latencyMs },
          rank: rankOf.get(p.candidate.candidateIndex)!,
          withinBudget: ranking.withinBudget.has(p.candidate.candidateIndex),
          added: p.candidate.added,
          basis: p.basis,
          measured: measured && p.measured ? { accuracy: measured.value, low: measured.low, high: measured.high, trials: p.measured.trials } : null,
        };
      })
      .sort((a, b) => a.rank - b.rank);
    const fullSweepCalls = pilot ? pilot.fullSweepCalls : summarizeGrid(detail.spec).calls;
    const record: PredictionRecord = {
      predictionId: `pred-${new Date(this.now()).toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`,
      experimentId: id,
      source: pilot ? 'pilot' : 'experiment',
      objective,
      budgetTokens,
      tolerance: DEFAULT_TOLERANCE,
      recommendedIndex: ranking.recommended,
      reason: reasonFor(context),
      pilotCalls: evidence.calls,
      pilotTokens: evidence.tokens,
      pilotItems: evidence.items.length,
      fullSweepCalls,
      fractionOfFullSweep: fullSweepCalls > 0 ? evidence.calls / fullSweepCalls : 1,
      seed,
      resamples: RESAMPLES,
      methodVersion: METHOD_VERSION,
      method: methodWords(evidence.items.length, seed),
      quorumVersion: this.deps.version,
      createdAt: this.now(),
      candidates,
      answers: answerQuestions(context),
    };
    // A database opened read-only (someone's shared file) still answers; the prediction is just not stored.
    if (!store.readOnly) store.savePrediction(record);
    return this.toRecommendation(record);
  }

  async verify({ predictionId, start }: LabRequest<'verifyRecommendation'>): Promise<LabReply<'verifyRecommendation'>> {
    const store = this.deps.store;
    const record = store.prediction(predictionId);
    if (!record) throw unknownPrediction(predictionId);
    const detail = store.getExperiment(record.experimentId);
    if (!detail) throw unknownPrediction(predictionId);
    const pilot = store.pilot(record.experimentId);
    const { grid, base } = this.gridFor(detail, pilot);
    const ranked = [...record.candidates].sort((a, b) => a.rank - b.rank).map((c) => c.candidateIndex);
    const choices = verificationCells(grid, record.recommendedIndex, ranked).filter((c) => record.candidates.some((p) => p.candidateIndex === c.candidate.candidateIndex));
    const used = pilot ? { offset: pilot.itemOffset, items: pilot.items } : { offset: detail.spec.tasks.offset ?? 0, items: detail.spec.tasks.count ?? record.pilotItems };
    const itemOffset = used.offset + used.items;
    let items = Math.max(record.pilotItems, MIN_VERIFICATION_ITEMS);
    // A file has only its rows: a pilot's verification takes the candidate grid's rows the pilot left.
    if (base.tasks.file !== undefined && pilot) items = Math.min(items, pilot.candidateItems - pilot.items);
    if (items < 1) throw new LabFailure('conflict', `The task file has no rows the pilot did not use; add rows to ${base.tasks.file} to verify on new items.`);
    const made = specForCells(
      base,
      choices.map((c) => c.candidate.cell),
      {
        name: `Verification: ${base.name}`,
        description: `Checks prediction ${predictionId} on ${items} items the pilot did not use (from item ${itemOffset} on).`,
        count: items,
        offset: itemOffset,
        // A seed of its own, so no draw is shared with the pilot's trials; drawn from what the prediction
        // claims, not its random id, so the same claim checked on the same spec draws the same trials.
        seed: deriveSeed(base.seed, 'verification', record.objective, record.budgetTokens ?? 'unbounded', record.recommendedIndex, itemOffset, items),
      },
    );
    const { id } = await this.deps.createExperiment({ spec: made.spec, ...(detail.source !== null ? { source: detail.source } : {}) });
    const verificationId = `ver-${new Date(this.now()).toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    store.saveVerification({
      verificationId,
      predictionId,
      experimentId: id,
      itemOffset,
      items,
      createdAt: this.now(),
      cells: choices.map((c, k) => ({ cellIndex: made.cellIndexes[k]!, candidateIndex: c.candidate.candidateIndex, role: c.role })),
    });
    if (start) await this.deps.startExperiment({ id });
    return { verificationId, experimentId: id };
  }

  async verification({ verificationId }: LabRequest<'getVerification'>): Promise<Verification> {
    const store = this.deps.store;
    const record = store.verification(verificationId);
    if (!record) throw new LabFailure('not_found', `No verification with id "${verificationId}" in this database; verifyRecommendation (or npm run lab -- verify PREDICTION_ID) prints the id.`);
    const prediction = store.prediction(record.predictionId);
    const detail = store.getExperiment(record.experimentId);
    if (!prediction || !detail) throw new LabFailure('not_found', `Verification "${verificationId}" refers to a prediction or an experiment this database no longer holds.`);
    if (record.evaluation) return this.toVerification(record, prediction, 'completed');
    if (detail.status === 'completed') {
      const evaluation = this.evaluate(record, prediction);
      // A database opened read-only is still judged; the verdict is just not written back.
      if (!store.readOnly) store.saveVerificationEvaluation(record.verificationId, evaluation);
      return this.toVerification({ ...record, evaluation }, prediction, 'completed');
    }
    const ended = detail.status === 'cancelled' || detail.status === 'failed';
    return this.toVerification(record, prediction, ended ? 'failed' : 'running', ended ? `The verification's experiment ${detail.id} ${detail.status}; nothing was judged. Verify again to run it anew.` : undefined);
  }

  private evaluate(record: VerificationRecord, prediction: PredictionRecord): VerificationEvaluation {
    const trials = this.deps.store.trialResults(record.experimentId);
    // The verdict's resamples follow the verified items, so judging the same trials again gives the same verdict.
    const seed = deriveSeed(prediction.seed, 'verification', record.itemOffset, record.items);
    const judged = record.cells.map((cell) => {
      const candidate = prediction.candidates.find((c) => c.candidateIndex === cell.candidateIndex)!;
      const own = trials.filter((t) => t.cellIndex === cell.cellIndex);
      const byItem = new Map<number, number[]>();
      for (const t of own) {
        const scores = byItem.get(t.itemIndex) ?? [];
        scores.push(t.status === 'done' && t.correct ? 1 : 0);
        byItem.set(t.itemIndex, scores);
      }
      const done = own.filter((t) => t.status === 'done');
      const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
      const judgement = judge(
        candidate.predicted,
        {
          perItem: [...byItem.values()].map(mean),
          trials: own.length,
          tokens: mean(done.map((t) => t.tokensIn + t.tokensOut)),
          latencyMs: mean(done.map((t) => t.criticalPathMs)),
        },
        seed,
      );
      return { cell, candidate, judgement };
    });
    return {
      held: judged.filter((j) => j.judgement.held).length,
      total: judged.length,
      summary: summaryOf(
        judged.map((j) => ({ label: j.candidate.label, size: j.candidate.size, role: j.cell.role, predicted: j.candidate.predicted, judgement: j.judgement })),
        record.items,
      ),
      evaluatedAt: this.now(),
      cells: judged.map((j) => ({ cellIndex: j.cell.cellIndex, ...j.judgement })),
    };
  }

  private toVerification(record: VerificationRecord, prediction: PredictionRecord, status: Verification['status'], note?: string): Verification {
    const evaluation = record.evaluation;
    const cells = record.cells.map((cell) => {
      const candidate = prediction.candidates.find((c) => c.candidateIndex === cell.candidateIndex)!;
      const judged = evaluation?.cells.find((c) => c.cellIndex === cell.cellIndex);
      return {
        structure: candidate.structure,
        size: candidate.size,
        params: candidate.params,
        label: candidate.label,
        role: cell.role,
        candidateIndex: cell.candidateIndex,
        predicted: candidate.predicted,
        measured: judged?.measured ?? null,
        accepted: judged?.accepted ?? null,
        held: judged?.held ?? null,
      };
    });
    return {
      verificationId: record.verificationId,
      predictionId: record.predictionId,
      experimentId: record.experimentId,
      status,
      items: record.items,
      itemOffset: record.itemOffset,
      cells,
      held: evaluation?.held ?? 0,
      total: evaluation?.total ?? cells.length,
      summary: evaluation?.summary ?? note ?? `Running on ${record.items} items the pilot did not use; ask again once experiment ${record.experimentId} has finished.`,
      method: HELD_METHOD,
      createdAt: record.createdAt,
    };
  }

  private toRecommendation(record: PredictionRecord): Recommendation {
    const recommended = record.candidates.find((c) => c.candidateIndex === record.recommendedIndex);
    if (!recommended) throw new LabFailure('internal', `Prediction ${record.predictionId} names a recommended cell it does not hold.`);
    return {
      predictionId: record.predictionId,
      experimentId: record.experimentId,
      source: record.source,
      objective: record.objective,
      budgetTokens: record.budgetTokens,
      tolerance: record.tolerance,
      method: record.method,
      recommended,
      candidates: [...record.candidates].sort((a, b) => a.rank - b.rank),
      pilot: {
        experimentId: record.experimentId,
        calls: record.pilotCalls,
        tokens: record.pilotTokens,
        fullSweepCalls: record.fullSweepCalls,
        fractionOfFullSweep: record.fractionOfFullSweep,
        items: record.pilotItems,
        cells: this.deps.store.getCells(record.experimentId).map((c) => c.label),
      },
      answers: record.answers,
      reason: record.reason,
      createdAt: record.createdAt,
      verifications: this.deps.store.verificationsOf(record.predictionId),
    };
  }

  /** The candidates, which experiment cell stands for which, and whose answers are pools. */
  private gridFor(detail: ExperimentDetail, pilot: PilotRecord | null): { grid: CandidateGrid; candidateOf: Map<number, number>; poolVoters: Map<number, number>; base: ExperimentSpec } {
    if (pilot) {
      const grid = candidateGrid(pilot.candidateSpec);
      const candidateOf = new Map(pilot.cells.map((c) => [c.cellIndex, c.candidateIndex]));
      const poolVoters = new Map(pilot.cells.filter((c) => c.role === 'pool').map((c) => [c.cellIndex, Number(grid.candidates[c.candidateIndex]!.cell.params.size)]));
      return { grid, candidateOf, poolVoters, base: pilot.candidateSpec };
    }
    const cells = this.deps.store.getCells(detail.id);
    const grid = gridOfCells(cells);
    const candidateOf = new Map(grid.candidates.map((c) => [c.cell.index, c.candidateIndex]));
    const whole = (sizes: number[]) => sizes[sizes.length - 1]!;
    const poolVoters = new Map(pools(grid, whole).map((c) => [c.cell.index, Number(c.cell.params.size)]));
    return { grid, candidateOf, poolVoters, base: detail.spec };
  }
}

function methodWords(items: number, seed: number): string {
  return `Accuracy intervals are 95% percentile bootstraps over the ${items} measured items (${RESAMPLES} resamples, seed ${seed}), every candidate's per-item prediction resampled together, so differences between candidates are paired. Tokens and latency are point predictions per trial. docs/recommend.md says what each prediction rests on.`;
}

function unknownPrediction(predictionId: string): LabFailure {
  return new LabFailure('not_found', `No prediction with id "${predictionId}" in this database. npm run lab -- recommend prints a prediction's id (and getRecommendation returns it).`);
}

function requireFinished(detail: ExperimentDetail | null, id: string): ExperimentDetail {
  if (!detail) throw new LabFailure('not_found', `No experiment with id "${id}" in this database. List experiments to see the ids it holds.`);
  if (detail.status === 'completed') return detail;
  const saved = `${detail.done + detail.failed}/${detail.total} trials saved`;
  const what =
    detail.status === 'running' || detail.status === 'planned' || detail.status === 'planning'
      ? `is ${detail.status} (${saved}); ask for its recommendation once it has completed`
      : `is ${detail.status} (${saved}); finish it first (npm run lab -- resume --id ${id}), then ask again`;
  throw new LabFailure('conflict', `Experiment "${detail.name}" ${what}.`);
}
