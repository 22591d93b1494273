/**
 * One coding job for a domain, a size N, a longest chain C and a shape:
 * the domain's written functions when the job fits them (the paper's shape:
 * chain, C ≤ 16, N − C ≤ 18), synthetic functions otherwise or when asked.
 * The same options and seed always give the same job.
 */
import type { CodingJob, JobShape } from '../../../../shared/domain/jobs';
import { createRng, deriveSeed, type Rng } from '../../util/random';
import type { CatalogueFunction, CodingDomain, DomainCatalogue } from './catalogue';
import { CATALOGUES } from './domains';
import { buildJob } from './job-builder';
import { shapeGraph, shapeProblem } from './shapes';
import { syntheticFunctions } from './synthetic';

export interface CodingJobOptions {
  domain: CodingDomain;
  /** N */
  subtasks: number;
  /** C: the longest dependency chain, in subtasks. */
  criticalPath: number;
  shape: JobShape;
  /** Synthetic functions even where the written ones fit. */
  synthetic: boolean;
  seed: number;
  /** Which of the jobs with these options (0 for the first): a different pick of functions. */
  replica: number;
}

/** Whether the domain's written functions can make this job. */
export function fitsWritten(catalogue: DomainCatalogue, options: Pick<CodingJobOptions, 'subtasks' | 'criticalPath' | 'shape'>): boolean {
  return options.shape === 'chain' && options.criticalPath <= catalogue.chain.length && options.subtasks - options.criticalPath <= catalogue.independent.length;
}

/** Fisher–Yates with the job's own generator. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function writtenFunctions(catalogue: DomainCatalogue, n: number, c: number, rng: Rng): CatalogueFunction[] {
  // The first C of the chain (its extra edges stay inside it), then N − C of the stand-alone functions in catalogue order.
  const picked = new Set(shuffled(catalogue.independent, rng).slice(0, n - c));
  return [...catalogue.chain.slice(0, c), ...catalogue.independent.filter((fn) => picked.has(fn))];
}

export function codingJobId(options: CodingJobOptions, written: boolean): string {
  return `${options.domain}-${options.shape}-n${options.subtasks}-c${options.criticalPath}${written ? '' : '-synthetic'}${options.replica > 0 ? `-r${options.replica + 1}` : ''}`;
}

export function generateCodingJob(options: CodingJobOptions): CodingJob {
  const problem = shapeProblem(options.shape, options.subtasks, options.criticalPath);
  if (problem !== null) throw new Error(problem);
  const catalogue = CATALOGUES[options.domain];
  const rng = createRng(deriveSeed(options.seed, 'coding', options.domain, options.shape, options.subtasks, options.criticalPath, options.synthetic ? 1 : 0, options.replica));
  const written = !options.synthetic && fitsWritten(catalogue, options);
  const functions = written ? writtenFunctions(catalogue, options.subtasks, options.criticalPath, rng) : syntheticFunctions(options.domain, shapeGraph(options.shape, options.subtasks, options.criticalPath, rng), rng);
  return buildJob({
    id: codingJobId(options, written),
    project: written ? catalogue.project : `${catalogue.project} (synthetic)`,
    intro: written ? catalogue.intro : `synthetic functions, each a small ${options.domain === 'math' ? 'calculation on a whole number' : options.domain === 'text' ? 'transformation of a text' : 'move of a point'} combined with the results of the functions it depends on.`,
    domain: options.domain,
    shape: options.shape,
    functions,
  });
}
