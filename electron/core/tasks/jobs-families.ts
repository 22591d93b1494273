/**
 * The kinds of decomposable job the "jobs" suite draws: order totals to add
 * up, and numbers meeting a condition to count across lists. Each part is one
 * line of text (a leader's "Part N: …" line can carry it whole) with its own
 * exact answer; values are kept in hundredths so money adds up exactly.
 */
import type { Rng } from '../util/random';
import { dollars } from './word-templates';

export interface JobPart {
  /** One line: what the part asks, with everything needed to answer it. */
  prompt: string;
  /** The part's answer in hundredths (cents, or a count × 100). */
  value: number;
}

export interface Job {
  family: string;
  /** The sentence before the parts. */
  intro: string;
  /** The question about the whole job, after the parts. */
  question: string;
  parts: JobPart[];
  money: boolean;
}

const GOODS = [
  'notebook', 'pen', 'stapler', 'folder', 'mug', 'USB cable', 'battery pack', 'desk lamp', 'roll of tape', 'marker', 'pair of scissors', 'calculator',
  'sticky-note pad', 'ruler', 'glue stick', 'envelope pack', 'printer cartridge', 'mouse pad', 'water bottle', 'lunch box',
];

/** k orders of `lines` lines each (quantity × unit price): every part is an order's total. */
function orders(rng: Rng, k: number, lines: number): Job {
  const parts = Array.from({ length: k }, (_, j) => {
    const pool = [...GOODS];
    const bought = Array.from({ length: lines }, () => ({
      name: pool.splice(rng.int(0, pool.length - 1), 1)[0]!,
      quantity: rng.int(1, 6),
      // Prices end in 0, 5 or 9 cents now and then: a shop's prices, not round figures.
      price: 5 * rng.int(10, 500) - (rng.next() < 0.3 ? 1 : 0),
    }));
    const described = bought.map((b) => `${b.quantity} × ${b.name} at ${dollars(b.price)}`).join(', ');
    return { prompt: `Order ${j + 1}: ${described}. What is the total of order ${j + 1}, in dollars?`, value: bought.reduce((sum, b) => sum + b.quantity * b.price, 0) };
  });
  return { family: 'orders', intro: `A shop received ${k} orders.`, question: `What is the combined total of all ${k} orders, in dollars?`, parts, money: true };
}

interface Condition {
  words: string;
  holds: (n: number) => boolean;
}

function drawCondition(rng: Rng): Condition {
  const kind = rng.int(0, 3);
  if (kind === 0) {
    const t = rng.int(20, 80);
    return { words: `greater than ${t}`, holds: (n) => n > t };
  }
  if (kind === 1) return { words: 'even', holds: (n) => n % 2 === 0 };
  if (kind === 2) return { words: 'multiples of 3', holds: (n) => n % 3 === 0 };
  const low = rng.int(10, 50);
  const high = low + rng.int(15, 40);
  return { words: `between ${low} and ${high} (inclusive)`, holds: (n) => n >= low && n <= high };
}

/** k lists of 3 + 2·size numbers: every part counts the numbers meeting one condition in its list. */
function counts(rng: Rng, k: number, size: number): Job {
  const condition = drawCondition(rng);
  const length = 3 + 2 * size;
  const parts = Array.from({ length: k }, (_, j) => {
    const numbers = Array.from({ length }, () => rng.int(1, 99));
    return {
      prompt: `List ${j + 1}: ${numbers.join(', ')}. How many numbers in list ${j + 1} are ${condition.words}?`,
      value: 100 * numbers.filter(condition.holds).length,
    };
  });
  return { family: 'counts', intro: `Here are ${k} lists of numbers.`, question: `How many numbers in all ${k} lists together are ${condition.words}?`, parts, money: false };
}

/** The families, drawn uniformly per item. */
export const JOB_FAMILIES: ReadonlyArray<(rng: Rng, k: number, size: number) => Job> = [orders, counts];
