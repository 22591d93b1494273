/**
 * The three questions a recommendation answers, in words, each with its
 * effect (a predicted difference in accuracy) and the effect's paired 95%
 * interval; and the reason for the recommended cell in a sentence.
 */
import type { Answer, Objective } from '../../../shared/domain/recommend';
import type { ItemBootstrap } from './intervals';
import type { CandidatePrediction } from './predict';
import type { Ranking } from './rule';
import { agents, percent, points, pointsRange, tokens } from './words';

export interface AnswerContext {
  predictions: readonly CandidatePrediction[];
  ranking: Ranking;
  bootstrap: ItemBootstrap;
  objective: Objective;
  budgetTokens: number | null;
  tolerance: number;
}

function byIndex(context: AnswerContext, candidateIndex: number): CandidatePrediction {
  const found = context.predictions.find((p) => p.candidate.candidateIndex === candidateIndex);
  if (!found) throw new Error(`internal: no prediction for candidate ${candidateIndex}`);
  return found;
}

function name(p: CandidatePrediction): string {
  return p.candidate.cell.structure === 'single' ? p.candidate.cell.label : `${p.candidate.cell.label} of ${p.candidate.cell.size}`;
}

function ratio(a: CandidatePrediction, b: CandidatePrediction): string {
  const r = a.tokens / Math.max(1, b.tokens);
  return r >= 1 ? `${r.toFixed(1)}× the tokens` : `${(1 / r).toFixed(1)}× fewer tokens`;
}

/** The model most of a team's agents use (ties: the first agent's). */
function mainModel(p: CandidatePrediction): string {
  const counts = new Map<string, number>();
  for (const a of p.candidate.cell.agents) counts.set(a.model, (counts.get(a.model) ?? 0) + 1);
  let best = p.candidate.cell.agents[0]?.model ?? p.candidate.cell.model;
  for (const [model, count] of counts) if (count > (counts.get(best) ?? 0)) best = model;
  return best;
}

function singleFor(context: AnswerContext, team: CandidatePrediction): CandidatePrediction | null {
  const singles = context.predictions.filter((p) => p.candidate.cell.structure === 'single');
  return singles.find((s) => s.candidate.cell.model === mainModel(team)) ?? singles[0] ?? null;
}

function rankOf(context: AnswerContext, candidateIndex: number): number {
  return context.ranking.order.indexOf(candidateIndex);
}

function effect(context: AnswerContext, a: CandidatePrediction, b: CandidatePrediction): { effect: number; low: number; high: number } {
  const d = context.bootstrap.difference(a.candidate.candidateIndex, b.candidate.candidateIndex);
  return { effect: d.value, low: d.low, high: d.high };
}

function clearly(e: { low: number; high: number }): 'better' | 'worse' | 'unclear' {
  return e.low > 0 ? 'better' : e.high < 0 ? 'worse' : 'unclear';
}

function teamOrSingle(context: AnswerContext, recommended: CandidatePrediction): Answer {
  const question = 'team-or-single' as const;
  const isSingle = recommended.candidate.cell.structure === 'single';
  const team = isSingle ? bestTeam(context) : recommended;
  const single = team ? singleFor(context, team) : null;
  if (!team || !single) {
    return { question, words: isSingle ? 'One agent: no team among the candidates fits.' : 'There is no single agent among the measured cells to compare with.', effect: null, low: null, high: null };
  }
  const e = effect(context, team, single);
  const gap = `${points(e.effect)} (${pointsRange(e.low, e.high)})`;
  const verdict = clearly(e);
  if (isSingle) {
    const why = verdict === 'better' ? `but that is not enough for its ${ratio(team, single)} under this objective` : 'which is not clearly better';
    return { question, words: `No: the best-ranked team, ${name(team)}, is predicted ${gap} against one agent, ${why}.`, ...e };
  }
  const lead = verdict === 'better' ? 'Yes' : verdict === 'worse' ? 'No' : 'Not clearly';
  const [t, o] = [context.bootstrap.prediction(team.candidate.candidateIndex), context.bootstrap.prediction(single.candidate.candidateIndex)];
  return { question, words: `${lead}: ${name(team)} is predicted ${gap} against one agent (${percent(t.value)} vs ${percent(o.value)}), for ${ratio(team, single)}.`, ...e };
}

/** When one agent is recommended: what the smallest team of the best-ranked team's family would add. */
function oneAgent(context: AnswerContext, single: CandidatePrediction): Answer {
  const question = 'how-many' as const;
  const team = bestTeam(context);
  const smallest = team && context.predictions.filter((p) => p.candidate.familyKey === team.candidate.familyKey).sort((a, b) => a.candidate.cell.size - b.candidate.cell.size)[0];
  if (!smallest) return { question, words: 'One agent: no team among the candidates fits.', effect: null, low: null, high: null };
  const e = effect(context, smallest, single);
  return { question, words: `One agent: the smallest ${smallest.candidate.cell.teamLabel}, of ${smallest.candidate.cell.size}, is predicted ${points(e.effect)} (${pointsRange(e.low, e.high)}) against it, for ${ratio(smallest, single)}.`, ...e };
}

function bestTeam(context: AnswerContext): CandidatePrediction | undefined {
  return context.predictions
    .filter((p) => p.candidate.cell.structure !== 'single' && context.ranking.withinBudget.has(p.candidate.candidateIndex))
    .sort((a, b) => rankOf(context, a.candidate.candidateIndex) - rankOf(context, b.candidate.candidateIndex))[0];
}

function howMany(context: AnswerContext, recommended: CandidatePrediction): Answer {
  const question = 'how-many' as const;
  if (recommended.candidate.cell.structure === 'single') return oneAgent(context, recommended);
  const family = context.predictions
    .filter((p) => p.candidate.familyKey === recommended.candidate.familyKey)
    .sort((a, b) => a.candidate.cell.size - b.candidate.cell.size);
  const at = family.indexOf(recommended);
  const n = recommended.candidate.cell.size;
  const larger = family[at + 1];
  const smaller = family[at - 1];
  if (larger) {
    const e = effect(context, larger, recommended);
    return {
      question,
      words: `${agents(n)}: going to ${larger.candidate.cell.size} is predicted to change accuracy by ${points(e.effect)} (${pointsRange(e.low, e.high)}) for ${ratio(larger, recommended)}.`,
      ...e,
    };
  }
  if (smaller) {
    const e = effect(context, recommended, smaller);
    return {
      question,
      words: `${agents(n)}, the largest candidate of ${recommended.candidate.cell.teamLabel}: it is predicted ${points(e.effect)} (${pointsRange(e.low, e.high)}) against ${smaller.candidate.cell.size}, which spends ${ratio(smaller, recommended)}.`,
      ...e,
    };
  }
  return { question, words: `${agents(n)}: ${recommended.candidate.cell.teamLabel} has no other size among the candidates.`, effect: null, low: null, high: null };
}

function whichStructure(context: AnswerContext, recommended: CandidatePrediction): Answer {
  const question = 'which-structure' as const;
  const structure = recommended.candidate.cell.structure;
  const others = context.predictions
    .filter((p) => p.candidate.cell.structure !== structure && context.ranking.withinBudget.has(p.candidate.candidateIndex))
    .filter((p) => structure === 'single' || p.candidate.cell.structure !== 'single')
    .sort((a, b) => rankOf(context, a.candidate.candidateIndex) - rankOf(context, b.candidate.candidateIndex));
  const runnerUp = others[0];
  if (!runnerUp) return { question, words: `${recommended.candidate.cell.teamLabel}: no other structure is among the candidates within the budget.`, effect: null, low: null, high: null };
  const e = effect(context, recommended, runnerUp);
  return {
    question,
    words: `${recommended.candidate.cell.teamLabel}: the best-ranked other structure, ${name(runnerUp)}, is predicted ${points(-e.effect)} (${pointsRange(-e.high, -e.low)}) against it, for ${ratio(runnerUp, recommended)}.`,
    ...e,
  };
}

export function answerQuestions(context: AnswerContext): Answer[] {
  const recommended = byIndex(context, context.ranking.recommended);
  return [teamOrSingle(context, recommended), howMany(context, recommended), whichStructure(context, recommended)];
}

function within(tolerance: number): string {
  const value = tolerance * 100;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} point${value === 1 ? '' : 's'}`;
}

export function reasonFor(context: AnswerContext): string {
  const recommended = byIndex(context, context.ranking.recommended);
  const best = byIndex(context, context.ranking.best);
  const r = context.bootstrap.prediction(recommended.candidate.candidateIndex);
  const own = `${percent(r.value)} (${percent(r.low)} to ${percent(r.high)}) at ${tokens(recommended.tokens)} per trial`;
  const budget = context.budgetTokens === null ? '' : ` Of the ${context.ranking.withinBudget.size} candidates predicted within ${tokens(context.budgetTokens)} per trial:`;
  if (context.objective === 'accuracy-per-token') {
    return `${budget} ${name(recommended)} gives the most predicted accuracy per token: ${own}.`.trim();
  }
  if (best === recommended) {
    return `${budget} ${name(recommended)} is predicted the most accurate candidate, and no cheaper one comes within ${within(context.tolerance)} of it: ${own}.`.trim();
  }
  const b = context.bootstrap.prediction(best.candidate.candidateIndex);
  const saving = (best.tokens / Math.max(1, recommended.tokens)).toFixed(1);
  return `${budget} ${name(recommended)} is the cheapest candidate predicted within ${within(context.tolerance)} of the most accurate (${name(best)}, ${percent(b.value)} at ${tokens(best.tokens)}): ${own}, ${saving}× fewer tokens.`.trim();
}
