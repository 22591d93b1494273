/** Text: a clean-up pipeline for plain text, each stage the one before it plus one rule. */
import { written, type CatalogueFunction } from '../catalogue';

export const TEXT_CHAIN: CatalogueFunction[] = [
  written(
    'unifyNewlines',
    'unifyNewlines(text) -> string. The text with every Windows (\\r\\n) and old Mac (\\r) line break turned into \\n.',
    [],
    `export function unifyNewlines(text) {
  return text.replace(/\\r\\n?/g, '\\n');
}`,
    [
      ['turns CRLF into LF', "assert.equal(unifyNewlines('a\\r\\nb'), 'a\\nb');"],
      ['turns a lone CR into LF', "assert.equal(unifyNewlines('a\\rb'), 'a\\nb');"],
      ['keeps blank lines', "assert.equal(unifyNewlines('a\\r\\n\\r\\nb'), 'a\\n\\nb');"],
      ['leaves LF alone', "assert.equal(unifyNewlines('a\\nb'), 'a\\nb');"],
    ],
    [{ mistake: 'handles only CRLF, leaving a lone CR', from: '/\\r\\n?/g', to: '/\\r\\n/g' }],
  ),
  written(
    'trimLineEnds',
    'trimLineEnds(text) -> string. unifyNewlines(text), then the spaces and tabs at the end of every line removed (indentation is kept).',
    ['unifyNewlines'],
    `export function trimLineEnds(text) {
  return unifyNewlines(text).replace(/[ \\t]+$/gm, '');
}`,
    [
      ['trims every line', "assert.equal(trimLineEnds('a  \\nb\\t\\n'), 'a\\nb\\n');"],
      ['unifies line breaks first', "assert.equal(trimLineEnds('a \\r\\nb'), 'a\\nb');"],
      ['keeps indentation', "assert.equal(trimLineEnds('  a \\n'), '  a\\n');"],
    ],
    [{ mistake: 'trims only the end of the whole text', from: '/[ \\t]+$/gm', to: '/[ \\t]+$/g' }],
  ),
  written(
    'tabsToSpaces',
    'tabsToSpaces(text) -> string. trimLineEnds(text), then every tab replaced by four spaces.',
    ['trimLineEnds'],
    `export function tabsToSpaces(text) {
  return trimLineEnds(text).replace(/\\t/g, '    ');
}`,
    [
      ['expands a leading tab', "assert.equal(tabsToSpaces('\\tx'), '    x');"],
      ['expands an inner tab', "assert.equal(tabsToSpaces('a\\tb \\n'), 'a    b\\n');"],
      ['drops a trailing tab', "assert.equal(tabsToSpaces('x\\t'), 'x');"],
    ],
    [{ mistake: 'replaces a tab with two spaces', from: "'    '", to: "'  '" }],
  ),
  written(
    'collapseBlankLines',
    'collapseBlankLines(text) -> string. tabsToSpaces(text), then any run of blank lines shortened to a single blank line.',
    ['tabsToSpaces'],
    `export function collapseBlankLines(text) {
  return tabsToSpaces(text).replace(/\\n{3,}/g, '\\n\\n');
}`,
    [
      ['shortens many blank lines', "assert.equal(collapseBlankLines('a\\n\\n\\n\\nb'), 'a\\n\\nb');"],
      ['shortens two blank lines', "assert.equal(collapseBlankLines('a\\n\\n\\nb'), 'a\\n\\nb');"],
      ['keeps one blank line', "assert.equal(collapseBlankLines('a\\n\\nb'), 'a\\n\\nb');"],
      ['counts lines of spaces as blank', "assert.equal(collapseBlankLines('a\\n \\n\\t\\nb'), 'a\\n\\nb');"],
    ],
    [{ mistake: 'leaves two blank lines in a row', from: '/\\n{3,}/g', to: '/\\n{4,}/g' }],
  ),
  written(
    'trimDocument',
    'trimDocument(text) -> string. collapseBlankLines(text) without blank lines at its start and end, ending in exactly one \\n; "" when nothing is left.',
    ['collapseBlankLines'],
    `export function trimDocument(text) {
  const body = collapseBlankLines(text).replace(/^\\n+|\\n+$/g, '');
  return body === '' ? '' : body + '\\n';
}`,
    [
      ['drops blank lines around the text', "assert.equal(trimDocument('\\n\\na\\nb\\n\\n\\n'), 'a\\nb\\n');"],
      ['adds a final newline', "assert.equal(trimDocument('a'), 'a\\n');"],
      ['empties a blank text', "assert.equal(trimDocument('  \\n\\t\\n'), '');"],
    ],
    [{ mistake: 'leaves the text without a final newline', from: "body + '\\n'", to: 'body' }],
  ),
  written(
    'straightenQuotes',
    "straightenQuotes(text) -> string. trimDocument(text) with curly quotes made straight: \\u2018 and \\u2019 become ', \\u201C and \\u201D become \".",
    ['trimDocument'],
    `export function straightenQuotes(text) {
  return trimDocument(text)
    .replace(/[\\u2018\\u2019]/g, "'")
    .replace(/[\\u201C\\u201D]/g, '"');
}`,
    [
      ['straightens double quotes', "assert.equal(straightenQuotes('\\u201CHi,\\u201D she said'), '\"Hi,\" she said\\n');"],
      ['straightens an apostrophe', "assert.equal(straightenQuotes('it\\u2019s'), \"it's\\n\");"],
      ['straightens single quotes', "assert.equal(straightenQuotes('\\u2018no\\u2019'), \"'no'\\n\");"],
    ],
    [{ mistake: 'straightens only double quotes', from: `.replace(/[\\u2018\\u2019]/g, "'")`, to: '' }],
  ),
  written(
    'normalizeDashes',
    'normalizeDashes(text) -> string. straightenQuotes(text) with every double hyphen "--" turned into an em dash (\\u2014).',
    ['straightenQuotes'],
    `export function normalizeDashes(text) {
  return straightenQuotes(text).replace(/--/g, '\\u2014');
}`,
    [
      ['between words', "assert.equal(normalizeDashes('a -- b'), 'a \\u2014 b\\n');"],
      ['every one', "assert.equal(normalizeDashes('x--y--z'), 'x\\u2014y\\u2014z\\n');"],
      ['leaves a single hyphen', "assert.equal(normalizeDashes('well-known'), 'well-known\\n');"],
    ],
    [{ mistake: 'replaces only the first double hyphen', from: '/--/g', to: '/--/' }],
  ),
  written(
    'useEllipsis',
    'useEllipsis(text) -> string. normalizeDashes(text) with every three dots "..." turned into an ellipsis (\\u2026).',
    ['normalizeDashes'],
    `export function useEllipsis(text) {
  return normalizeDashes(text).replace(/\\.{3}/g, '\\u2026');
}`,
    [
      ['replaces three dots', "assert.equal(useEllipsis('Wait...'), 'Wait\\u2026\\n');"],
      ['replaces every one', "assert.equal(useEllipsis('a... b...'), 'a\\u2026 b\\u2026\\n');"],
      ['leaves a full stop', "assert.equal(useEllipsis('End.'), 'End.\\n');"],
    ],
    [{ mistake: 'turns two dots into an ellipsis', from: '/\\.{3}/g', to: '/\\.{2}/g' }],
  ),
  written(
    'collapseSpaces',
    'collapseSpaces(text) -> string. useEllipsis(text) with runs of spaces inside a line (after its first non-space character) shortened to one space; indentation is kept.',
    ['useEllipsis'],
    `export function collapseSpaces(text) {
  return useEllipsis(text).replace(/(\\S) {2,}/g, '$1 ');
}`,
    [
      ['shortens inner runs', "assert.equal(collapseSpaces('a   b  c'), 'a b c\\n');"],
      ['keeps indentation', "assert.equal(collapseSpaces('    indented  text'), '    indented text\\n');"],
      ['counts expanded tabs', "assert.equal(collapseSpaces('a\\tb'), 'a b\\n');"],
    ],
    [{ mistake: 'collapses indentation too', from: ".replace(/(\\S) {2,}/g, '$1 ')", to: ".replace(/ {2,}/g, ' ')" }],
  ),
  written(
    'spaceAfterPunctuation',
    'spaceAfterPunctuation(text) -> string. collapseSpaces(text) with a space added after a comma, semicolon or colon directly followed by a letter (not a digit: "3,5" stays).',
    ['collapseSpaces'],
    `export function spaceAfterPunctuation(text) {
  return collapseSpaces(text).replace(/([,;:])(?=[A-Za-z])/g, '$1 ');
}`,
    [
      ['adds the spaces', "assert.equal(spaceAfterPunctuation('a,b;c:d'), 'a, b; c: d\\n');"],
      ['leaves numbers alone', "assert.equal(spaceAfterPunctuation('3,5 and 1:2'), '3,5 and 1:2\\n');"],
      ['leaves a spaced comma alone', "assert.equal(spaceAfterPunctuation('a, b'), 'a, b\\n');"],
    ],
    [{ mistake: 'also adds a space before digits', from: '(?=[A-Za-z])', to: '(?=[A-Za-z0-9])' }],
  ),
  written(
    'noSpaceBeforePunctuation',
    'noSpaceBeforePunctuation(text) -> string. spaceAfterPunctuation(text) with the spaces before , ; : . ! and ? removed.',
    ['spaceAfterPunctuation'],
    `export function noSpaceBeforePunctuation(text) {
  return spaceAfterPunctuation(text).replace(/ +([,;:.!?])/g, '$1');
}`,
    [
      ['removes the spaces', "assert.equal(noSpaceBeforePunctuation('Hello , world !'), 'Hello, world!\\n');"],
      ['before a question mark', "assert.equal(noSpaceBeforePunctuation('Really ?'), 'Really?\\n');"],
      ['after adding one behind', "assert.equal(noSpaceBeforePunctuation('a :b'), 'a: b\\n');"],
    ],
    [{ mistake: 'forgets question and exclamation marks', from: '[,;:.!?]', to: '[,;:.]' }],
  ),
  written(
    'capitalizeSentences',
    'capitalizeSentences(text) -> string. noSpaceBeforePunctuation(text) with a lower-case letter made upper case at the start of the text and after ". ", "! " or "? " (any white space after the mark).',
    ['noSpaceBeforePunctuation'],
    `export function capitalizeSentences(text) {
  return noSpaceBeforePunctuation(text).replace(/(^|[.!?]\\s+)([a-z])/g, (match, before, letter) => before + letter.toUpperCase());
}`,
    [
      ['capitalises every sentence', "assert.equal(capitalizeSentences('hello. world! yes? no'), 'Hello. World! Yes? No\\n');"],
      ['across a line break', "assert.equal(capitalizeSentences('one.\\ntwo'), 'One.\\nTwo\\n');"],
      ['leaves words inside a sentence', "assert.equal(capitalizeSentences('a b c'), 'A b c\\n');"],
    ],
    [{ mistake: 'capitalises only the start of the text', from: '(^|[.!?]\\s+)', to: '(^)' }],
  ),
  written(
    'fixPronounI',
    'fixPronounI(text) -> string. capitalizeSentences(text) with every stand-alone lower-case "i" (the word, also before an apostrophe) made "I".',
    ['capitalizeSentences'],
    `export function fixPronounI(text) {
  return capitalizeSentences(text).replace(/\\bi\\b/g, 'I');
}`,
    [
      ['fixes every one', "assert.equal(fixPronounI('so i said i would'), 'So I said I would\\n');"],
      ['before an apostrophe', "assert.equal(fixPronounI(\"then i'm here\"), \"Then I'm here\\n\");"],
      ['leaves words with i in them', "assert.equal(fixPronounI('in it'), 'In it\\n');"],
    ],
    [{ mistake: 'fixes only the first one', from: '/\\bi\\b/g', to: '/\\bi\\b/' }],
  ),
  written(
    'dropRepeatedWords',
    'dropRepeatedWords(text) -> string. fixPronounI(text) with a word repeated right after itself (ignoring case, e.g. "the the" or "The the") kept once, the first time as written.',
    ['fixPronounI'],
    `export function dropRepeatedWords(text) {
  return fixPronounI(text).replace(/\\b(\\w+)(\\s+\\1\\b)+/gi, '$1');
}`,
    [
      ['drops a repeat', "assert.equal(dropRepeatedWords('the the cat'), 'The cat\\n');"],
      ['inside a sentence', "assert.equal(dropRepeatedWords('It is is fine'), 'It is fine\\n');"],
      ['drops several repeats', "assert.equal(dropRepeatedWords('that that that'), 'That\\n');"],
      ['ignores case', "assert.equal(dropRepeatedWords('The the end'), 'The end\\n');"],
    ],
    [{ mistake: 'compares case-sensitively', from: '/gi', to: '/g' }],
  ),
  written(
    'wrapParagraphs',
    'wrapParagraphs(text, width) -> string. dropRepeatedWords(text) with each paragraph (paragraphs are separated by a blank line) re-wrapped: its words joined by single spaces into lines of at most `width` characters, greedily (a word longer than the width gets a line of its own); paragraphs separated by one blank line; a final \\n; "" for an empty text.',
    ['dropRepeatedWords'],
    `export function wrapParagraphs(text, width) {
  const clean = dropRepeatedWords(text);
  if (clean === '') return '';
  const paragraphs = clean.trimEnd().split('\\n\\n').map((paragraph) => {
    const lines = [];
    let line = '';
    for (const word of paragraph.split(/\\s+/).filter((w) => w !== '')) {
      if (line === '') line = word;
      else if (line.length + 1 + word.length <= width) line += ' ' + word;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line !== '') lines.push(line);
    return lines.join('\\n');
  });
  return paragraphs.join('\\n\\n') + '\\n';
}`,
    [
      ['wraps at the width', "assert.equal(wrapParagraphs('one two three four', 9), 'One two\\nthree\\nfour\\n');"],
      ['joins the lines of a paragraph', "assert.equal(wrapParagraphs('a b\\nc\\n\\n\\nd e', 80), 'A b c\\n\\nd e\\n');"],
      ['gives a long word its own line', "assert.equal(wrapParagraphs('tiny enormousword', 5), 'Tiny\\nenormousword\\n');"],
      ['of nothing', "assert.equal(wrapParagraphs('  ', 10), '');"],
    ],
    [{ mistake: 'lets a line run one character past the width', from: '<= width', to: '<= width + 1' }],
  ),
  written(
    'cleanReport',
    'cleanReport(text, width) -> {text, lines, paragraphs, changed}. The cleaned text wrapParagraphs(text, width), its number of non-empty lines, its number of paragraphs (0 for an empty text), and whether it differs from trimDocument(text).',
    ['wrapParagraphs', 'trimDocument'],
    `export function cleanReport(text, width) {
  const cleaned = wrapParagraphs(text, width);
  const lines = cleaned.split('\\n').filter((line) => line !== '');
  const paragraphs = cleaned === '' ? 0 : cleaned.trimEnd().split('\\n\\n').length;
  return { text: cleaned, lines: lines.length, paragraphs, changed: cleaned !== trimDocument(text) };
}`,
    [
      ['reports a change', "assert.deepEqual(cleanReport('one two', 80), { text: 'One two\\n', lines: 1, paragraphs: 1, changed: true });"],
      ['reports no change', "assert.deepEqual(cleanReport('Fine.', 80), { text: 'Fine.\\n', lines: 1, paragraphs: 1, changed: false });"],
      ['counts paragraphs and lines', "assert.deepEqual(cleanReport('a\\n\\nb', 10), { text: 'A\\n\\nb\\n', lines: 2, paragraphs: 2, changed: true });"],
      ['of nothing', "assert.deepEqual(cleanReport('', 10), { text: '', lines: 0, paragraphs: 0, changed: false });"],
    ],
    [{ mistake: 'counts the blank line between paragraphs as a line', from: ".split('\\n').filter((line) => line !== '')", to: ".trimEnd().split('\\n')" }],
  ),
];
