/**
 * Functions made to measure for any dependency graph: each node computes a
 * small operation of its input and combines it with the results of the
 * functions it depends on, so the dependency is real (a wrong dependency
 * makes its dependants' tests fail too). Expected values and the effect of
 * each mistake are computed here, in TypeScript, from the same parameters
 * the JavaScript is written from; a unit test runs every job through the
 * sandbox to check that the two agree.
 */
import type { Rng } from '../../util/random';
import type { CatalogueBug, CatalogueFunction, CodingDomain } from './catalogue';
import type { ShapeGraph } from './shapes';

type Value = number | string | [number, number];

/**
 * A node's own computation: its result for an input, given its dependencies'
 * results for the reduced input (null at the base case, where it uses none).
 */
type Evaluate = (input: Value, deps: readonly Value[] | null) => Value;

/** One way a node's code can be wrong: the line it changes, and what the node then computes. */
interface SyntheticBug extends CatalogueBug {
  evaluate: Evaluate;
}

interface SyntheticNode {
  name: string;
  summary: string;
  code: string;
  evaluate: Evaluate;
  bugs: SyntheticBug[];
}

/**
 * A domain's kind of synthetic function. A node calls its dependencies on a
 * smaller input (half a number, the text without its first character, the
 * point halved) and stops at a base input, so a straightforward
 * implementation costs a few levels of calls whatever the graph's depth.
 */
interface Family {
  prefix: string;
  inputs: readonly Value[];
  /** The input the dependencies are called with; null at the base case. */
  reduce: (input: Value) => Value | null;
  assertion: 'equal' | 'deepEqual';
  make: (name: string, deps: readonly string[], rng: Rng) => SyntheticNode;
}

const imports = (deps: readonly string[]) => deps.map((dep) => `import { ${dep} } from './${dep}.js';\n`).join('') + (deps.length > 0 ? '\n' : '');
const listed = (deps: readonly string[]) => (deps.length === 1 ? deps[0]! : `${deps.slice(0, -1).join(', ')} and ${deps[deps.length - 1]!}`);
const sum = (values: readonly Value[] | null) => (values ?? []).reduce<number>((total, v) => total + (v as number), 0);
const without = <T>(values: readonly T[] | null, index: number) => values?.filter((_, j) => j !== index) ?? null;

const MODULUS = 1000;

const math: Family = {
  prefix: 'measure',
  inputs: [0, 3, 41, 500],
  reduce: (input) => ((input as number) === 0 ? null : Math.floor((input as number) / 2)),
  assertion: 'equal',
  make(name, deps, rng) {
    const a = rng.int(2, 9);
    const b = rng.int(1, 99);
    const own = (n: number, plus = 0) => a * n + b + plus;
    const terms = deps.map((dep) => ` + ${dep}(half)`).join('');
    const body =
      deps.length === 0
        ? `  const own = ${a} * n + ${b};
  const total = own;
  return total % ${MODULUS};`
        : `  if (n === 0) return ${b};
  const half = Math.floor(n / 2);
  const own = ${a} * n + ${b};
  const total = own${terms};
  return total % ${MODULUS};`;
    const code = `${imports(deps)}export function ${name}(n) {\n${body}\n}\n`;
    const evaluate: Evaluate = (input, values) => (own(input as number) + sum(values)) % MODULUS;
    const bugs: SyntheticBug[] = [
      { mistake: `forgets to take the remainder modulo ${MODULUS}`, from: `return total % ${MODULUS};`, to: 'return total;', evaluate: (input, values) => (values === null && deps.length > 0 ? b : own(input as number) + sum(values)) },
      { mistake: `adds ${b + 1} instead of ${b}`, from: `const own = ${a} * n + ${b};`, to: `const own = ${a} * n + ${b + 1};`, evaluate: (input, values) => (values === null && deps.length > 0 ? b : (own(input as number, 1) + sum(values)) % MODULUS) },
      ...deps.map((dep, i) => ({
        mistake: `leaves out ${dep}(half)`,
        from: ` + ${dep}(half)`,
        to: '',
        evaluate: (input: Value, values: readonly Value[] | null) => (own(input as number) + sum(without(values, i))) % MODULUS,
      })),
    ];
    const summary =
      deps.length === 0
        ? `${name}(n) -> number. For a whole number n >= 0: (${a} × n + ${b}) modulo ${MODULUS}.`
        : `${name}(n) -> number. For a whole number n >= 0: (${a} × n + ${b} + ${deps.map((d) => `${d}(h)`).join(' + ')}) modulo ${MODULUS}, where h = ⌊n / 2⌋; for n = 0 just ${b}.`;
    return { name, summary, code, evaluate, bugs };
  },
};

const TAGS = ['ash', 'bay', 'cedar', 'dune', 'elm', 'fern', 'glen', 'heath', 'iris', 'juniper', 'kelp', 'lark', 'moss', 'nettle', 'oak', 'pine', 'quill', 'reed', 'sage', 'thyme'];
const TEXT_LIMIT = 80;

interface TextOp {
  words: string;
  code: string;
  apply: (s: string) => string;
  mistake: string;
  wrongCode: string;
  wrong: (s: string) => string;
}

const TEXT_OPS: TextOp[] = [
  { words: 'the text in upper case', code: 'text.toUpperCase()', apply: (s) => s.toUpperCase(), mistake: 'lower-cases the text instead of upper-casing it', wrongCode: 'text.toLowerCase()', wrong: (s) => s.toLowerCase() },
  { words: 'the text reversed', code: "[...text].reverse().join('')", apply: (s) => [...s].reverse().join(''), mistake: 'forgets to reverse the text', wrongCode: 'text', wrong: (s) => s },
  { words: 'the text twice', code: 'text + text', apply: (s) => s + s, mistake: 'writes the text once instead of twice', wrongCode: 'text', wrong: (s) => s },
  { words: 'the first three characters of the text', code: 'text.slice(0, 3)', apply: (s) => s.slice(0, 3), mistake: 'keeps two characters instead of three', wrongCode: 'text.slice(0, 2)', wrong: (s) => s.slice(0, 2) },
];

const text: Family = {
  prefix: 'label',
  inputs: ['abc', 'Hello', 'xy z', ''],
  reduce: (input) => ((input as string) === '' ? null : (input as string).slice(1)),
  assertion: 'equal',
  make(name, deps, rng) {
    const tag = `${rng.pick(TAGS)}${rng.int(1, 9)}`;
    const op = rng.pick(TEXT_OPS);
    const combine = (own: string, values: readonly Value[] | null, close: boolean) => {
      const joined = [own, ...(values ?? []).map(String)].join(',');
      return (close ? `${joined})` : joined).slice(0, TEXT_LIMIT);
    };
    const parts = deps.map((dep) => ` + ',' + ${dep}(rest)`).join('');
    const base = deps.length > 0 ? `  if (text === '') return '${tag}()';\n  const rest = text.slice(1);\n` : '';
    const code = `${imports(deps)}export function ${name}(text) {
${base}  const own = '${tag}(' + ${op.code};
  const joined = own${parts};
  return (joined + ')').slice(0, ${TEXT_LIMIT});
}
`;
    const evaluate: Evaluate = (input, values) => combine(`${tag}(${op.apply(input as string)}`, values, true);
    const bugs: SyntheticBug[] = [
      { mistake: op.mistake, from: `'${tag}(' + ${op.code};`, to: `'${tag}(' + ${op.wrongCode};`, evaluate: (input, values) => (values === null && deps.length > 0 ? `${tag}()` : combine(`${tag}(${op.wrong(input as string)}`, values, true)) },
      { mistake: 'forgets the closing bracket', from: "(joined + ')')", to: '(joined)', evaluate: (input, values) => (values === null && deps.length > 0 ? `${tag}()` : combine(`${tag}(${op.apply(input as string)}`, values, false)) },
      ...deps.map((dep, i) => ({
        mistake: `leaves out ${dep}(rest)`,
        from: ` + ',' + ${dep}(rest)`,
        to: '',
        evaluate: (input: Value, values: readonly Value[] | null) => combine(`${tag}(${op.apply(input as string)}`, without(values, i), true),
      })),
    ];
    const then = deps.length > 0 ? `, then for each of ${listed(deps.map((d) => `${d}(rest)`))} in that order a comma and its result, where rest is the text without its first character` : '';
    const emptyCase = deps.length > 0 ? ` For an empty text just "${tag}()".` : '';
    return {
      name,
      summary: `${name}(text) -> string. "${tag}(" followed by ${op.words}${then}, then ")"; the whole cut to its first ${TEXT_LIMIT} characters.${emptyCase}`,
      code,
      evaluate,
      bugs,
    };
  },
};

const WRAP = 100;
const wrap = (v: number) => ((v % WRAP) + WRAP) % WRAP;
type Point = [number, number];

interface PointOp {
  words: string;
  code: string;
  apply: (p: Point) => Point;
  mistake: string;
  wrongCode: string;
  wrong: (p: Point) => Point;
}

function pointOps(rng: Rng): PointOp[] {
  const dx = rng.int(1, 9);
  const dy = rng.int(1, 9);
  const k = rng.int(2, 5);
  return [
    { words: `moved by (${dx}, -${dy})`, code: `[point[0] + ${dx}, point[1] - ${dy}]`, apply: ([x, y]) => [x + dx, y - dy], mistake: `moves up by ${dy} instead of down`, wrongCode: `[point[0] + ${dx}, point[1] + ${dy}]`, wrong: ([x, y]) => [x + dx, y + dy] },
    { words: 'turned a quarter turn counter-clockwise about the origin ([x, y] becomes [-y, x])', code: '[-point[1], point[0]]', apply: ([x, y]) => [-y, x], mistake: 'turns clockwise', wrongCode: '[point[1], -point[0]]', wrong: ([x, y]) => [y, -x] },
    { words: 'mirrored in the diagonal ([x, y] becomes [y, x])', code: '[point[1], point[0]]', apply: ([x, y]) => [y, x], mistake: 'forgets to swap the coordinates', wrongCode: '[point[0], point[1]]', wrong: ([x, y]) => [x, y] },
    { words: `scaled by ${k}`, code: `[point[0] * ${k}, point[1] * ${k}]`, apply: ([x, y]) => [x * k, y * k], mistake: 'scales only x', wrongCode: `[point[0] * ${k}, point[1]]`, wrong: ([x, y]) => [x * k, y] },
  ];
}

const geometry: Family = {
  prefix: 'place',
  inputs: [[0, 0], [7, -3], [-30, 45], [120, 99]],
  reduce: (input) => {
    const [x, y] = input as Point;
    return x === 0 && y === 0 ? null : [Math.trunc(x / 2), Math.trunc(y / 2)];
  },
  assertion: 'deepEqual',
  make(name, deps, rng) {
    const op = rng.pick(pointOps(rng));
    const variable = (dep: string) => `p${dep.slice('place'.length)}`;
    const combine = (own: Point, values: readonly Value[] | null, wrapped: (v: number) => number, dropY = -1): Point => {
      const points = (values ?? []) as Point[];
      return [wrapped(own[0] + points.reduce((s, p) => s + p[0], 0)), wrapped(own[1] + points.reduce((s, p, j) => s + (j === dropY ? 0 : p[1]), 0))];
    };
    const calls = deps.map((dep) => `  const ${variable(dep)} = ${dep}(half);\n`).join('');
    const xs = deps.map((dep) => ` + ${variable(dep)}[0]`).join('');
    const ys = deps.map((dep) => ` + ${variable(dep)}[1]`).join('');
    const recursion = deps.length > 0 ? `  if (point[0] === 0 && point[1] === 0) return [wrap(x), wrap(y)];\n  const half = [Math.trunc(point[0] / 2), Math.trunc(point[1] / 2)];\n${calls}` : '';
    const code = `${imports(deps)}const wrap = (v) => ((v % ${WRAP}) + ${WRAP}) % ${WRAP};

export function ${name}(point) {
  const [x, y] = ${op.code};
${recursion}  return [wrap(x${xs}), wrap(y${ys})];
}
`;
    const evaluate: Evaluate = (input, values) => combine(op.apply(input as Point), values, wrap);
    const bugs: SyntheticBug[] = [
      { mistake: op.mistake, from: `const [x, y] = ${op.code};`, to: `const [x, y] = ${op.wrongCode};`, evaluate: (input, values) => combine(op.wrong(input as Point), values, wrap) },
      { mistake: 'leaves negative coordinates negative', from: `((v % ${WRAP}) + ${WRAP}) % ${WRAP}`, to: `v % ${WRAP}`, evaluate: (input, values) => combine(op.apply(input as Point), values, (v) => v % WRAP) },
      ...deps.map((dep, i) => ({
        mistake: `leaves ${dep}(half) out of the y coordinate`,
        from: ` + ${variable(dep)}[1]`,
        to: '',
        evaluate: (input: Value, values: readonly Value[] | null) => combine(op.apply(input as Point), values, wrap, i),
      })),
    ];
    const adds = deps.length > 0 ? `, plus ${listed(deps.map((d) => `${d}(half)`))} coordinate by coordinate, where half is [x, y] each divided by 2 and rounded toward zero (at [0, 0], no calls)` : '';
    return {
      name,
      summary: `${name}(point) -> [x, y]. The point [x, y] ${op.words}${adds}; each coordinate then wrapped into 0…${WRAP - 1} (its remainder modulo ${WRAP}, never negative).`,
      code,
      evaluate,
      bugs,
    };
  },
};

const FAMILIES: Readonly<Record<CodingDomain, Family>> = { math, text, geometry };

const sameValue = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);
const literal = (value: Value) => JSON.stringify(value);

/**
 * One function per node of the graph, in the domain's family: reference code,
 * tests whose expected values come from evaluating the graph, and the mistakes
 * that change at least one of those values.
 */
export function syntheticFunctions(domain: CodingDomain, graph: ShapeGraph, rng: Rng): CatalogueFunction[] {
  const family = FAMILIES[domain];
  const width = Math.max(2, String(graph.length).length);
  const names = graph.map((_, i) => `${family.prefix}${String(i + 1).padStart(width, '0')}`);
  const nodes = graph.map((deps, i) => family.make(names[i]!, deps.map((d) => names[d]!), rng));
  const memo = new Map<string, Value>();
  const depValues = (i: number, input: Value): Value[] | null => {
    const reduced = graph[i]!.length > 0 ? family.reduce(input) : null;
    return reduced === null ? null : graph[i]!.map((d) => value(d, reduced));
  };
  function value(i: number, input: Value): Value {
    const key = `${i} ${literal(input)}`;
    let known = memo.get(key);
    if (known === undefined) {
      const values = depValues(i, input);
      // A node with dependencies answers its base case on its own.
      known = values === null && graph[i]!.length > 0 ? nodes[i]!.evaluate(input, []) : nodes[i]!.evaluate(input, values);
      memo.set(key, known);
    }
    return known;
  }
  return nodes.map((node, i) => {
    const expected = family.inputs.map((input) => value(i, input));
    const tests: [string, string][] = family.inputs.map((input, k) => [`at ${literal(input)}`, `assert.${family.assertion}(${node.name}(${literal(input)}), ${literal(expected[k]!)});`]);
    const bugs = node.bugs
      .filter((bug) => family.inputs.some((input, k) => !sameValue(bug.evaluate(input, depValues(i, input)), expected[k]!)))
      .map(({ mistake, from, to }) => ({ mistake, from, to }));
    return { name: node.name, summary: node.summary, uses: graph[i]!.map((d) => names[d]!), code: node.code, tests, bugs };
  });
}
