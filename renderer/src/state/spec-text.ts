/**
 * Pure helpers for the Designer: spec text in; parsed JSON, where a syntax
 * error or one of the lab's issues sits in the text, and the grid's size out.
 *
 * Positions come from jsonc-parser (Microsoft's JSON scanner and parser, the
 * one behind VS Code's JSON support): `visit` reports the first syntax error
 * with its offset, `parseTree`/`findNodeAtLocation` find the node an issue
 * path such as `teams[1].sizes[0]` names. JSON.parse stays the judge of what
 * is valid JSON; jsonc-parser only says where. Counting is the registry's
 * (`summarizeGrid`), never done here.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node as JsonNode } from 'jsonc-parser';
import { entryParamSets } from '../../../shared/domain/cells';
import { summarizeGrid, type GridSummary } from '../../../shared/domain/grid';
import { modelsOf, parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';
import { structureDefinition } from '../../../shared/domain/structures';

export interface JsonSyntaxError {
  /** What is wrong, in words a person can act on. */
  message: string;
  /** 1-based line and column of the problem. */
  line: number;
  column: number;
  /** 0-based offset of the problem in the text, and how many characters it covers (0 at the very end). */
  offset: number;
  length: number;
  /** The line the problem is on (cropped around it when long), and the caret's 0-based offset in it. */
  excerpt: string;
  caret: number;
}

export type ParsedText = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/** Parses spec text as JSON; on failure says where and what, the same in every engine. */
export function parseSpecText(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const found = locateJsonError(text) ?? {
      position: text.length,
      length: 0,
      message: error instanceof Error ? error.message : String(error),
    };
    return { ok: false, error: describeAt(text, found.position, found.length, found.message) };
  }
}

const EXCERPT_RADIUS = 40;

/** 1-based line and column of `offset`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { line: text.slice(0, lineStart).split('\n').length, column: at - lineStart + 1 };
}

function describeAt(text: string, position: number, length: number, message: string): JsonSyntaxError {
  const at = Math.max(0, Math.min(position, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineText = text.slice(lineStart, newline === -1 ? text.length : newline).replace(/\r$/, '');
  const { line } = lineAndColumn(text, at);
  const offset = at - lineStart;
  const from = Math.max(0, offset - EXCERPT_RADIUS);
  const to = Math.min(lineText.length, offset + EXCERPT_RADIUS);
  const excerpt = `${from > 0 ? '…' : ''}${lineText.slice(from, to)}${to < lineText.length ? '…' : ''}`;
  return {
    message,
    line,
    column: offset + 1,
    offset: at,
    length: Math.max(0, Math.min(length, text.length - at)),
    excerpt,
    caret: offset - from + (from > 0 ? 1 : 0),
  };
}

type Container = 'object' | 'array' | null;

interface SyntaxProblem {
  position: number;
  length: number;
  message: string;
}

const WHITESPACE = /\s/;
const VALUE_START = /["{[\-0-9tfn]/;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

/**
 * Finds the first JSON syntax error in `text` (null when jsonc-parser finds none):
 * jsonc-parser says which error and where; this says it in words, and moves
 * the position where a person fixes it (a missing comma belongs after the
 * value before it, a trailing comma is the comma itself).
 */
export function locateJsonError(text: string): SyntaxProblem | null {
  let problem: SyntaxProblem | null = null;
  const containers: Container[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void containers.push('object'),
      onObjectEnd: () => void containers.pop(),
      onArrayBegin: () => void containers.push('array'),
      onArrayEnd: () => void containers.pop(),
      onError: (code, offset, length) => {
        problem ??= describeProblem(text, printParseErrorCode(code), offset, length, containers.at(-1) ?? null);
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return problem;
}

function describeProblem(text: string, code: string, offset: number, length: number, container: Container): SyntaxProblem {
  const char = text.charAt(offset);
  const token = text.slice(offset, offset + length);
  const found = offset >= text.length ? 'the end of the text' : char === '"' ? `'"'` : `"${length > 1 && length <= 20 ? token : char}"`;
  /** The last non-blank character before `at`, and where it is. */
  const before = (at: number): { char: string; at: number } => {
    let i = at - 1;
    while (i >= 0 && WHITESPACE.test(text.charAt(i))) i--;
    return { char: i >= 0 ? text.charAt(i) : '', at: i };
  };
  const at = (position: number, message: string, span = 1): SyntaxProblem => ({ position, length: span, message });
  const closer = container === 'array' ? ']' : '}';
  switch (code) {
    case 'CommaExpected': {
      const missing = container === 'array' ? VALUE_START.test(char) : char === '"';
      if (missing) {
        const previous = before(offset);
        const where = container === 'array' ? 'after this entry, before the next one' : 'after this value, before the next field';
        return at(previous.at + 1, `a "," is missing ${where}`, 0);
      }
      return at(offset, container === 'array' ? `expected "," or "]" after a list entry, found ${found}` : `expected "," or "}" after a field's value, found ${found}`, length);
    }
    case 'PropertyNameExpected': {
      const previous = before(offset);
      if (char === '}' && previous.char === ',') return at(previous.at, 'a comma before "}" is not allowed in JSON; remove it');
      if (char === "'") return at(offset, 'field names use double quotes ", not single quotes');
      return at(offset, `expected a field name in double quotes, found ${found}`, length);
    }
    case 'ValueExpected': {
      const previous = before(offset);
      if (offset >= text.length && previous.at < 0) return at(0, 'the spec is empty: write a JSON object { … }', 0);
      if (offset >= text.length) return at(offset, 'the text ends where a value was expected', 0);
      if (char === ']' && previous.char === ',') return at(previous.at, 'a comma before "]" is not allowed in JSON; remove it');
      if (char === "'") return at(offset, 'JSON strings use double quotes ", not single quotes');
      return at(offset, `expected a value (a string, number, object, list, true, false or null), found ${found}`, length);
    }
    case 'InvalidSymbol':
      if (char === "'") return at(offset, 'JSON strings use double quotes ", not single quotes', length);
      if (container === null && before(offset).at >= 0) return at(offset, `unexpected ${found} after the end of the spec`, length);
      return at(offset, `${found} is not JSON: write a string in double quotes, a number, an object, a list, true, false or null`, length);
    case 'EndOfFileExpected':
      return at(offset, `unexpected ${found} after the end of the spec`, length);
    case 'ColonExpected':
      return at(offset, `expected ":" after the field name, found ${found}`, length);
    case 'CloseBraceExpected':
    case 'CloseBracketExpected':
      if (offset >= text.length) return at(offset, `the text ends before the ${code === 'CloseBraceExpected' ? 'object' : 'list'} is closed: a "${code === 'CloseBraceExpected' ? '}' : ']'}" is missing`, 0);
      return at(offset, `expected "," or "${closer}", found ${found}`, length);
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at(offset, 'JSON does not allow comments; remove it', length);
    case 'UnexpectedEndOfString':
      return at(offset, /[\n\r]/.test(text.charAt(offset + length)) ? 'the string is not closed: add the closing " before the line ends' : 'the string is not closed: add the closing "', length);
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return at(offset, `${found} is not a complete number`, length);
    case 'InvalidUnicode': {
      const escape = token.search(/\\u(?![0-9a-fA-F]{4})/);
      return at(offset + Math.max(0, escape), 'a \\u escape needs four hex digits', 2);
    }
    case 'InvalidEscapeCharacter': {
      let i = token.indexOf('\\');
      while (i >= 0 && ESCAPES.has(token.charAt(i + 1))) i = token.indexOf('\\', i + 2);
      const escaped = i >= 0 ? token.charAt(i + 1) : '';
      return at(offset + Math.max(0, i), `\\${escaped} is not a JSON escape; write a backslash as \\\\`, 2);
    }
    case 'InvalidCharacter': {
      // eslint-disable-next-line no-control-regex -- looking for exactly these characters
      const control = token.search(/[\u0000-\u001f]/);
      return at(offset + Math.max(0, control), 'a string may not hold a tab or other control character; write it as \\t, \\n, …');
    }
    default:
      return at(offset, `the text is not valid JSON here (${found})`, length);
  }
}

// Where an issue sits ------------------------------------------------------------------------

/** A span of the text, as offsets. */
export interface TextRange {
  from: number;
  to: number;
}

/** `teams[1].sizes[0]` as a JSON path: ['teams', 1, 'sizes', 0]; `(root)` is []. */
export function issuePath(path: string): Array<string | number> {
  if (path === '(root)' || path === '') return [];
  const segments: Array<string | number> = [];
  for (const match of path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)) {
    segments.push(match[1] !== undefined ? Number(match[1]) : (match[2] ?? ''));
  }
  return segments;
}

/** The key of a node that is a field's value (`"sizes"` for the list in `"sizes": [3, 5]`). */
function keyOf(node: JsonNode): JsonNode | null {
  return node.parent?.type === 'property' && node.parent.children?.[1] === node ? (node.parent.children[0] ?? null) : null;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline;
}

/** A node's span, cut at the end of its first line when it runs over several (an object, a list). */
function firstLineOf(text: string, node: JsonNode, from: number): TextRange {
  const end = node.offset + node.length;
  const firstLine = lineEnd(text, node.offset);
  if (end <= firstLine) return { from, to: end };
  return { from, to: Math.max(from + 1, firstLine) };
}

/**
 * Where in `text` the lab's issue at `path` belongs: the value the path names
 * (`0` for `teams[1].sizes[0]`); for an unknown field, its name; for a missing
 * one, the name of the object that lacks it (or its first line). Objects and
 * lists that span lines are underlined on their first line only.
 */
export function locateIssue(text: string, path: string, message = ''): TextRange {
  const root = parseTree(text, [], { disallowComments: true });
  if (!root) return { from: 0, to: Math.min(1, text.length) };
  const segments = issuePath(path);
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = depth === 0 ? root : findNodeAtLocation(root, segments.slice(0, depth));
    if (!node) continue;
    const exact = depth === segments.length;
    const key = keyOf(node);
    if (exact && message.startsWith('is not a known field') && key) return { from: key.offset, to: key.offset + key.length };
    if (!exact && key) return { from: key.offset, to: key.offset + key.length };
    if (!exact) return firstLineOf(text, node, node.offset);
    const spansLines = node.offset + node.length > lineEnd(text, node.offset);
    return firstLineOf(text, node, spansLines && key ? key.offset : node.offset);
  }
  return { from: 0, to: Math.min(1, text.length) };
}

// The grid ----------------------------------------------------------------------------------

/** Something the lab accepts but the user should know (a vote that can tie). */
export interface SpecWarning {
  path: string;
  message: string;
}

/** What the Designer shows of a valid spec: the registry's counts and the warnings. */
export interface SpecOverview {
  grid: GridSummary;
  /** Models on the model axis (1 without one). */
  models: number;
  warnings: SpecWarning[];
}

/** The rule parameter that can be a majority, for the structures whose answer a majority decides. */
const MAJORITY_RULE: Readonly<Record<string, { param: string; what: (n: number) => string }>> = {
  vote: { param: 'aggregate', what: (n) => `a majority vote of ${n}` },
  debate: { param: 'finalRule', what: (n) => `the final majority vote of ${n} debaters` },
};

/**
 * Even sizes under a majority rule: half against half has no majority, and the
 * team gives no answer (graded wrong). Allowed, but worth a warning.
 */
export function tieWarnings(spec: ExperimentSpec): SpecWarning[] {
  const warnings: SpecWarning[] = [];
  spec.teams.forEach((entry, t) => {
    const rule = MAJORITY_RULE[entry.structure];
    const definition = structureDefinition(entry.structure);
    if (!rule || !definition) return;
    const listed = entry.agents ? entry.agents.reduce((n, a) => n + a.count, 0) : null;
    const sizes = (entry as Record<string, unknown>).sizes;
    for (const params of entryParamSets(entry, definition, listed)) {
      const n = Number(params.size);
      if (params[rule.param] !== 'majority' || !Number.isInteger(n) || n % 2 !== 0) continue;
      const path = listed !== null ? `teams[${t}].agents` : Array.isArray(sizes) ? `teams[${t}].sizes[${sizes.indexOf(n)}]` : `teams[${t}].sizes`;
      if (warnings.some((w) => w.path === path)) continue;
      warnings.push({ path, message: `${rule.what(n)} can tie ${n / 2}–${n / 2}, and a tie gives no answer (graded wrong); an odd size avoids ties` });
    }
  });
  return warnings;
}

/** Counts a spec's grid with the registry's formulas; null when the spec is not valid. */
export function specOverview(raw: unknown): SpecOverview | null {
  const parsed = parseExperimentSpec(raw);
  if (!parsed.ok) return null;
  return { grid: summarizeGrid(parsed.value), models: Math.max(1, modelsOf(parsed.value.agents).length), warnings: tieWarnings(parsed.value) };
}

// Formatting --------------------------------------------------------------------------------

const LINE_WIDTH = 88;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, v]) => `${JSON.stringify(key)}: ${inline(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'null';
}

function block(value: unknown, indent: string, used: number): string {
  const flat = inline(value);
  if (used + flat.length <= LINE_WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + block(v, inner, inner.length)).join(',\n')}\n${indent}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).map(([key, v]) => {
      const head = `${inner}${JSON.stringify(key)}: `;
      return head + block(v, inner, head.length);
    });
    return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return flat;
}

/** A spec as readable JSON: one field a line, short objects and lists kept on one line. */
export function formatSpec(spec: unknown): string {
  return `${block(spec, '', 0)}\n`;
}
