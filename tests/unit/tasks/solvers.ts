/**
 * Independent solvers for the generated word problems and jobs: they read
 * only the question text, as a person would, so a test that compares their
 * result with the generator's answer checks the generator against the words
 * it printed (not against its own arithmetic).
 */

const round2 = (n: number): number => Math.round(n * 100) / 100;
const num = (text: string): number => Number(text.replace(/,/g, ''));

/** The answer a careful reader computes from the question's text; throws for a question no template wrote. */
export function solveWordProblem(question: string): number {
  if (question.includes('km/h')) {
    let km = 0;
    for (const m of question.matchAll(/at (\d+) km\/h for (\d+(?:\.\d+)?) (hours?|minutes)/g)) km += num(m[1]!) * (m[3] === 'minutes' ? num(m[2]!) / 60 : num(m[2]!));
    return round2(km);
  }
  if (question.startsWith('At a market')) {
    const prices = new Map<string, number>();
    for (const m of question.matchAll(/([a-z][a-z ]*?) costs? \$(\d+\.\d{2}) per kg/g)) prices.set(m[1]!.replace(/^(?:and |, )/, '').trim(), num(m[2]!));
    let total = 0;
    for (const m of question.matchAll(/(\d+(?:\.\d+)?) (g|kg) of ([a-z ]+?)(?=,| and |\.)/g)) {
      const price = prices.get(m[3]!.trim());
      if (price === undefined) throw new Error(`no price for ${m[3]}`);
      total += price * (m[2] === 'g' ? num(m[1]!) / 1000 : num(m[1]!));
    }
    const note = /pays with a \$(\d+) note/.exec(question);
    return round2(note ? num(note[1]!) - total : total);
  }
  if (question.includes('per minute')) {
    const rates = [...question.matchAll(/at (\d+) (?:pages|litres|bottles) per minute/g)].map((m) => num(m[1]!));
    const work = /(?:print|fill a tank of|fill) ([\d,]+)/.exec(question);
    if (!work || rates.length === 0) throw new Error(`cannot read ${question}`);
    return round2(num(work[1]!) / rates.reduce((a, b) => a + b, 0));
  }
  if (question.includes('litres of fuel')) {
    const per100 = num(/uses (\d+(?:\.\d+)?) litres of fuel per 100 km/.exec(question)![1]!);
    const km = [...question.matchAll(/(\d+) km on/g)].reduce((sum, m) => sum + num(m[1]!), 0);
    const price = num(/costs \$(\d+\.\d{2}) per litre/.exec(question)![1]!);
    return round2(((km * per100) / 100) * price);
  }
  throw new Error(`no solver for: ${question}`);
}

/** A job's part, solved from its one line of text. */
export function solveJobPart(prompt: string): number {
  if (prompt.startsWith('Order')) {
    let total = 0;
    for (const m of prompt.matchAll(/(\d+) × [^,]+? at \$(\d+\.\d{2})/g)) total += num(m[1]!) * num(m[2]!);
    return round2(total);
  }
  const list = /^List \d+: ([\d, ]+)\. How many numbers in list \d+ are (.+)\?$/.exec(prompt);
  if (!list) throw new Error(`cannot read part: ${prompt}`);
  const numbers = list[1]!.split(', ').map(num);
  const condition = list[2]!;
  const greater = /^greater than (\d+)$/.exec(condition);
  const between = /^between (\d+) and (\d+) \(inclusive\)$/.exec(condition);
  const holds = (n: number): boolean => {
    if (greater) return n > num(greater[1]!);
    if (between) return n >= num(between[1]!) && n <= num(between[2]!);
    if (condition === 'even') return n % 2 === 0;
    if (condition === 'multiples of 3') return n % 3 === 0;
    throw new Error(`unknown condition ${condition}`);
  };
  return numbers.filter(holds).length;
}
