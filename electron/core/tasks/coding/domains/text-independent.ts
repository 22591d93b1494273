/** Text: functions that stand alone. */
import { written, type CatalogueFunction } from '../catalogue';

export const TEXT_INDEPENDENT: CatalogueFunction[] = [
  written(
    'reverseWords',
    'reverseWords(text) -> string. The words of the text (separated by any white space) in reverse order, joined by single spaces.',
    [],
    `export function reverseWords(text) {
  return text.split(/\\s+/).filter((w) => w !== '').reverse().join(' ');
}`,
    [
      ['reverses the words', "assert.equal(reverseWords('one two three'), 'three two one');"],
      ['drops extra spaces', "assert.equal(reverseWords('  a   b '), 'b a');"],
      ['of nothing', "assert.equal(reverseWords(''), '');"],
    ],
    [{ mistake: 'keeps the empty words around extra spaces', from: ".filter((w) => w !== '')", to: '' }],
  ),
  written(
    'isPalindrome',
    'isPalindrome(text) -> boolean. Whether the text reads the same backwards, ignoring case and everything but letters and digits.',
    [],
    `export function isPalindrome(text) {
  const letters = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return letters === [...letters].reverse().join('');
}`,
    [
      ['knows a palindrome sentence', "assert.ok(isPalindrome('A man, a plan, a canal: Panama'));"],
      ['rejects a plain word', "assert.equal(isPalindrome('palindrome'), false);"],
      ['ignores case', "assert.ok(isPalindrome('Racecar'));"],
    ],
    [{ mistake: 'does not ignore case', from: 'text.toLowerCase()', to: 'text' }],
  ),
  written(
    'countVowels',
    'countVowels(text) -> number. How many of the letters a, e, i, o, u (either case) the text has.',
    [],
    `export function countVowels(text) {
  return (text.match(/[aeiou]/gi) ?? []).length;
}`,
    [
      ['counts vowels', "assert.equal(countVowels('banana'), 3);"],
      ['counts capitals', "assert.equal(countVowels('AEIOU xyz'), 5);"],
      ['of no vowels', "assert.equal(countVowels('rhythm'), 0);"],
    ],
    [{ mistake: 'counts only lower-case vowels', from: '/[aeiou]/gi', to: '/[aeiou]/g' }],
  ),
  written(
    'capitalizeWords',
    'capitalizeWords(text) -> string. Every word with its first letter upper case and the rest lower case; the spacing is kept.',
    [],
    `export function capitalizeWords(text) {
  return text.replace(/\\S+/g, (word) => word[0].toUpperCase() + word.slice(1).toLowerCase());
}`,
    [
      ['capitalises each word', "assert.equal(capitalizeWords('hello big world'), 'Hello Big World');"],
      ['lowers the rest', "assert.equal(capitalizeWords('hELLO'), 'Hello');"],
      ['keeps the spacing', "assert.equal(capitalizeWords(' a  b'), ' A  B');"],
    ],
    [{ mistake: 'leaves the rest of each word as it was', from: 'word.slice(1).toLowerCase()', to: 'word.slice(1)' }],
  ),
  written(
    'camelToSnake',
    'camelToSnake(name) -> string. A camelCase name in snake_case: each upper-case letter becomes "_" plus its lower case (not at the start).',
    [],
    `export function camelToSnake(name) {
  return name.replace(/(?!^)[A-Z]/g, (letter) => '_' + letter.toLowerCase()).toLowerCase();
}`,
    [
      ['converts a name', "assert.equal(camelToSnake('parseHttpRequest'), 'parse_http_request');"],
      ['leaves a lower-case name', "assert.equal(camelToSnake('plain'), 'plain');"],
      ['does not start with an underscore', "assert.equal(camelToSnake('Value'), 'value');"],
    ],
    [{ mistake: 'puts an underscore before a capital first letter', from: '/(?!^)[A-Z]/g', to: '/[A-Z]/g' }],
  ),
  written(
    'snakeToCamel',
    'snakeToCamel(name) -> string. A snake_case name in camelCase: each "_" followed by a letter becomes that letter in upper case.',
    [],
    `export function snakeToCamel(name) {
  return name.replace(/_([a-z])/g, (match, letter) => letter.toUpperCase());
}`,
    [
      ['converts a name', "assert.equal(snakeToCamel('parse_http_request'), 'parseHttpRequest');"],
      ['leaves a plain name', "assert.equal(snakeToCamel('plain'), 'plain');"],
      ['converts every part', "assert.equal(snakeToCamel('a_b_c'), 'aBC');"],
    ],
    [{ mistake: 'converts only the first underscore', from: '/_([a-z])/g', to: '/_([a-z])/' }],
  ),
  written(
    'truncateText',
    'truncateText(text, limit) -> string. The text unchanged when it has at most `limit` characters; otherwise its first limit − 1 characters followed by "…" (so the result has exactly `limit` characters).',
    [],
    `export function truncateText(text, limit) {
  return text.length <= limit ? text : text.slice(0, limit - 1) + '\\u2026';
}`,
    [
      ['leaves a short text', "assert.equal(truncateText('short', 10), 'short');"],
      ['cuts a long text', "assert.equal(truncateText('a long sentence', 6), 'a lon\\u2026');"],
      ['keeps a text of exactly the limit', "assert.equal(truncateText('exact', 5), 'exact');"],
    ],
    [{ mistake: 'returns one character too many', from: 'text.slice(0, limit - 1)', to: 'text.slice(0, limit)' }],
  ),
  written(
    'padCenter',
    'padCenter(text, width, fill = " ") -> string. The text centred in `width` characters with `fill` on both sides; when the padding is odd, the extra character goes on the right; a text already as wide is returned as is.',
    [],
    `export function padCenter(text, width, fill = ' ') {
  const total = Math.max(0, width - text.length);
  const left = Math.floor(total / 2);
  return fill.repeat(left) + text + fill.repeat(total - left);
}`,
    [
      ['centres evenly', "assert.equal(padCenter('ab', 6), '  ab  ');"],
      ['puts the extra on the right', "assert.equal(padCenter('ab', 5, '*'), '*ab**');"],
      ['leaves a wide text', "assert.equal(padCenter('wide', 2), 'wide');"],
    ],
    [{ mistake: 'puts the extra character on the left', from: 'Math.floor(total / 2)', to: 'Math.ceil(total / 2)' }],
  ),
  written(
    'charFrequency',
    'charFrequency(text) -> object. How often each character other than white space occurs, as an object mapping the character to its count.',
    [],
    `export function charFrequency(text) {
  const counts = {};
  for (const ch of text) if (!/\\s/.test(ch)) counts[ch] = (counts[ch] ?? 0) + 1;
  return counts;
}`,
    [
      ['counts letters', "assert.deepEqual(charFrequency('hello'), { h: 1, e: 1, l: 2, o: 1 });"],
      ['skips spaces', "assert.deepEqual(charFrequency('a a'), { a: 2 });"],
      ['of nothing', "assert.deepEqual(charFrequency(''), {});"],
    ],
    [{ mistake: 'counts spaces too', from: "if (!/\\s/.test(ch)) ", to: '' }],
  ),
  written(
    'isAnagram',
    'isAnagram(a, b) -> boolean. Whether the two texts use the same letters the same number of times, ignoring case and spaces.',
    [],
    `export function isAnagram(a, b) {
  const key = (text) => [...text.toLowerCase().replace(/\\s/g, '')].sort().join('');
  return key(a) === key(b);
}`,
    [
      ['knows an anagram', "assert.ok(isAnagram('listen', 'silent'));"],
      ['ignores case and spaces', "assert.ok(isAnagram('Dormitory', 'dirty room'));"],
      ['counts repeats', "assert.equal(isAnagram('aab', 'abb'), false);"],
    ],
    [{ mistake: 'does not ignore spaces', from: ".replace(/\\s/g, '')", to: '' }],
  ),
  written(
    'caesarShift',
    'caesarShift(text, shift) -> string. Each letter moved `shift` places along the alphabet, wrapping around (z + 1 is a), keeping its case; other characters unchanged; shift may be negative.',
    [],
    `export function caesarShift(text, shift) {
  return text.replace(/[a-z]/gi, (letter) => {
    const base = letter <= 'Z' ? 65 : 97;
    return String.fromCharCode(base + ((((letter.charCodeAt(0) - base + shift) % 26) + 26) % 26));
  });
}`,
    [
      ['shifts forward', "assert.equal(caesarShift('abc', 1), 'bcd');"],
      ['wraps around', "assert.equal(caesarShift('xyz', 3), 'abc');"],
      ['keeps case and punctuation', "assert.equal(caesarShift('Hi, Zoe!', 2), 'Jk, Bqg!');"],
      ['shifts backwards', "assert.equal(caesarShift('abc', -1), 'zab');"],
    ],
    [{ mistake: 'breaks on negative shifts', from: '((((letter.charCodeAt(0) - base + shift) % 26) + 26) % 26)', to: '((letter.charCodeAt(0) - base + shift) % 26)' }],
  ),
  written(
    'longestWord',
    'longestWord(text) -> string. The longest word (letters, digits and apostrophes); the first of equally long ones; "" when there is none.',
    [],
    `export function longestWord(text) {
  let best = '';
  for (const word of text.match(/[A-Za-z0-9']+/g) ?? []) if (word.length > best.length) best = word;
  return best;
}`,
    [
      ['finds the longest', "assert.equal(longestWord('a quick brown fox'), 'quick');"],
      ['keeps the first of a tie', "assert.equal(longestWord('cat dog'), 'cat');"],
      ['ignores punctuation', "assert.equal(longestWord('hi, there!'), 'there');"],
      ['of nothing', "assert.equal(longestWord('...'), '');"],
    ],
    [{ mistake: 'keeps the last of a tie', from: 'word.length > best.length', to: 'word.length >= best.length' }],
  ),
  written(
    'acronym',
    'acronym(text) -> string. The first letters of the words (split on spaces and hyphens), upper case.',
    [],
    `export function acronym(text) {
  return text
    .split(/[\\s-]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase())
    .join('');
}`,
    [
      ['of a name', "assert.equal(acronym('portable network graphics'), 'PNG');"],
      ['splits on hyphens', "assert.equal(acronym('Complementary metal-oxide semiconductor'), 'CMOS');"],
      ['of extra spaces', "assert.equal(acronym('  as soon  as possible '), 'ASAP');"],
    ],
    [{ mistake: 'does not split on hyphens', from: '/[\\s-]+/', to: '/\\s+/' }],
  ),
  written(
    'countOccurrences',
    'countOccurrences(text, part) -> number. How many times `part` occurs in the text without overlapping, counting from the left; 0 for an empty part.',
    [],
    `export function countOccurrences(text, part) {
  if (part === '') return 0;
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}`,
    [
      ['counts a word', "assert.equal(countOccurrences('the cat and the hat', 'the'), 2);"],
      ['does not overlap', "assert.equal(countOccurrences('aaaa', 'aa'), 2);"],
      ['of an empty part', "assert.equal(countOccurrences('abc', ''), 0);"],
    ],
    [{ mistake: 'counts overlapping occurrences', from: 'at + part.length', to: 'at + 1' }],
  ),
  written(
    'isPangram',
    'isPangram(text) -> boolean. Whether the text uses every letter of the English alphabet at least once (in either case).',
    [],
    `export function isPangram(text) {
  return new Set(text.toLowerCase().match(/[a-z]/g) ?? []).size === 26;
}`,
    [
      ['knows a pangram', "assert.ok(isPangram('The quick brown fox jumps over the lazy dog'));"],
      ['rejects a sentence', "assert.equal(isPangram('Hello world'), false);"],
      ['ignores case', "assert.ok(isPangram('ABCDEFGHIJKLMNOPQRSTUVWXYZ'));"],
    ],
    [{ mistake: 'counts only lower-case letters', from: 'text.toLowerCase().match', to: 'text.match' }],
  ),
  written(
    'runLengthEncode',
    'runLengthEncode(text) -> string. Each run of a repeated character written as count then character, e.g. "aaabcc" -> "3a1b2c"; "" for "".',
    [],
    `export function runLengthEncode(text) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && text[j] === text[i]) j++;
    out += (j - i) + text[i];
    i = j;
  }
  return out;
}`,
    [
      ['encodes runs', "assert.equal(runLengthEncode('aaabcc'), '3a1b2c');"],
      ['of one character', "assert.equal(runLengthEncode('x'), '1x');"],
      ['of nothing', "assert.equal(runLengthEncode(''), '');"],
    ],
    [{ mistake: 'counts one too many in every run', from: '(j - i) + text[i]', to: '(j - i + 1) + text[i]' }],
  ),
  written(
    'runLengthDecode',
    'runLengthDecode(code) -> string. The inverse of run-length encoding: "3a1b2c" -> "aaabcc" (counts may have several digits).',
    [],
    `export function runLengthDecode(code) {
  return code.replace(/(\\d+)(\\D)/g, (match, count, ch) => ch.repeat(Number(count)));
}`,
    [
      ['decodes runs', "assert.equal(runLengthDecode('3a1b2c'), 'aaabcc');"],
      ['reads long counts', "assert.equal(runLengthDecode('12x'), 'xxxxxxxxxxxx');"],
      ['of nothing', "assert.equal(runLengthDecode(''), '');"],
    ],
    [{ mistake: 'reads only one digit of a count', from: '/(\\d+)(\\D)/g', to: '/(\\d)(\\D)/g' }],
  ),
  written(
    'maskDigits',
    'maskDigits(text) -> string. Every digit replaced by "#" except the last four digits of the text.',
    [],
    `export function maskDigits(text) {
  let digitsLeft = (text.match(/\\d/g) ?? []).length;
  return text.replace(/\\d/g, (digit) => (digitsLeft-- > 4 ? '#' : digit));
}`,
    [
      ['masks a card number', "assert.equal(maskDigits('1234-5678-9012'), '####-####-9012');"],
      ['leaves four digits', "assert.equal(maskDigits('ab 1234'), 'ab 1234');"],
      ['leaves letters', "assert.equal(maskDigits('x1y2z3w4v5'), 'x#y2z3w4v5');"],
    ],
    [{ mistake: 'keeps the last three digits instead of four', from: 'digitsLeft-- > 4', to: 'digitsLeft-- > 3' }],
  ),
];
