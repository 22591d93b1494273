/**
 * The written functions jobs are made of. A domain has a chain of functions
 * each of which imports and calls the one before it (and sometimes an earlier
 * one: the chain's extra edges), and a pool of independent functions that
 * import nothing. A paper-shaped job takes the first C of the chain and
 * N − C of the pool. Every function comes with its reference solution, its
 * tests and its documented mistakes (docs/task-suites.md, "coding").
 */

import type { CodingDomain } from '../../../../shared/domain/task-spec';

export { CODING_DOMAINS, type CodingDomain } from '../../../../shared/domain/task-spec';

/** A plausible mistake: the reference with `from` (found exactly once) replaced by `to`. */
export interface CatalogueBug {
  mistake: string;
  from: string;
  to: string;
}

export interface CatalogueFunction {
  /** The exported function's name; its file is `${name}.js` at the repository's root. */
  name: string;
  /** What the function does, as the agent reads it (signature first). */
  summary: string;
  /** Functions of the same domain it imports and calls (its dependencies on the board). */
  uses: string[];
  /** The reference solution: an ES module that imports its `uses` from './name.js' and exports `name`. */
  code: string;
  /** [test name, statements using `assert` and the function]: several per function. */
  tests: [string, string][];
  bugs: CatalogueBug[];
}

export interface DomainCatalogue {
  id: CodingDomain;
  project: string;
  /** What the project is about, as every agent reads it first. */
  intro: string;
  /** Each imports the one before it: chain[k].uses includes chain[k − 1].name. */
  chain: CatalogueFunction[];
  /** Functions that import nothing. */
  independent: CatalogueFunction[];
}

/** A function that imports the named functions of its domain (the reference code below the imports). */
export function written(name: string, summary: string, uses: string[], body: string, tests: [string, string][], bugs: CatalogueBug[]): CatalogueFunction {
  const imports = uses.map((dep) => `import { ${dep} } from './${dep}.js';\n`).join('');
  return { name, summary, uses, code: `${imports}${imports ? '\n' : ''}${body.trim()}\n`, tests, bugs };
}
