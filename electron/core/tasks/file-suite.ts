/**
 * The "file" suite: reads and grades items that came from a user's file
 * (file-items.ts makes them; the lab stores them with the experiment). How an
 * answer is read and graded follows the item: a choice letter when it has
 * choices, a number when its answer is one, else free text.
 */
import { extractChoice } from './choice-extract';
import { canonicalNumber, extractNumber, numbersMatch } from './extract';
import { FILE_SUITE_ID } from './file-items';
import { extractText, textsMatch } from './text-answer';
import type { TaskItem, TaskSuite } from './types';

type Kind = 'choice' | 'number' | 'text';

function kindOf(item: TaskItem): Kind {
  if (item.choices) return 'choice';
  return canonicalNumber(item.answer) !== null ? 'number' : 'text';
}

export const fileSuite: TaskSuite = {
  id: FILE_SUITE_ID,
  generate() {
    throw new Error('The "file" suite reads its items from a file: give "tasks": {"file": "…"} in the spec (the lab reads it with itemsForSpec).');
  },
  extract(reply, item) {
    // Without the item there is no telling what kind of answer to look for: a number is the likeliest.
    const kind = item ? kindOf(item) : 'number';
    if (kind === 'choice') return extractChoice(reply, item?.choices ?? []);
    if (kind === 'number') return extractNumber(reply, { unitsMayFollow: true });
    return extractText(reply);
  },
  grade(item, extracted) {
    const kind = kindOf(item);
    if (kind === 'choice') return extracted !== null && extracted === item.answer;
    // File answers are exact (GSM8K's are integers): equal canonical numbers, so "42.0" and "$42" are right.
    if (kind === 'number') return numbersMatch(item.answer, extracted);
    return textsMatch(item.answer, extracted);
  },
};
