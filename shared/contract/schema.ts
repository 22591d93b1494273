/**
 * Validation for everything that enters the lab: experiment specs and API
 * requests. Schemas are written with Zod (one definition gives the TypeScript
 * type, the validator and, through z.toJSONSchema, the JSON Schema editors
 * use); this module turns Zod's issues into messages that name the field and
 * say what is wrong in plain words (`teams[1].sizes[0]: must be an integer
 * between 1 and 1000, got 0`), and offers builders whose messages carry the
 * whole allowed range.
 *
 * Zod rather than a hand-written schema language: it is maintained, looks
 * fields up as own properties (so "constructor" or "__proto__" are ordinary
 * unknown keys), and the spec grew past what a small home-made language
 * carries well (discriminated unions per structure, nested agent lists,
 * cross-field rules with paths).
 */
import * as z from 'zod';

export { z };

export interface Issue {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface JsonSchema {
  [key: string]: unknown;
}

type PathKey = PropertyKey;

/** `teams[1].sizes[0]`, or `(root)`. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** A value as a message shows it: short strings quoted, containers named. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** What sits at `path` in `input`, looking at own properties only. */
function valueAt(input: unknown, path: readonly PathKey[]): unknown {
  let here: unknown = input;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    if (!Object.hasOwn(here, key)) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** Zod's issue, in our words. Messages set by a builder below (or a refinement) are kept as they are. */
function toIssues(issue: z.core.$ZodIssue, input: unknown): Issue[] {
  const path = issue.path;
  const at = formatPath(path);
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return [{ path: at, message: 'is required' }];
      if (issue.message && !issue.message.startsWith('Invalid input')) return [{ path: at, message: issue.message }];
      return [{ path: at, message: `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${describeValue(value)}` }];
    case 'unrecognized_keys': {
      // Objects built with `object()` put their known fields in the message.
      const known = issue.message.startsWith('known fields:') ? ` (${issue.message})` : '';
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: `is not a known field${known}` }));
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return [{ path: at, message: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${describeValue(value)}` }];
      }
      // One value or a list (a grid axis): report the branch the input was meant for,
      // the one that did not fail on its type at the top.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const meant = branches.find((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0)) ?? branches[0];
      if (!meant) return [{ path: at, message: issue.message }];
      return meant.flatMap((inner) => toIssues({ ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue, input));
    }
    case 'invalid_value':
      if (issue.message && !issue.message.startsWith('Invalid')) return [{ path: at, message: issue.message }];
      return [{ path: at, message: `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${describeValue(value)}` }];
    case 'too_small':
    case 'too_big':
      if (issue.message && !/^Too (small|big)/.test(issue.message)) return [{ path: at, message: issue.message }];
      return [{ path: at, message: sizeMessage(issue, value) }];
    default:
      return [{ path: at, message: issue.message }];
  }
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  switch (issue.origin) {
    case 'string':
      if (small) return bound <= 1 ? 'must not be empty' : `must be at least ${bound} characters`;
      return `must be at most ${bound} characters`;
    case 'array':
    case 'set':
      return small ? `must have at least ${bound} item${bound === 1 ? '' : 's'}` : `must have at most ${bound} items`;
    default:
      return `must be ${small ? '≥' : '≤'} ${bound}, got ${describeValue(value)}`;
  }
}

/** Validates `input`; on success the value has its defaults filled in. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.flatMap((issue) => toIssues(issue, input));
  return { ok: false, issues: issues.length > 0 ? issues : [{ path: '(root)', message: 'is not valid' }] };
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}

/** The JSON Schema of what a user may write (defaults optional), for editors and docs. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

// Builders with whole-range messages ------------------------------------------------

interface Described {
  description?: string;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

/** A number, optionally whole, within [min, max]; every failure names the whole range. */
export function number(opts: Described & { min?: number; max?: number; integer?: boolean } = {}): z.ZodNumber {
  const what = `${opts.integer ? 'an integer' : 'a number'}${range(opts.min, opts.max)}`;
  const error = (issue: { input?: unknown }) => `must be ${what}, got ${describeValue(issue.input)}`;
  let schema = z.number({ error });
  if (opts.integer) schema = schema.int({ error });
  if (opts.min !== undefined) schema = schema.min(opts.min, { error });
  if (opts.max !== undefined) schema = schema.max(opts.max, { error });
  return opts.description ? schema.meta({ description: opts.description }) : schema;
}

export function integer(opts: Described & { min?: number; max?: number } = {}): z.ZodNumber {
  // Bounded by default so the JSON Schema carries no ±2⁵³ noise and sizes stay sane.
  return number({ ...opts, integer: true, max: opts.max ?? Number.MAX_SAFE_INTEGER });
}

export function string(opts: Described & { minLength?: number; maxLength: number }): z.ZodString {
  let schema = z.string();
  if (opts.minLength !== undefined) schema = schema.min(opts.minLength);
  schema = schema.max(opts.maxLength);
  return opts.description ? schema.meta({ description: opts.description }) : schema;
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, opts: Described = {}) {
  const schema = z.enum(values);
  return opts.description ? schema.meta({ description: opts.description }) : schema;
}

/** An object with known keys only: an unknown key is an error naming the known ones, so typos surface. */
export function object<S extends z.ZodRawShape>(shape: S, opts: Described = {}) {
  const known = Object.keys(shape).join(', ');
  const schema = z.strictObject(shape, { error: (issue) => (issue.code === 'unrecognized_keys' ? `known fields: ${known}` : undefined) });
  return opts.description ? schema.meta({ description: opts.description }) : schema;
}

/** One value, or a list of values: a grid axis (each value becomes its own cells). */
export function axis<T extends z.ZodType>(item: T, opts: Described & { maxItems?: number } = {}) {
  const schema = z.union([item, z.array(item).min(1).max(opts.maxItems ?? 64)]);
  return opts.description ? schema.meta({ description: opts.description }) : schema;
}
