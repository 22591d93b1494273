/**
 * The "arithmetic" suite: multi-step integer expressions such as
 * `(14 + 7) × 3 - 58`, generated from a seed. The difficulty knob is the number
 * of operations (1..10). Every item also carries a latent `hardness` that the
 * sim backend uses to correlate agents' errors (drawn from the item's
 * features, or from a mixture of easy and hard kinds when the spec gives one),
 * and distractors built from the slips people and models really make (wrong
 * precedence, a lost carry…).
 * docs/task-suites.md describes the generator and its formulas.
 */
import { createRng, deriveSeed, type Rng } from '../util/random';
import { extractNumber, numbersMatch } from './extract';
import { checkGenerateOptions, hardnessFromLogit, mixtureHardness } from './hardness';
import type { GenerateOptions, HardnessMixture, TaskItem, TaskSuite } from './types';

export { HARDNESS_MIXTURE_SD } from './hardness';

export const ARITHMETIC_SUITE_ID = 'arithmetic';
export const MIN_DIFFICULTY = 1;
export const MAX_DIFFICULTY = 10;

/** A product larger than this becomes a sum or difference instead, so answers stay well below 1e6. */
const MAX_PRODUCT = 20_000;
const MAX_DISTRACTORS = 5;
const MIN_DISTRACTORS = 3;

type Operator = '+' | '-' | '×';
type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'operation'; operator: Operator; left: Expr; right: Expr; value: number };
type Token = number | Operator | '(' | ')';

function apply(operator: Operator, a: number, b: number): number {
  if (operator === '+') return a + b;
  if (operator === '-') return a - b;
  return a * b;
}

/** Factors of a product are kept small (mostly times-table sized) so products stay mental-arithmetic sized. */
function drawOperand(rng: Rng, underMultiplication: boolean): number {
  if (!underMultiplication) return rng.int(2, 99);
  return rng.next() < 0.2 ? rng.int(13, 25) : rng.int(2, 12);
}

function drawOperator(rng: Rng): Operator {
  const u = rng.next();
  return u < 0.35 ? '+' : u < 0.7 ? '-' : '×';
}

/**
 * A random expression tree with exactly `operations` operators. Half the time
 * the tree grows as a left-leaning chain (`a + b × c - d`, the usual textbook
 * shape); otherwise operators split at random, which brings parentheses.
 */
function buildExpression(rng: Rng, operations: number, underMultiplication: boolean): Expr {
  if (operations === 0) return { kind: 'number', value: drawOperand(rng, underMultiplication) };
  const drawn = drawOperator(rng);
  const leftOperations = rng.next() < 0.5 ? operations - 1 : rng.int(0, operations - 1);
  const left = buildExpression(rng, leftOperations, drawn === '×');
  const right = buildExpression(rng, operations - 1 - leftOperations, drawn === '×');
  const tooBig = drawn === '×' && Math.abs(left.value * right.value) > MAX_PRODUCT;
  const operator: Operator = tooBig ? (rng.next() < 0.5 ? '+' : '-') : drawn;
  return { kind: 'operation', operator, left, right, value: apply(operator, left.value, right.value) };
}

function precedence(expr: Expr): number {
  if (expr.kind === 'number') return 3;
  return expr.operator === '×' ? 2 : 1;
}

/** Tokens with only the parentheses that standard precedence needs. */
function toTokens(expr: Expr): Token[] {
  if (expr.kind === 'number') return [expr.value];
  const own = precedence(expr);
  const wrap = (child: Expr, needed: boolean): Token[] => (needed ? ['(', ...toTokens(child), ')'] : toTokens(child));
  const rightNeeds = precedence(expr.right) < own || (precedence(expr.right) === own && expr.operator === '-');
  return [...wrap(expr.left, precedence(expr.left) < own), expr.operator, ...wrap(expr.right, rightNeeds)];
}

function renderTokens(tokens: readonly Token[]): string {
  return tokens.map(String).join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

/**
 * Evaluates tokens the way a careless solver might: with `precedence` false,
 * strictly left to right (inside parentheses too). Used only for distractors.
 */
function evaluateTokens(tokens: readonly Token[], usePrecedence: boolean): number {
  let position = 0;
  const factor = (): number => {
    const token = tokens[position++];
    if (token === '(') {
      const value = expression();
      position++; // the closing ')'
      return value;
    }
    return typeof token === 'number' ? token : Number.NaN;
  };
  const term = (): number => {
    if (!usePrecedence) return factor();
    let value = factor();
    while (tokens[position] === '×') {
      position++;
      value *= factor();
    }
    return value;
  };
  const expression = (): number => {
    let value = term();
    for (let token = tokens[position]; token === '+' || token === '-' || token === '×'; token = tokens[position]) {
      if (token === '×' && usePrecedence) break;
      position++;
      value = apply(token, value, term());
    }
    return value;
  };
  return expression();
}

/** The same tree with its first subtraction read as addition (or, lacking one, its first addition as subtraction). */
function withSignSlip(expr: Expr): number {
  const target = findOperation(expr, '-') ?? findOperation(expr, '+');
  const evaluate = (node: Expr): number => {
    if (node.kind === 'number') return node.value;
    const operator = node === target ? (node.operator === '-' ? '+' : '-') : node.operator;
    return apply(operator, evaluate(node.left), evaluate(node.right));
  };
  return evaluate(expr);
}

function findOperation(expr: Expr, operator: Operator): Expr | null {
  if (expr.kind === 'number') return null;
  if (expr.operator === operator) return expr;
  return findOperation(expr.left, operator) ?? findOperation(expr.right, operator);
}

/**
 * Wrong answers, most tempting first: precedence ignored, parentheses ignored,
 * a lost carry or borrow (±10), a sign slip, the final step forgotten, and an
 * off-by-one. Kept distinct from the answer and each other; at least three.
 */
function buildDistractors(expr: Expr, tokens: readonly Token[], rng: Rng): string[] {
  const answer = expr.value;
  const carryDirection = expr.kind === 'operation' && expr.operator === '+' ? -1 : expr.kind === 'operation' && expr.operator === '-' ? 1 : rng.next() < 0.5 ? -1 : 1;
  const candidates = [
    evaluateTokens(tokens, false),
    evaluateTokens(tokens.filter((t) => t !== '(' && t !== ')'), true),
    answer + 10 * carryDirection,
    withSignSlip(expr),
    expr.kind === 'operation' ? expr.left.value : answer + 2,
    answer + (rng.next() < 0.5 ? -1 : 1),
    answer - 10 * carryDirection,
    answer + 100,
  ];
  const chosen: number[] = [];
  for (const candidate of candidates) {
    const usable = Number.isInteger(candidate) && Math.abs(candidate) < 1_000_000 && candidate !== answer && !chosen.includes(candidate);
    if (usable && chosen.length < MAX_DISTRACTORS) chosen.push(candidate);
  }
  if (chosen.length < MIN_DISTRACTORS) throw new Error(`internal: only ${chosen.length} distractors for ${answer}`);
  return chosen.map(String);
}

/** Carries (for sums of magnitudes) or borrows (for differences) column by column: the classic source of slips. */
function columnCarries(a: number, b: number, operator: '+' | '-'): number {
  const subtract = (operator === '-') === (Math.sign(a) === Math.sign(b));
  let x = Math.max(Math.abs(a), Math.abs(b));
  let y = Math.min(Math.abs(a), Math.abs(b));
  let carry = 0;
  let count = 0;
  while (x > 0 || y > 0) {
    const dx = x % 10;
    const dy = y % 10;
    carry = subtract ? (dx < dy + carry ? 1 : 0) : dx + dy + carry >= 10 ? 1 : 0;
    count += carry;
    x = Math.floor(x / 10);
    y = Math.floor(y / 10);
  }
  return count;
}

interface HardnessFeatures {
  carries: number;
  /** Digits beyond one-by-one in every product (7×8 → 0, 14×6 → 1, 14×16 → 2). */
  productDigits: number;
  negatives: number;
}

function hardnessFeatures(expr: Expr): HardnessFeatures {
  if (expr.kind === 'number') return { carries: 0, productDigits: 0, negatives: 0 };
  const left = hardnessFeatures(expr.left);
  const right = hardnessFeatures(expr.right);
  const digits = (n: number): number => String(Math.abs(n)).length;
  return {
    carries: left.carries + right.carries + (expr.operator === '×' ? 0 : columnCarries(expr.left.value, expr.right.value, expr.operator)),
    productDigits: left.productDigits + right.productDigits + (expr.operator === '×' ? digits(expr.left.value) + digits(expr.right.value) - 2 : 0),
    negatives: left.negatives + right.negatives + (expr.value < 0 ? 1 : 0),
  };
}

/**
 * Latent hardness = sigmoid(z) with
 * z = −1.9 + 0.3·(ops − 1) + 0.08·carries + 0.25·productDigits
 *     + 0.3·[precedence trap] + 0.1·negatives + 0.6·N(0, 1).
 * The noise term stands for everything a count of features misses, so two
 * items with equal features still differ in how often models fail them.
 */
function drawHardness(expr: Expr, operations: number, precedenceTrap: boolean, rng: Rng): number {
  const f = hardnessFeatures(expr);
  const z = -1.9 + 0.3 * (operations - 1) + 0.08 * f.carries + 0.25 * f.productDigits + (precedenceTrap ? 0.3 : 0) + 0.1 * f.negatives + 0.6 * rng.normal();
  return hardnessFromLogit(z);
}

/** The question above every expression (the choice suite asks it too). */
export const ARITHMETIC_QUESTION = 'What is the value of the following expression? Use the usual order of operations: brackets first, then multiplication, then addition and subtraction from left to right.';

function buildPrompt(expression: string): string {
  return [
    ARITHMETIC_QUESTION,
    '',
    expression,
    '',
    'Show your working briefly, then end your reply with a line of the form "Answer: <number>".',
  ].join('\n');
}

/** An arithmetic question without its instructions: the choice suite asks the same questions with options. */
export interface ArithmeticQuestion {
  expression: string;
  answer: number;
  /** The hardness drawn from the expression's features (before any mixture). */
  ownHardness: number;
  distractors: string[];
}

/** Draws one expression, its hardness and its distractors from `rng`, in that order (the order fixes the items a seed gives). */
export function drawArithmetic(rng: Rng, difficulty: number): ArithmeticQuestion {
  const expr = buildExpression(rng, difficulty, false);
  const tokens = toTokens(expr);
  const precedenceTrap = evaluateTokens(tokens, false) !== expr.value;
  // Drawn even under a mixture, so the distractors after it come from the same draws.
  const ownHardness = drawHardness(expr, difficulty, precedenceTrap, rng);
  return { expression: renderTokens(tokens), answer: expr.value, ownHardness, distractors: buildDistractors(expr, tokens, rng) };
}

function generateItem(index: number, seed: number, difficulty: number, mixture: HardnessMixture | undefined): TaskItem {
  // Each item has its own stream, so item 7 is the same whether 10 or 1000 are drawn.
  const rng = createRng(deriveSeed(seed, ARITHMETIC_SUITE_ID, difficulty, index));
  const question = drawArithmetic(rng, difficulty);
  return {
    index,
    suite: ARITHMETIC_SUITE_ID,
    prompt: buildPrompt(question.expression),
    answer: String(question.answer),
    difficulty,
    hardness: mixture ? mixtureHardness(mixture, ARITHMETIC_SUITE_ID, index, seed, difficulty) : question.ownHardness,
    distractors: question.distractors,
  };
}

export const arithmeticSuite: TaskSuite = {
  id: ARITHMETIC_SUITE_ID,
  generate(options: GenerateOptions): TaskItem[] {
    checkGenerateOptions(ARITHMETIC_SUITE_ID, options, { min: MIN_DIFFICULTY, max: MAX_DIFFICULTY, knob: 'operations per item' });
    return Array.from({ length: options.count }, (_, index) => generateItem(index, options.seed, options.difficulty, options.hardness));
  },
  extract: (reply) => extractNumber(reply),
  grade: (item, extracted) => numbersMatch(item.answer, extracted),
};
