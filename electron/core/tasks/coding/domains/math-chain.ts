/** Math: a statistics pipeline, each step built on the one before it. */
import { written, type CatalogueFunction } from '../catalogue';

const DATA = '[2, 4, 4, 4, 5, 5, 7, 9]';
const SKEWED = '[1, 2, 3, 10]';

export const MATH_CHAIN: CatalogueFunction[] = [
  written(
    'sumOf',
    'sumOf(values) -> number. The sum of an array of numbers; 0 for an empty array.',
    [],
    `export function sumOf(values) {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}`,
    [
      ['adds the values', 'assert.equal(sumOf([1, 2, 3]), 6);'],
      ['is 0 for no values', 'assert.equal(sumOf([]), 0);'],
      ['handles negatives and fractions', 'assert.equal(sumOf([-1.5, 0.5]), -1);'],
      ['handles one value', 'assert.equal(sumOf([7]), 7);'],
    ],
    [
      { mistake: 'starts the total at 1 instead of 0', from: 'let total = 0;', to: 'let total = 1;' },
      { mistake: 'skips the first value', from: 'let i = 0;', to: 'let i = 1;' },
    ],
  ),
  written(
    'mean',
    'mean(values) -> number. The arithmetic mean, using sumOf; throws a RangeError for an empty array.',
    ['sumOf'],
    `export function mean(values) {
  if (values.length === 0) throw new RangeError('mean of no values');
  return sumOf(values) / values.length;
}`,
    [
      ['averages the values', 'assert.equal(mean([2, 4, 6]), 4);'],
      ['averages to a fraction', 'assert.equal(mean([1, 2]), 1.5);'],
      ['of one value is the value', 'assert.equal(mean([5]), 5);'],
      ['refuses an empty array', 'assert.throws(() => mean([]), RangeError);'],
    ],
    [
      { mistake: 'divides by one less than the count', from: '/ values.length;', to: '/ (values.length - 1);' },
      { mistake: 'returns 0 for an empty array instead of throwing', from: "throw new RangeError('mean of no values')", to: 'return 0' },
    ],
  ),
  written(
    'deviations',
    'deviations(values) -> number[]. Each value minus the mean of all values (mean from mean.js), in order.',
    ['mean'],
    `export function deviations(values) {
  const m = mean(values);
  return values.map((v) => v - m);
}`,
    [
      ['centres the values', 'assert.deepEqual(deviations([1, 2, 3]), [-1, 0, 1]);'],
      ['is all zero for equal values', 'assert.deepEqual(deviations([5, 5]), [0, 0]);'],
      ['keeps the order', 'assert.deepEqual(deviations([3, 1, 2]), [1, -1, 0]);'],
      ['refuses an empty array', 'assert.throws(() => deviations([]), RangeError);'],
    ],
    [{ mistake: 'subtracts the value from the mean instead of the mean from the value', from: '(v) => v - m', to: '(v) => m - v' }],
  ),
  written(
    'variance',
    'variance(values) -> number. The population variance: the sum (sumOf) of the squared deviations (deviations) divided by the number of values.',
    ['deviations', 'sumOf'],
    `export function variance(values) {
  const squares = deviations(values).map((d) => d * d);
  return sumOf(squares) / values.length;
}`,
    [
      ['of four values', 'assert.equal(variance([1, 2, 3, 4]), 1.25);'],
      ['is zero for equal values', 'assert.equal(variance([2, 2, 2]), 0);'],
      ['divides by the count, not the count minus one', 'assert.equal(variance([1, 3]), 1);'],
      ['refuses an empty array', 'assert.throws(() => variance([]), RangeError);'],
    ],
    [
      { mistake: 'computes the sample variance (divides by n − 1)', from: 'sumOf(squares) / values.length', to: 'sumOf(squares) / (values.length - 1)' },
      { mistake: 'sums the deviations instead of their squares', from: '(d) => d * d', to: '(d) => Math.abs(d)' },
    ],
  ),
  written(
    'stdDev',
    'stdDev(values) -> number. The population standard deviation: the square root of variance(values).',
    ['variance'],
    `export function stdDev(values) {
  return Math.sqrt(variance(values));
}`,
    [
      ['of the usual example', `assert.equal(stdDev(${DATA}), 2);`],
      ['of two values', 'assert.equal(stdDev([1, 3]), 1);'],
      ['is zero for one value', 'assert.equal(stdDev([7]), 0);'],
    ],
    [{ mistake: 'forgets the square root', from: 'Math.sqrt(variance(values))', to: 'variance(values)' }],
  ),
  written(
    'zScores',
    'zScores(values) -> number[]. Each deviation (deviations) divided by the standard deviation (stdDev); throws a RangeError when the standard deviation is 0.',
    ['stdDev', 'deviations'],
    `export function zScores(values) {
  const sd = stdDev(values);
  if (sd === 0) throw new RangeError('all values are equal');
  return deviations(values).map((d) => d / sd);
}`,
    [
      ['standardises the usual example', `assert.deepEqual(zScores(${DATA}), [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]);`],
      ['of two values', 'assert.deepEqual(zScores([1, 3]), [-1, 1]);'],
      ['refuses equal values', 'assert.throws(() => zScores([5, 5]), RangeError);'],
    ],
    [
      { mistake: 'multiplies by the standard deviation instead of dividing', from: '(d) => d / sd', to: '(d) => d * sd' },
      { mistake: 'returns zeros instead of throwing when the values are equal', from: "throw new RangeError('all values are equal')", to: 'return values.map(() => 0)' },
    ],
  ),
  written(
    'trimOutliers',
    'trimOutliers(values, limit) -> number[]. The values whose z-score (zScores) is at most `limit` in absolute value, in their order; a value exactly at the limit is kept.',
    ['zScores'],
    `export function trimOutliers(values, limit) {
  const z = zScores(values);
  return values.filter((_, i) => Math.abs(z[i]) <= limit);
}`,
    [
      ['drops the far value and keeps one at the limit', `assert.deepEqual(trimOutliers(${DATA}, 1.5), [2, 4, 4, 4, 5, 5, 7]);`],
      ['drops more with a tighter limit', `assert.deepEqual(trimOutliers(${DATA}, 1), [4, 4, 4, 5, 5, 7]);`],
      ['keeps everything with a loose limit', `assert.deepEqual(trimOutliers(${DATA}, 3), ${DATA});`],
    ],
    [
      { mistake: 'drops values exactly at the limit', from: '<= limit', to: '< limit' },
      { mistake: 'compares the signed z-score, keeping every low outlier', from: 'Math.abs(z[i]) <= limit', to: 'z[i] <= limit' },
    ],
  ),
  written(
    'robustMean',
    'robustMean(values, limit) -> number. The mean (mean) of the values left by trimOutliers(values, limit); when all values are equal, that value.',
    ['trimOutliers', 'mean'],
    `export function robustMean(values, limit) {
  if (values.length > 0 && values.every((v) => v === values[0])) return values[0];
  return mean(trimOutliers(values, limit));
}`,
    [
      ['ignores the outlier', `assert.close(robustMean(${DATA}, 1.5), 31 / 7);`],
      ['ignores more with a tighter limit', `assert.close(robustMean(${DATA}, 1), 29 / 6);`],
      ['of a skewed set', `assert.equal(robustMean(${SKEWED}, 1), 2);`],
      ['of equal values', 'assert.equal(robustMean([3, 3, 3], 1), 3);'],
    ],
    [{ mistake: 'averages every value, outliers included', from: 'mean(trimOutliers(values, limit))', to: 'mean(values)' }],
  ),
  written(
    'centerOn',
    'centerOn(values, limit) -> number[]. Each value minus robustMean(values, limit), in order.',
    ['robustMean'],
    `export function centerOn(values, limit) {
  const centre = robustMean(values, limit);
  return values.map((v) => v - centre);
}`,
    [
      ['centres a skewed set on its robust mean', `assert.deepEqual(centerOn(${SKEWED}, 1), [-1, 0, 1, 8]);`],
      ['centres equal values at zero', 'assert.deepEqual(centerOn([3, 3, 3], 1), [0, 0, 0]);'],
      ['keeps the order', 'assert.deepEqual(centerOn([10, 1, 3, 2], 1), [8, -1, 1, 0]);'],
    ],
    [{ mistake: 'centres on the plain mean', from: 'robustMean(values, limit);', to: 'values.reduce((a, b) => a + b, 0) / values.length;' }],
  ),
  written(
    'scaleToUnit',
    'scaleToUnit(values, limit) -> number[]. The centred values (centerOn) divided by the largest of their absolute values, so they lie in [-1, 1]; all zeros when every centred value is 0.',
    ['centerOn'],
    `export function scaleToUnit(values, limit) {
  const centred = centerOn(values, limit);
  const largest = Math.max(...centred.map((c) => Math.abs(c)));
  return largest === 0 ? centred.map(() => 0) : centred.map((c) => c / largest);
}`,
    [
      ['scales a skewed set', `assert.deepEqual(scaleToUnit(${SKEWED}, 1), [-0.125, 0, 0.125, 1]);`],
      ['scales by the largest magnitude, negative or not', 'assert.deepEqual(scaleToUnit([-10, 1, 2, 3], 1), [-1, -0.08333333333333333, 0, 0.08333333333333333]);'],
      ['leaves equal values at zero', 'assert.deepEqual(scaleToUnit([4, 4], 1), [0, 0]);'],
    ],
    [{ mistake: 'divides by the largest value instead of the largest magnitude', from: 'Math.max(...centred.map((c) => Math.abs(c)))', to: 'Math.max(...centred)' }],
  ),
  written(
    'histogram',
    'histogram(values, bins, limit) -> number[]. Counts of the scaled values (scaleToUnit) in `bins` equal-width bins covering [-1, 1], lowest first; a value of exactly 1 counts in the last bin.',
    ['scaleToUnit'],
    `export function histogram(values, bins, limit) {
  const counts = new Array(bins).fill(0);
  for (const s of scaleToUnit(values, limit)) {
    const index = Math.min(bins - 1, Math.floor(((s + 1) / 2) * bins));
    counts[index] += 1;
  }
  return counts;
}`,
    [
      ['counts a skewed set in four bins', `assert.deepEqual(histogram(${SKEWED}, 4, 1), [0, 1, 2, 1]);`],
      ['counts the usual example in four bins', `assert.deepEqual(histogram(${DATA}, 4, 1.5), [1, 3, 2, 2]);`],
      ['puts 1 in the last bin', 'assert.deepEqual(histogram([10, 20], 3, 5), [1, 0, 1]);'],
    ],
    [{ mistake: 'puts a value of exactly 1 past the last bin', from: 'Math.min(bins - 1, Math.floor(((s + 1) / 2) * bins))', to: 'Math.floor(((s + 1) / 2) * bins)' }],
  ),
  written(
    'peakBin',
    'peakBin(values, bins, limit) -> number. The index of the fullest bin of histogram(values, bins, limit); the lowest index when bins tie.',
    ['histogram'],
    `export function peakBin(values, bins, limit) {
  const counts = histogram(values, bins, limit);
  let best = 0;
  for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best]) best = i;
  return best;
}`,
    [
      ['finds the fullest bin', `assert.equal(peakBin(${DATA}, 4, 1.5), 1);`],
      ['takes the lowest of tied bins', `assert.equal(peakBin(${DATA}, 2, 1.5), 0);`],
      ['finds a later peak', `assert.equal(peakBin(${SKEWED}, 2, 1), 1);`],
    ],
    [{ mistake: 'takes the last of tied bins', from: 'counts[i] > counts[best]', to: 'counts[i] >= counts[best]' }],
  ),
  written(
    'peakCenter',
    'peakCenter(values, bins, limit) -> number. The centre of bin peakBin(values, bins, limit) on [-1, 1]: -1 + (2 × index + 1) / bins.',
    ['peakBin'],
    `export function peakCenter(values, bins, limit) {
  const index = peakBin(values, bins, limit);
  return -1 + (2 * index + 1) / bins;
}`,
    [
      ['of the usual example', `assert.equal(peakCenter(${DATA}, 4, 1.5), -0.25);`],
      ['of a skewed set', `assert.equal(peakCenter(${SKEWED}, 2, 1), 0.5);`],
      ['of five bins', `assert.close(peakCenter(${DATA}, 5, 1.5), 0);`],
    ],
    [{ mistake: "returns the bin's left edge instead of its centre", from: '(2 * index + 1) / bins', to: '(2 * index) / bins' }],
  ),
  written(
    'summarize',
    'summarize(values, bins, limit) -> {count, mean, sd, peak}. The number of values, their mean (mean), standard deviation (stdDev) and peakCenter(values, bins, limit).',
    ['peakCenter', 'mean', 'stdDev'],
    `export function summarize(values, bins, limit) {
  return { count: values.length, mean: mean(values), sd: stdDev(values), peak: peakCenter(values, bins, limit) };
}`,
    [
      ['summarises the usual example', `assert.deepEqual(summarize(${DATA}, 4, 1.5), { count: 8, mean: 5, sd: 2, peak: -0.25 });`],
      ['summarises a skewed set', `assert.deepEqual(summarize(${SKEWED}, 2, 1), { count: 4, mean: 4, sd: Math.sqrt(12.5), peak: 0.5 });`],
    ],
    [{ mistake: 'counts the bins instead of the values', from: 'count: values.length', to: 'count: bins' }],
  ),
  written(
    'formatSummary',
    'formatSummary(values, bins, limit) -> string. summarize(values, bins, limit) as "n=8 mean=5.00 sd=2.00 peak=-0.25": the count as is, the rest with two decimals.',
    ['summarize'],
    `export function formatSummary(values, bins, limit) {
  const s = summarize(values, bins, limit);
  const fixed = (x) => x.toFixed(2);
  return \`n=\${s.count} mean=\${fixed(s.mean)} sd=\${fixed(s.sd)} peak=\${fixed(s.peak)}\`;
}`,
    [
      ['formats the usual example', `assert.equal(formatSummary(${DATA}, 4, 1.5), 'n=8 mean=5.00 sd=2.00 peak=-0.25');`],
      ['formats a skewed set', `assert.equal(formatSummary(${SKEWED}, 2, 1), 'n=4 mean=4.00 sd=3.54 peak=0.50');`],
    ],
    [{ mistake: 'prints one decimal instead of two', from: 'x.toFixed(2)', to: 'x.toFixed(1)' }],
  ),
  written(
    'reportLines',
    'reportLines(datasets, bins, limit) -> string. One line "name: <formatSummary of its values>" per entry of the object `datasets` (name -> values), sorted by name, joined with "\\n".',
    ['formatSummary'],
    `export function reportLines(datasets, bins, limit) {
  return Object.keys(datasets)
    .sort()
    .map((name) => \`\${name}: \${formatSummary(datasets[name], bins, limit)}\`)
    .join('\\n');
}`,
    [
      ['sorts the lines by name', `assert.equal(reportLines({ skewed: ${SKEWED}, base: ${DATA} }, 4, 1.5), 'base: n=8 mean=5.00 sd=2.00 peak=-0.25\\nskewed: n=4 mean=4.00 sd=3.54 peak=0.25');`],
      ['has one line for one dataset', `assert.equal(reportLines({ only: ${SKEWED} }, 2, 1), 'only: n=4 mean=4.00 sd=3.54 peak=0.50');`],
      ['is empty for no datasets', "assert.equal(reportLines({}, 2, 1), '');"],
    ],
    [{ mistake: 'keeps the datasets in the order given instead of sorting by name', from: '.sort()', to: '.slice()' }],
  ),
];
