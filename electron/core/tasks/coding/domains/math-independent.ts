/** Math: functions that stand alone. */
import { written, type CatalogueFunction } from '../catalogue';

export const MATH_INDEPENDENT: CatalogueFunction[] = [
  written(
    'gcd',
    'gcd(a, b) -> number. The greatest common divisor of two integers (always >= 0); gcd(0, 0) is 0.',
    [],
    `export function gcd(a, b) {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}`,
    [
      ['of two multiples', 'assert.equal(gcd(12, 18), 6);'],
      ['of coprime numbers', 'assert.equal(gcd(7, 9), 1);'],
      ['ignores signs', 'assert.equal(gcd(-24, 36), 12);'],
      ['with zero', 'assert.equal(gcd(0, 5), 5); assert.equal(gcd(0, 0), 0);'],
    ],
    [{ mistake: 'returns the last remainder instead of the last divisor', from: 'return x;', to: 'return y;' }],
  ),
  written(
    'isPrime',
    'isPrime(n) -> boolean. Whether the integer n is prime (numbers below 2 are not).',
    [],
    `export function isPrime(n) {
  if (n < 2) return false;
  for (let i = 2; i * i <= n; i++) if (n % i === 0) return false;
  return true;
}`,
    [
      ['knows small primes', 'assert.ok(isPrime(2)); assert.ok(isPrime(3)); assert.ok(isPrime(97));'],
      ['rejects squares of primes', 'assert.equal(isPrime(9), false); assert.equal(isPrime(49), false);'],
      ['rejects 0, 1 and negatives', 'assert.equal(isPrime(0), false); assert.equal(isPrime(1), false); assert.equal(isPrime(-7), false);'],
    ],
    [{ mistake: 'stops before the square root, so squares of primes pass', from: 'i * i <= n', to: 'i * i < n' }],
  ),
  written(
    'factorial',
    'factorial(n) -> number. n! for a non-negative integer n (0! = 1); throws a RangeError for a negative or fractional n.',
    [],
    `export function factorial(n) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('factorial needs a non-negative integer');
  let product = 1;
  for (let i = 2; i <= n; i++) product *= i;
  return product;
}`,
    [
      ['of 5', 'assert.equal(factorial(5), 120);'],
      ['of 0 and 1', 'assert.equal(factorial(0), 1); assert.equal(factorial(1), 1);'],
      ['of 10', 'assert.equal(factorial(10), 3628800);'],
      ['refuses negatives and fractions', 'assert.throws(() => factorial(-1), RangeError); assert.throws(() => factorial(2.5), RangeError);'],
    ],
    [
      { mistake: 'stops one factor short', from: 'i <= n', to: 'i < n' },
      { mistake: 'accepts fractions', from: '!Number.isInteger(n) || n < 0', to: 'n < 0' },
    ],
  ),
  written(
    'fibonacci',
    'fibonacci(n) -> number. The n-th Fibonacci number, with fibonacci(0) = 0 and fibonacci(1) = 1.',
    [],
    `export function fibonacci(n) {
  let a = 0;
  let b = 1;
  for (let i = 0; i < n; i++) [a, b] = [b, a + b];
  return a;
}`,
    [
      ['starts at 0 and 1', 'assert.equal(fibonacci(0), 0); assert.equal(fibonacci(1), 1);'],
      ['of 10', 'assert.equal(fibonacci(10), 55);'],
      ['of 2 and 3', 'assert.equal(fibonacci(2), 1); assert.equal(fibonacci(3), 2);'],
    ],
    [{ mistake: 'starts the sequence at 1, 1', from: 'let a = 0;', to: 'let a = 1;' }],
  ),
  written(
    'digitSum',
    'digitSum(n) -> number. The sum of the decimal digits of the integer n, ignoring its sign.',
    [],
    `export function digitSum(n) {
  return String(Math.abs(n))
    .split('')
    .reduce((sum, digit) => sum + Number(digit), 0);
}`,
    [
      ['of 1234', 'assert.equal(digitSum(1234), 10);'],
      ['of 0', 'assert.equal(digitSum(0), 0);'],
      ['ignores the sign', 'assert.equal(digitSum(-907), 16);'],
    ],
    [{ mistake: 'does not drop the minus sign', from: 'String(Math.abs(n))', to: 'String(n)' }],
  ),
  written(
    'toBinary',
    'toBinary(n) -> string. The base-2 digits of a non-negative integer, most significant first; "0" for 0.',
    [],
    `export function toBinary(n) {
  if (n === 0) return '0';
  let digits = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) digits = (rest % 2) + digits;
  return digits;
}`,
    [
      ['of 10', "assert.equal(toBinary(10), '1010');"],
      ['of 0 and 1', "assert.equal(toBinary(0), '0'); assert.equal(toBinary(1), '1');"],
      ['of 255', "assert.equal(toBinary(255), '11111111');"],
      ['of 6', "assert.equal(toBinary(6), '110');"],
    ],
    [{ mistake: 'writes the digits least significant first', from: 'digits = (rest % 2) + digits', to: 'digits = digits + (rest % 2)' }],
  ),
  written(
    'toRoman',
    'toRoman(n) -> string. The Roman numeral for an integer from 1 to 3999 (subtractive forms such as IV, IX, XL, CM); throws a RangeError outside that range.',
    [],
    `const NUMERALS = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

export function toRoman(n) {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError('toRoman needs an integer from 1 to 3999');
  let rest = n;
  let text = '';
  for (const [value, letters] of NUMERALS) {
    while (rest >= value) {
      text += letters;
      rest -= value;
    }
  }
  return text;
}`,
    [
      ['of 1994', "assert.equal(toRoman(1994), 'MCMXCIV');"],
      ['of 4 and 9', "assert.equal(toRoman(4), 'IV'); assert.equal(toRoman(9), 'IX');"],
      ['of 3888', "assert.equal(toRoman(3888), 'MMMDCCCLXXXVIII');"],
      ['refuses 0 and 4000', 'assert.throws(() => toRoman(0), RangeError); assert.throws(() => toRoman(4000), RangeError);'],
    ],
    [{ mistake: 'forgets the subtractive form IV', from: ", [4, 'IV']", to: '' }],
  ),
  written(
    'clamp',
    'clamp(x, lo, hi) -> number. x limited to the range [lo, hi].',
    [],
    `export function clamp(x, lo, hi) {
  return Math.max(lo, Math.min(x, hi));
}`,
    [
      ['keeps a value inside', 'assert.equal(clamp(5, 0, 10), 5);'],
      ['raises a low value', 'assert.equal(clamp(-3, 0, 10), 0);'],
      ['lowers a high value', 'assert.equal(clamp(12, 0, 10), 10);'],
    ],
    [{ mistake: 'uses the lower bound on both sides', from: 'Math.min(x, hi)', to: 'Math.min(x, lo)' }],
  ),
  written(
    'lerp',
    'lerp(a, b, t) -> number. Linear interpolation: a at t = 0, b at t = 1, a + (b - a) * t in general (t may lie outside [0, 1]).',
    [],
    `export function lerp(a, b, t) {
  return a + (b - a) * t;
}`,
    [
      ['at the ends', 'assert.equal(lerp(2, 6, 0), 2); assert.equal(lerp(2, 6, 1), 6);'],
      ['half way', 'assert.equal(lerp(2, 6, 0.5), 4);'],
      ['beyond the end', 'assert.equal(lerp(0, 10, 1.5), 15);'],
    ],
    [{ mistake: 'adds b × t to a instead of the difference × t', from: 'a + (b - a) * t', to: 'a + b * t' }],
  ),
  written(
    'roundTo',
    'roundTo(x, places) -> number. x rounded half up to `places` decimal places (places may be negative: roundTo(1234, -2) is 1200).',
    [],
    `export function roundTo(x, places) {
  const factor = 10 ** places;
  return Math.round(x * factor) / factor;
}`,
    [
      ['to two places', 'assert.equal(roundTo(3.14159, 2), 3.14);'],
      ['half up', 'assert.equal(roundTo(2.5, 0), 3);'],
      ['a negative number', 'assert.equal(roundTo(-1.26, 1), -1.3);'],
      ['to hundreds', 'assert.equal(roundTo(1250, -2), 1300);'],
    ],
    [{ mistake: 'rounds down instead of to the nearest', from: 'Math.round(x * factor)', to: 'Math.floor(x * factor)' }],
  ),
  written(
    'median',
    'median(values) -> number. The middle of the values in numeric order (the mean of the two middle ones for an even count); throws a RangeError for an empty array. Does not change its argument.',
    [],
    `export function median(values) {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}`,
    [
      ['of an odd count', 'assert.equal(median([3, 1, 2]), 2);'],
      ['of an even count', 'assert.equal(median([4, 1, 3, 2]), 2.5);'],
      ['sorts numbers as numbers', 'assert.equal(median([10, 9, 2]), 9);'],
      ['leaves its argument alone', 'const values = [3, 1, 2]; median(values); assert.deepEqual(values, [3, 1, 2]);'],
      ['refuses an empty array', 'assert.throws(() => median([]), RangeError);'],
    ],
    [
      { mistake: 'sorts the numbers as text', from: '.sort((a, b) => a - b)', to: '.sort()' },
      { mistake: 'sorts the caller\'s array in place', from: '[...values].sort', to: 'values.sort' },
    ],
  ),
  written(
    'rangeOf',
    'rangeOf(start, stop, step = 1) -> number[]. The numbers from start up to (not including) stop in steps of step; counts down for a negative step; throws a RangeError for a step of 0.',
    [],
    `export function rangeOf(start, stop, step = 1) {
  if (step === 0) throw new RangeError('step must not be 0');
  const values = [];
  for (let v = start; step > 0 ? v < stop : v > stop; v += step) values.push(v);
  return values;
}`,
    [
      ['counts up', 'assert.deepEqual(rangeOf(0, 5), [0, 1, 2, 3, 4]);'],
      ['steps', 'assert.deepEqual(rangeOf(1, 10, 3), [1, 4, 7]);'],
      ['counts down', 'assert.deepEqual(rangeOf(5, 0, -2), [5, 3, 1]);'],
      ['is empty when there is nothing to count', 'assert.deepEqual(rangeOf(3, 3), []);'],
      ['refuses a step of 0', 'assert.throws(() => rangeOf(0, 3, 0), RangeError);'],
    ],
    [{ mistake: 'includes the stop value', from: 'v < stop', to: 'v <= stop' }],
  ),
  written(
    'primeFactors',
    'primeFactors(n) -> number[]. The prime factors of the integer n in ascending order, each as often as it divides n; [] for n < 2.',
    [],
    `export function primeFactors(n) {
  const factors = [];
  let rest = n;
  for (let p = 2; p * p <= rest; p++) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  if (rest > 1) factors.push(rest);
  return factors;
}`,
    [
      ['of 360', 'assert.deepEqual(primeFactors(360), [2, 2, 2, 3, 3, 5]);'],
      ['of a prime', 'assert.deepEqual(primeFactors(13), [13]);'],
      ['of 1', 'assert.deepEqual(primeFactors(1), []);'],
      ['of a prime square', 'assert.deepEqual(primeFactors(49), [7, 7]);'],
    ],
    [{ mistake: 'takes each prime only once', from: 'while (rest % p === 0)', to: 'if (rest % p === 0)' }],
  ),
  written(
    'collatzSteps',
    'collatzSteps(n) -> number. How many steps of the Collatz rule (n/2 when even, 3n + 1 when odd) take the positive integer n to 1; throws a RangeError for n < 1.',
    [],
    `export function collatzSteps(n) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('collatzSteps needs a positive integer');
  let steps = 0;
  for (let v = n; v !== 1; v = v % 2 === 0 ? v / 2 : 3 * v + 1) steps++;
  return steps;
}`,
    [
      ['of 1', 'assert.equal(collatzSteps(1), 0);'],
      ['of 6', 'assert.equal(collatzSteps(6), 8);'],
      ['of 27', 'assert.equal(collatzSteps(27), 111);'],
      ['refuses 0', 'assert.throws(() => collatzSteps(0), RangeError);'],
    ],
    [{ mistake: 'counts the starting number as a step', from: 'let steps = 0;', to: 'let steps = 1;' }],
  ),
  written(
    'isPerfect',
    'isPerfect(n) -> boolean. Whether n is a perfect number: an integer >= 2 equal to the sum of its divisors smaller than itself.',
    [],
    `export function isPerfect(n) {
  if (!Number.isInteger(n) || n < 2) return false;
  let sum = 0;
  for (let d = 1; d < n; d++) if (n % d === 0) sum += d;
  return sum === n;
}`,
    [
      ['knows 6 and 28', 'assert.ok(isPerfect(6)); assert.ok(isPerfect(28));'],
      ['rejects 12', 'assert.equal(isPerfect(12), false);'],
      ['rejects 1', 'assert.equal(isPerfect(1), false);'],
    ],
    [{ mistake: 'counts n among its own divisors', from: 'd < n', to: 'd <= n' }],
  ),
  written(
    'triangular',
    'triangular(n) -> number. The n-th triangular number 1 + 2 + … + n (0 for n = 0).',
    [],
    `export function triangular(n) {
  return (n * (n + 1)) / 2;
}`,
    [
      ['of 4', 'assert.equal(triangular(4), 10);'],
      ['of 0 and 1', 'assert.equal(triangular(0), 0); assert.equal(triangular(1), 1);'],
      ['of 100', 'assert.equal(triangular(100), 5050);'],
    ],
    [{ mistake: 'sums only up to n − 1', from: 'n * (n + 1)', to: 'n * (n - 1)' }],
  ),
  written(
    'percentOf',
    'percentOf(part, whole) -> number. part as a percentage of whole (100 * part / whole); throws a RangeError when whole is 0.',
    [],
    `export function percentOf(part, whole) {
  if (whole === 0) throw new RangeError('whole must not be 0');
  return (100 * part) / whole;
}`,
    [
      ['a quarter', 'assert.equal(percentOf(1, 4), 25);'],
      ['nothing', 'assert.equal(percentOf(0, 5), 0);'],
      ['more than the whole', 'assert.equal(percentOf(3, 2), 150);'],
      ['refuses a whole of 0', 'assert.throws(() => percentOf(1, 0), RangeError);'],
    ],
    [{ mistake: 'divides the whole by the part', from: '(100 * part) / whole', to: '(100 * whole) / part' }],
  ),
  written(
    'modPow',
    'modPow(base, exponent, modulus) -> number. base to the power exponent, modulo modulus, for non-negative integers (by repeated squaring); 0 when the modulus is 1.',
    [],
    `export function modPow(base, exponent, modulus) {
  let result = 1 % modulus;
  let b = base % modulus;
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}`,
    [
      ['of a power of two', 'assert.equal(modPow(2, 10, 1000), 24);'],
      ['with exponent 0', 'assert.equal(modPow(10, 0, 7), 1);'],
      ['with modulus 1', 'assert.equal(modPow(7, 0, 1), 0);'],
      ['of a large exponent', 'assert.equal(modPow(3, 200, 13), 9);'],
    ],
    [{ mistake: 'returns 1 for exponent 0 even when the modulus is 1', from: 'let result = 1 % modulus;', to: 'let result = 1;' }],
  ),
];
