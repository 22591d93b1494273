/** The three domains Quorum's coding jobs are written in. */
import type { CodingDomain, DomainCatalogue } from '../catalogue';
import { GEOMETRY_CHAIN } from './geometry-chain';
import { GEOMETRY_INDEPENDENT } from './geometry-independent';
import { MATH_CHAIN } from './math-chain';
import { MATH_INDEPENDENT } from './math-independent';
import { TEXT_CHAIN } from './text-chain';
import { TEXT_INDEPENDENT } from './text-independent';

export const CATALOGUES: Readonly<Record<CodingDomain, DomainCatalogue>> = {
  math: {
    id: 'math',
    project: 'Number toolkit',
    intro: 'a small library of number functions: a statistics pipeline (sums, means, spread, outliers, histograms, a report), each step built on the one before, and stand-alone helpers (divisors, primes, rounding, conversions).',
    chain: MATH_CHAIN,
    independent: MATH_INDEPENDENT,
  },
  text: {
    id: 'text',
    project: 'Text toolkit',
    intro: 'a small library of text functions: a clean-up pipeline for plain text (line breaks, spacing, quotes, punctuation, capitals, wrapping), each stage the one before it plus one rule, and stand-alone helpers (palindromes, case conversion, encodings).',
    chain: TEXT_CHAIN,
    independent: TEXT_INDEPENDENT,
  },
  geometry: {
    id: 'geometry',
    project: 'Shape toolkit',
    intro: 'a small library of plane-geometry functions: from a list of points written as text to the measured, centred outline of a shape, each step built on the one before, and stand-alone helpers on points, rectangles and angles. Points are [x, y] arrays.',
    chain: GEOMETRY_CHAIN,
    independent: GEOMETRY_INDEPENDENT,
  },
};
