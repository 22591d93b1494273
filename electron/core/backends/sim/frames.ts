/**
 * The sentence that says why a reply gives its answer (kept it, took a peer's,
 * worked it again, found the proposal wrong…), and the words of a split.
 * None of them says "answer", "result" or "total" or holds a number other
 * than an agent's, so an extractor never mistakes them for the final line.
 * (A split that copies a job's own part lines may: a split is never graded.)
 */
import type { TaskItem } from '../../tasks/types';
import type { Rng } from '../../util/random';
import type { Frame } from './context';

const LEADS: Readonly<Record<Exclude<Frame, 'solve' | 'adopted'>, readonly string[]>> = {
  agreed: ['The other agents reached the same value I did, so I keep it.', 'We all agree here; I keep my working.'],
  kept: ['I checked the other agents\' working against mine and my value still holds.', 'Having read the other solutions, I see no reason to change mine.'],
  stubborn: ['I have considered the other solutions, but I am keeping my own working.', 'The others see it differently; I stand by my calculation.'],
  reworked: ['The agents disagree, so I worked it through again from the start.', 'Since we disagree, I redid the whole calculation carefully.'],
  'spotted-own': ['Checking again, I see that my earlier working had a slip, so I redid it.', 'I found a mistake in my own earlier working and corrected it.'],
  'critique-agree': ['I checked the proposed solution step by step and it looks right to me.', 'The proposed working holds up; I get the same value.'],
  'critique-flag': ['The proposed solution has a mistake: one of its steps is off.', 'I do not think the proposed solution is right; redoing it, I get something else.'],
  'critique-none': ['The proposal gives no clear final value, so I worked it out myself.'],
  judge: ['Comparing the candidates\' working, I find this one holds up.', 'After checking each candidate, this is the one I trust.'],
  'judge-own': ['None of the candidates gives a clear value, so I worked it out myself.'],
  aggregate: ['Reading all the proposals together and checking their steps, I settle on one value.', 'The proposals differ; weighing their working against my own, I go with this.'],
  part: ['Working out only my part of the problem.', 'For my part only:'],
  'part-whole': ['My part is the whole problem, so I solve all of it.'],
  combine: ['Putting the parts\' values together in order.', 'Combining what the parts report, step by step.'],
  'combine-alone': ['The parts do not fit together, so I work the problem out myself.'],
};

const ADOPTED = [
  (agent: number) => `Agent ${agent + 1}'s working convinces me: I had slipped on one step.`,
  (agent: number) => `On reflection Agent ${agent + 1} is right; I made an error earlier.`,
];

/** The sentence after the opening; none for a plain solve. */
export function leadSentence(frame: Frame, credit: number | null, rng: Rng): string | null {
  if (frame === 'solve') return null;
  if (frame === 'adopted') return credit === null ? 'The other agents\' working convinces me: I had slipped on one step.' : rng.pick(ADOPTED)(credit);
  return rng.pick(LEADS[frame]);
}

const PART_WORDS = [
  'the innermost brackets and the products inside them',
  'the products outside the brackets',
  'the additions and subtractions from left to right',
  'the remaining terms, in order',
  'the last combination of the pieces',
];

/**
 * A split into `parts` parts naming the first `named` as "Part i: …"; the rest
 * are left unsaid. When the item lists exactly that many parts of its own (a
 * "jobs" item), each named line is the item's part, so the workers get the
 * real sub-tasks and their results are graded against them.
 */
export function composeSplit(parts: number, named: number, rng: Rng, item?: TaskItem): string {
  const lines = [rng.pick(['I will split this into parts that can be worked on separately.', 'Here is how the work divides.'])];
  const own = item?.parts?.length === parts ? item.parts : null;
  for (let i = 0; i < named; i++) lines.push(own ? `Part ${i + 1}: ${own[i]!.prompt}` : `Part ${i + 1}: work out ${PART_WORDS[i % PART_WORDS.length]!}.`);
  if (named < parts) lines.push('The rest depends on those steps, so I cannot split it cleanly.');
  return lines.join('\n');
}
