/**
 * How the recommendation panel arranges what the lab recommended: the three
 * questions in the order a reader asks them, the candidates grouped into
 * one predicted curve per team (over the cells the pilot measured), and the
 * verification's verdicts in words. Every number is the lab's.
 */
import type { Answer, CandidateCell, Recommendation, VerifiedCell } from '../../../shared/domain/recommend';
import type { FitChartSpec, FitSeries } from '../charts/fit-chart';
import { formatDifference, formatPercent } from '../format';

export const QUESTION_ORDER: readonly Answer['question'][] = ['team-or-single', 'how-many', 'which-structure'];

export const QUESTION_TITLES: Record<Answer['question'], string> = {
  'team-or-single': 'Is a team better than one agent here?',
  'how-many': 'How many agents?',
  'which-structure': 'Which structure?',
};

/** The answers in question order; a question the lab left unanswered is left out. */
export function orderedAnswers(recommendation: Pick<Recommendation, 'answers'>): Answer[] {
  return QUESTION_ORDER.flatMap((question) => recommendation.answers.filter((a) => a.question === question));
}

/** An answer's effect with its interval, in points, or null when the answer rests on none. */
export function answerEffect(answer: Answer): string | null {
  return answer.effect === null ? null : formatDifference(answer.effect, answer.low, answer.high);
}

/** A candidate named with its size (and its model when the grid mixes models). */
export function candidateName(cell: Pick<CandidateCell, 'label' | 'size'>): string {
  return `${cell.label}, n=${cell.size}`;
}

/** The team a candidate belongs to: its label, and its model (the same label on two models is two teams). */
function teamKey(cell: CandidateCell): string {
  return `${cell.label}\u0000${cell.model}`;
}

/**
 * One predicted curve per team, its points the candidates' predicted
 * accuracy with the 95% interval, over the cells measured where the
 * prediction came from; teams in the order their best-ranked candidate
 * stands.
 */
export function predictionSeries(candidates: readonly CandidateCell[]): FitSeries[] {
  const models = new Set(candidates.map((c) => c.model));
  const teams = new Map<string, CandidateCell[]>();
  for (const cell of [...candidates].sort((a, b) => a.rank - b.rank)) {
    const key = teamKey(cell);
    teams.set(key, [...(teams.get(key) ?? []), cell]);
  }
  return [...teams.values()].map((cells) => {
    const first = cells[0]!;
    const label = models.size > 1 ? `${first.label} (${first.model})` : first.label;
    const sorted = [...cells].sort((a, b) => a.size - b.size);
    return {
      label: `${label}: predicted`,
      curve: sorted.map((c) => ({ n: c.size, value: c.predicted.accuracy, low: c.predicted.low, high: c.predicted.high })),
      measured: sorted.flatMap((c) => (c.measured ? [{ n: c.size, value: c.measured.accuracy, low: c.measured.low, high: c.measured.high, cellIndex: c.candidateIndex }] : [])),
      measuredLabel: `${label}: measured`,
      markPoints: true,
    };
  });
}

const percent = (value: number): string => formatPercent(value, 0);

export function predictionSpec(candidates: readonly CandidateCell[]): FitChartSpec {
  return { series: predictionSeries(candidates), y: { title: 'Predicted accuracy', format: (value) => formatPercent(value), tick: percent, bounds: { min: 0, max: 1 }, step: 0.05 } };
}

export type Verdict = 'held' | 'missed' | 'pending';

export function verdictOf(cell: Pick<VerifiedCell, 'held'>): Verdict {
  return cell.held === null ? 'pending' : cell.held ? 'held' : 'missed';
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  held: 'held',
  missed: 'did not hold',
  pending: 'not measured yet',
};

export const ROLE_WORDS: Record<VerifiedCell['role'], string> = {
  recommended: 'recommended',
  neighbour: 'neighbour (n ± 2)',
  single: 'single agent',
};

/**
 * Reads a typed budget: empty is no limit; otherwise a whole number of tokens
 * per trial within what the lab accepts. Returns the budget, or what is wrong.
 */
export function parseBudget(text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const trimmed = text.trim().replaceAll(',', '').replaceAll('_', '');
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: 'The token budget is a whole number of tokens per trial (e.g. 2000); leave it empty for no limit.' };
  const value = Number(trimmed);
  if (value < 1 || value > 100_000_000) return { ok: false, message: 'The token budget must be between 1 and 100,000,000 tokens per trial; leave it empty for no limit.' };
  return { ok: true, value };
}
