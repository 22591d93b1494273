/**
 * The module "quorum:test" that test files import inside the sandbox: `test`
 * to register a named test, and `assert` with a few checks whose messages
 * read well in an agent's prompt. It is guest code (it runs inside QuickJS),
 * kept here as text; it runs before any of the team's code, and keeps its own
 * references to the built-ins it uses so that a team's module that replaces
 * them (Object.is, JSON.stringify, Array.prototype.push…) cannot change how a
 * test is judged.
 *
 * The host gives it two functions, taken off the global object before any
 * other module runs: __quorumReport(name, passed, message) and
 * __quorumWrite(text).
 */

/** The module name test files import. */
export const HARNESS_MODULE = 'quorum:test';

export const HARNESS_SOURCE = String.raw`
const report = globalThis.__quorumReport;
const write = globalThis.__quorumWrite;
delete globalThis.__quorumReport;
delete globalThis.__quorumWrite;

const apply = Reflect.apply;
const is = Object.is;
const objectKeys = Object.keys;
const isArray = Array.isArray;
const toText = String;
const stringify = JSON.stringify;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const mapHas = Map.prototype.has;
const mapKeys = Map.prototype.keys;
const arrayFrom = Array.from;
const hasOwn = Object.prototype.hasOwnProperty;
const abs = Math.abs;
const thenOf = (value) => (value !== null && (typeof value === 'object' || typeof value === 'function') ? value.then : undefined);
const tests = new Map();

class AssertionError extends Error {}
AssertionError.prototype.name = 'AssertionError';

function show(value) {
  try {
    if (typeof value === 'string') return stringify(value).slice(0, 200);
    if (typeof value === 'number' && is(value, -0)) return '-0';
    if (typeof value === 'bigint') return toText(value) + 'n';
    if (typeof value === 'function') return '[function ' + (value.name || 'anonymous') + ']';
    if (value === undefined) return 'undefined';
    if (typeof value === 'object' && value !== null) {
      const text = stringify(value, (key, v) => (typeof v === 'bigint' ? toText(v) + 'n' : v === undefined ? '<undefined>' : v));
      return text === undefined ? toText(value) : text.slice(0, 200);
    }
    return toText(value);
  } catch (error) {
    return '<a value that cannot be shown>';
  }
}

function fail(message, note) {
  throw new AssertionError(note === undefined ? message : toText(note) + ': ' + message);
}

function deepEqual(a, b, depth) {
  if (is(a, b) || (typeof a === 'number' && a === b)) return true;
  if (depth > 50 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (isArray(a) !== isArray(b)) return false;
  const keysA = objectKeys(a);
  const keysB = objectKeys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i];
    if (!apply(hasOwn, b, [key])) return false;
    if (!deepEqual(a[key], b[key], depth + 1)) return false;
  }
  return true;
}

export const assert = Object.freeze({
  /** Same value: Object.is, except that 0 and -0 count as equal. */
  equal(actual, expected, note) {
    if (!(is(actual, expected) || (actual === 0 && expected === 0))) fail('expected ' + show(expected) + ', got ' + show(actual), note);
  },
  /** Same structure: arrays and plain objects compared key by key (numbers as in equal). */
  deepEqual(actual, expected, note) {
    if (!deepEqual(actual, expected, 0)) fail('expected ' + show(expected) + ', got ' + show(actual), note);
  },
  /** A number within tolerance (default 1e-9) of the expected one. */
  close(actual, expected, tolerance, note) {
    const within = tolerance === undefined ? 1e-9 : tolerance;
    if (typeof actual !== 'number' || !(abs(actual - expected) <= within)) fail('expected ' + show(expected) + ' (within ' + within + '), got ' + show(actual), note);
  },
  ok(value, note) {
    if (!value) fail('expected a true value, got ' + show(value), note);
  },
  /** fn() must throw; with errorType, an instance of it (TypeError, RangeError…). */
  throws(fn, errorType, note) {
    try {
      fn();
    } catch (error) {
      if (errorType !== undefined && !(error instanceof errorType)) fail('expected a ' + errorType.name + ', got ' + show(error && error.name) + ': ' + show(error && error.message), note);
      return;
    }
    fail('expected an error to be thrown, but none was', note);
  },
});

/** Registers a test; names are unique within a file. */
export function test(name, fn) {
  const key = toText(name);
  if (apply(mapHas, tests, [key])) throw new Error('two tests are named ' + show(key));
  apply(mapSet, tests, [key, fn]);
}

function describe(error) {
  try {
    if (error instanceof AssertionError) return toText(error.message);
    if (error !== null && typeof error === 'object') {
      const where = typeof error.stack === 'string' ? /\(([^()]+:\d+):\d+\)/.exec(error.stack) : null;
      return toText(error.name) + ': ' + toText(error.message) + (where ? ' (at ' + where[1] + ')' : '');
    }
    return 'threw ' + show(error);
  } catch (inner) {
    return 'threw a value that cannot be shown';
  }
}

/** For the host: the names of the tests registered, one per line. */
export function listTests() {
  return arrayFrom(apply(mapKeys, tests, [])).join('\n');
}

/** For the host: runs one test and reports its outcome (now, or when its promise settles). */
export function runTest(name) {
  const fn = apply(mapGet, tests, [name]);
  if (typeof fn !== 'function') {
    report(name, false, 'no test of this name was registered');
    return;
  }
  let result;
  try {
    result = fn();
  } catch (error) {
    report(name, false, describe(error));
    return;
  }
  const then = thenOf(result);
  if (typeof then !== 'function') {
    report(name, true, '');
    return;
  }
  apply(then, result, [() => report(name, true, ''), (error) => report(name, false, describe(error))]);
}

function line(args) {
  let text = '';
  for (let i = 0; i < args.length; i++) text += (i > 0 ? ' ' : '') + (typeof args[i] === 'string' ? args[i] : show(args[i]));
  write(text);
}
globalThis.console = Object.freeze({ log: (...args) => line(args), error: (...args) => line(args), warn: (...args) => line(args), info: (...args) => line(args) });
`;
