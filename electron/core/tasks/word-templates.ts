/**
 * The templates behind the "word" suite: quantities, units and rates (a trip
 * at several speeds, shopping by the kilogram, machines working together, a
 * car's fuel bill). Each template takes `size`, the number of legs, products,
 * machines or days the question chains, and computes in whole hundredths
 * (cents, hundredths of a kilometre) so that answers are exact, with at most
 * two decimals. Every template also names the slips people and models make on
 * it (minutes read as decimal hours, grams read as kilograms, times added
 * instead of rates…) as distractors, most tempting first.
 * docs/task-suites.md lists the templates and their distractors.
 */
import type { Rng } from '../util/random';
import { canonicalNumber } from './extract';

export interface WordProblem {
  /** The question in sentences, without the instruction line. */
  question: string;
  /** The exact answer as canonical text (at most two decimals). */
  answer: string;
  /** Plausible wrong answers, most tempting first: canonical, distinct, never the answer. */
  distractors: string[];
  /** Operations the solution takes (multiplications, additions, conversions…). */
  steps: number;
  /** Whether the solution converts a unit (minutes to hours, grams to kilograms, per 100 km). */
  converts: boolean;
  /** Whether the answer is an amount of money (shown as "$12.50" among options). */
  money: boolean;
}

const MIN_DISTRACTORS = 3;
const MAX_DISTRACTORS = 5;
const NAMES = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kofi', 'Lena', 'Mia', 'Noor', 'Omar', 'Priya'];

/** Hundredths as canonical text: 1275 → "12.75", 1200 → "12". */
export function fromHundredths(h: number): string {
  return canonicalNumber((Math.round(h) / 100).toFixed(2)) ?? String(h / 100);
}

/** Hundredths as money: 1270 → "$12.70". */
export function dollars(h: number): string {
  return `$${(Math.round(h) / 100).toFixed(2)}`;
}

/** Candidates (in hundredths, most tempting first) as distinct canonical texts, never the answer; fallbacks fill up to three. */
function distractorsFrom(answer: number, candidates: readonly number[]): string[] {
  const chosen: string[] = [];
  const right = fromHundredths(answer);
  const fallbacks = [answer + 100, answer - 100, answer + 1000, answer + 10];
  for (const candidate of [...candidates, ...fallbacks]) {
    if (!Number.isFinite(candidate) || candidate <= 0) continue;
    const text = fromHundredths(candidate);
    if (text !== right && !chosen.includes(text) && chosen.length < MAX_DISTRACTORS) chosen.push(text);
  }
  if (chosen.length < MIN_DISTRACTORS) throw new Error(`internal: only ${chosen.length} distractors for ${right}`);
  return chosen;
}

function listing(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** A duration in minutes as people write it: "45 minutes", "2 hours", "1.5 hours". */
function duration(minutes: number): { text: string; inMinutes: boolean } {
  if (minutes % 30 === 0 && minutes >= 60) return { text: `${minutes / 60} hour${minutes === 60 ? '' : 's'}`, inMinutes: false };
  return { text: `${minutes} minutes`, inMinutes: true };
}

/** A trip in `size` legs, each at its own speed: the distance in km. */
function trip(rng: Rng, size: number): WordProblem {
  const legs = Array.from({ length: size }, () => ({ speed: 4 * rng.int(5, 30), minutes: 15 * rng.int(1, 12) }));
  // speed is a multiple of 4 and minutes of 15, so every leg is a whole number of km.
  const km = legs.map((leg) => (leg.speed * leg.minutes) / 60);
  const answer = 100 * km.reduce((a, b) => a + b, 0);
  const shown = legs.map((leg) => ({ ...leg, ...duration(leg.minutes) }));
  const phrases = shown.map((leg, i) => `${i === 0 ? '' : 'then '}at ${leg.speed} km/h for ${leg.text}`);
  const vehicle = rng.pick(['A delivery van drives', 'A bus travels', 'A train runs', 'A motorbike rides']);
  const converted = shown.filter((leg) => leg.inMinutes).length;
  const totalMinutes = legs.reduce((sum, leg) => sum + leg.minutes, 0);
  const meanSpeed = legs.reduce((sum, leg) => sum + leg.speed, 0) / size;
  const candidates = [
    // 45 minutes read as 0.45 hours: the classic slip with minutes.
    converted > 0 ? 100 * shown.reduce((sum, leg, i) => sum + (leg.inMinutes ? (leg.speed * leg.minutes) / 100 : km[i]!), 0) : Number.NaN,
    size > 1 ? answer - 100 * km[size - 1]! : Number.NaN,
    size > 1 ? Math.round((100 * meanSpeed * totalMinutes) / 60) : Number.NaN,
    converted > 0 && size === 1 ? 100 * legs[0]!.speed * legs[0]!.minutes : Number.NaN,
    answer - 1000,
    answer + 100,
  ];
  return {
    question: `${vehicle} ${listing(phrases)}. How many kilometres does it cover in total?`,
    answer: fromHundredths(answer),
    distractors: distractorsFrom(answer, candidates),
    steps: 2 * size - 1 + converted,
    converts: converted > 0,
    money: false,
  };
}

const PRODUCE = [
  { name: 'apples', low: 12, high: 20 },
  { name: 'tomatoes', low: 10, high: 25 },
  { name: 'grapes', low: 15, high: 30 },
  { name: 'rice', low: 8, high: 16 },
  { name: 'coffee beans', low: 60, high: 120 },
  { name: 'cheese', low: 60, high: 130 },
  { name: 'walnuts', low: 50, high: 90 },
  { name: 'carrots', low: 5, high: 12 },
  { name: 'potatoes', low: 4, high: 10 },
  { name: 'oranges', low: 10, high: 22 },
  { name: 'almonds', low: 55, high: 100 },
  { name: 'lentils', low: 12, high: 24 },
] as const;

/** Shopping by the kilogram for `size` products, sometimes weighed in grams; the total, or the change from a note. */
function market(rng: Rng, size: number): WordProblem {
  const pool = [...PRODUCE];
  const bought = Array.from({ length: size }, () => {
    const product = pool.length > 0 ? pool.splice(rng.int(0, pool.length - 1), 1)[0]! : rng.pick(PRODUCE);
    // Prices are multiples of 20 cents and weights of 250 g, so every cost is a whole number of cents.
    const price = 20 * rng.int(product.low, product.high);
    const grams = 250 * rng.int(1, 12);
    const inGrams = grams < 1000 && rng.next() < 0.6;
    return { name: product.name, price, grams, inGrams, cost: (price * grams) / 1000 };
  });
  const total = bought.reduce((sum, b) => sum + b.cost, 0);
  const note = [1000, 2000, 5000, 10_000, 20_000, 50_000].find((n) => n > total && rng.next() < 0.8) ?? Math.ceil((total + 1) / 10_000) * 10_000;
  const askChange = rng.next() < 0.5;
  const answer = askChange ? note - total : total;
  const prices = bought.map((b) => `${b.name} cost ${dollars(b.price)} per kg`);
  const weights = bought.map((b) => `${b.inGrams ? `${b.grams} g` : `${b.grams / 1000} kg`} of ${b.name}`);
  const name = rng.pick(NAMES);
  const firstGrams = bought.find((b) => b.inGrams);
  // 250 g read as 2.5 kg: a decimal point in the wrong place.
  const gramSlip = firstGrams ? total + 9 * firstGrams.cost : Number.NaN;
  const dropped = size > 1 ? total - bought[size - 1]!.cost : Number.NaN;
  const asAsked = (spent: number): number => (askChange ? note - spent : spent);
  const candidates = askChange ? [total, asAsked(gramSlip), asAsked(dropped), answer + 100, answer - 10] : [gramSlip, dropped, answer + 100, answer - 10];
  const ask = askChange ? ` ${name} pays with a $${note / 100} note. How much change does ${name} get, in dollars?` : ` How much does ${name} pay in total, in dollars?`;
  return {
    question: `At a market, ${listing(prices)}. ${name} buys ${listing(weights)}.${ask}`,
    answer: fromHundredths(answer),
    distractors: distractorsFrom(answer, candidates),
    steps: 2 * size - 1 + bought.filter((b) => b.inGrams).length + (askChange ? 1 : 0),
    converts: firstGrams !== undefined,
    money: true,
  };
}

const MACHINES = [
  { kind: 'printers', each: 'printer', rate: 'pages per minute', job: (n: number) => `print ${n.toLocaleString('en-US')} pages` },
  { kind: 'pumps', each: 'pump', rate: 'litres per minute', job: (n: number) => `fill a tank of ${n.toLocaleString('en-US')} litres` },
  { kind: 'bottling lines', each: 'line', rate: 'bottles per minute', job: (n: number) => `fill ${n.toLocaleString('en-US')} bottles` },
] as const;

/** `size` machines working together at their own rates: how long a job takes. */
function machines(rng: Rng, size: number): WordProblem {
  const machine = rng.pick(MACHINES);
  const rates = Array.from({ length: size }, () => rng.int(4, 60));
  const minutes = rng.int(4, 60);
  const together = rates.reduce((a, b) => a + b, 0);
  const work = minutes * together;
  const answer = 100 * minutes;
  const described = rates.map((r, i) => `the ${['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'][i]} at ${r} ${machine.rate}`);
  const subject = size === 1 ? `A ${machine.each} works at ${rates[0]} ${machine.rate}.` : `${size} ${machine.kind} work together: ${listing(described)}.`;
  const candidates = [
    // Times added instead of rates: each machine's time alone, summed.
    size > 1 ? Math.round(100 * rates.reduce((sum, r) => sum + work / r, 0)) : 100 * work * rates[0]!,
    size > 1 ? Math.round((100 * work) / (together / size)) : Number.NaN,
    size > 1 ? Math.round((100 * work) / (together - rates[size - 1]!)) : Number.NaN,
    answer + 100,
    answer - 100,
  ];
  return {
    question: `${subject} How many minutes does it take to ${machine.job(work)}?`,
    answer: fromHundredths(answer),
    distractors: distractorsFrom(answer, candidates),
    steps: size,
    converts: false,
    money: false,
  };
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'the next Monday', 'the next Tuesday', 'the next Wednesday'];

/** A car's consumption per 100 km over `size` days of driving, and the price of fuel: the bill. */
function fuel(rng: Rng, size: number): WordProblem {
  // Tenths of a litre per 100 km (multiples of 0.5 L), distances in multiples of 20 km, prices in multiples of 10 cents: the bill is whole cents.
  const perHundred = 5 * rng.int(10, 19);
  const distances = Array.from({ length: size }, () => 20 * rng.int(2, 20));
  const price = 10 * rng.int(14, 22);
  const km = distances.reduce((a, b) => a + b, 0);
  const litreTenths = (perHundred * km) / 100;
  const answer = (litreTenths * price) / 10;
  const drives = distances.map((d, i) => `${d} km on ${DAYS[i]}`);
  const candidates = [
    10 * litreTenths, // the litres, not their cost
    size > 1 ? (((perHundred * (km - distances[size - 1]!)) / 100) * price) / 10 : Number.NaN,
    answer * 100, // "per 100 km" forgotten
    answer + 100,
    answer - 10,
  ];
  return {
    question: `A car uses ${perHundred / 10} litres of fuel per 100 km. It is driven ${listing(drives)}. Fuel costs ${dollars(price)} per litre. How much does the fuel for these drives cost, in dollars?`,
    answer: fromHundredths(answer),
    distractors: distractorsFrom(answer, candidates),
    steps: size + 2,
    converts: true,
    money: true,
  };
}

/** The templates, drawn uniformly per item. */
export const WORD_TEMPLATES: ReadonlyArray<{ id: string; build: (rng: Rng, size: number) => WordProblem }> = [
  { id: 'trip', build: trip },
  { id: 'market', build: market },
  { id: 'machines', build: machines },
  { id: 'fuel', build: fuel },
];
