/**
 * `recommend` and `verify`: a pilot on a candidate grid, the recommendation
 * read from it, and its check on items the pilot did not use
 * (docs/recommend.md). Both run their experiment with the progress bar `run`
 * shows, then print the result as text or, with --json, as JSON on stdout.
 */
import { OBJECTIVES, type Objective } from '../../shared/domain/recommend';
import type { LabHandle } from '../core/create-lab';
import { printable, printableLines } from './terminal-text';
import { renderRecommendation, renderVerification } from './recommend-output';
import { watchRun } from './watch-run';

export interface RecommendOptions {
  /** A spec file to plan a pilot for, or null with `experimentId`. */
  file: string | null;
  spec: unknown;
  /** A finished experiment (a pilot, or any other) to recommend from instead. */
  experimentId: string | undefined;
  objective: Objective | undefined;
  budgetTokens: number | undefined;
  json: boolean;
}

/** A usage mistake in recommend's or verify's options, phrased for the user. */
export class RecommendUsageError extends Error {}

export function parseObjective(value: string | undefined): Objective | undefined {
  if (value === undefined) return undefined;
  if ((OBJECTIVES as readonly string[]).includes(value)) return value as Objective;
  throw new RecommendUsageError(`--objective must be ${OBJECTIVES.map((o) => `"${o}"`).join(' or ')}, got "${printable(value)}".`);
}

export function parseBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const budget = Number(value);
  if (!Number.isInteger(budget) || budget < 1 || budget > 100_000_000) throw new RecommendUsageError(`--budget-tokens must be a whole number of tokens per trial from 1 to 100000000, got "${printable(value)}".`);
  return budget;
}

/** Exit code: 0 with a recommendation printed, 1 when the pilot did not complete. */
export async function recommend(handle: LabHandle, options: RecommendOptions): Promise<number> {
  const { lab } = handle;
  const question = { ...(options.objective ? { objective: options.objective } : {}), ...(options.budgetTokens !== undefined ? { budgetTokens: options.budgetTokens } : {}) };
  let id = options.experimentId;
  if (id === undefined) {
    const { experimentId } = await lab.startRecommendation({ spec: options.spec, ...question, ...(options.file ? { source: options.file } : {}) });
    id = experimentId;
    process.stderr.write(`Pilot ${id} planned in ${handle.databasePath}\n`);
    const progress = await watchRun(lab, id);
    if (progress.status !== 'completed') {
      const { error } = await lab.getExperiment({ id });
      const why = progress.status === 'paused' ? 'was paused' : `is ${progress.status}${error ? `: ${printableLines(error)}` : ''}`;
      process.stderr.write(`The pilot ${why}. Finish it with: npm run lab -- resume --id ${id} --db "${handle.databasePath}", then: npm run lab -- recommend --id ${id}\n`);
      return progress.status === 'paused' ? 130 : 1;
    }
  }
  const recommendation = await lab.getRecommendation({ id, ...question });
  process.stdout.write(options.json ? `${JSON.stringify(recommendation, null, 2)}\n` : `${renderRecommendation(recommendation, handle.databasePath)}\n`);
  return 0;
}

/** Exit code: 0 when every prediction held, 1 when one did not or the run did not complete. */
export async function verify(handle: LabHandle, predictionId: string, json: boolean): Promise<number> {
  const { lab } = handle;
  const { verificationId, experimentId } = await lab.verifyRecommendation({ predictionId });
  process.stderr.write(`Verification ${verificationId} planned as experiment ${experimentId} in ${handle.databasePath}\n`);
  const progress = await watchRun(lab, experimentId);
  if (progress.status !== 'completed') {
    process.stderr.write(`The verification's experiment is ${progress.status}. Finish it with: npm run lab -- resume --id ${experimentId} --db "${handle.databasePath}"\n`);
    return progress.status === 'paused' ? 130 : 1;
  }
  const verification = await lab.getVerification({ verificationId });
  process.stdout.write(json ? `${JSON.stringify(verification, null, 2)}\n` : `${renderVerification(verification)}\n`);
  return verification.held === verification.total ? 0 : 1;
}
