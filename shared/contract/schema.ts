/**
 * A small runtime schema language. One definition gives three things the lab
 * needs from the same source: a TypeScript type (`Infer`), a validator whose
 * messages name the field and the problem (`teams[1].sizes[0]: must be an
 * integer ≥ 1`), and a JSON Schema for editor completion. Hand-rolled rather
 * than a dependency so that messages and the JSON Schema stay under our
 * control and `shared/` stays free of runtime imports.
 */

export interface Issue {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface JsonSchema {
  [key: string]: unknown;
}

export interface Schema<T> {
  readonly kind: string;
  /** Validates `input`; on success returns a value with defaults filled in. */
  check(input: unknown, path: string, issues: Issue[]): T | undefined;
  jsonSchema(): JsonSchema;
  readonly description?: string;
  readonly optional?: boolean;
  readonly defaultValue?: T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function label(path: string): string {
  return path === '' ? '(root)' : path;
}

function push(issues: Issue[], path: string, message: string): undefined {
  issues.push({ path: label(path), message });
  return undefined;
}

function withMeta<T>(schema: Schema<T>, meta: { description?: string }): Schema<T> {
  return { ...schema, ...meta, jsonSchema: () => ({ ...schema.jsonSchema(), ...(meta.description ? { description: meta.description } : {}) }) };
}

export function string(opts: { minLength?: number; maxLength?: number; description?: string } = {}): Schema<string> {
  return withMeta(
    {
      kind: 'string',
      check(input, path, issues) {
        if (typeof input !== 'string') return push(issues, path, `must be a string, got ${describe(input)}`);
        if (opts.minLength !== undefined && input.length < opts.minLength)
          return push(issues, path, opts.minLength === 1 ? 'must not be empty' : `must be at least ${opts.minLength} characters`);
        if (opts.maxLength !== undefined && input.length > opts.maxLength)
          return push(issues, path, `must be at most ${opts.maxLength} characters`);
        return input;
      },
      jsonSchema: () => ({ type: 'string', ...(opts.minLength ? { minLength: opts.minLength } : {}), ...(opts.maxLength ? { maxLength: opts.maxLength } : {}) }),
    },
    opts,
  );
}

export function number(opts: { min?: number; max?: number; integer?: boolean; description?: string } = {}): Schema<number> {
  const what = opts.integer ? 'an integer' : 'a number';
  const range =
    opts.min !== undefined && opts.max !== undefined
      ? ` between ${opts.min} and ${opts.max}`
      : opts.min !== undefined
        ? ` ≥ ${opts.min}`
        : opts.max !== undefined
          ? ` ≤ ${opts.max}`
          : '';
  return withMeta(
    {
      kind: 'number',
      check(input, path, issues) {
        const bad = () => push(issues, path, `must be ${what}${range}, got ${describe(input)}`);
        if (typeof input !== 'number' || !Number.isFinite(input)) return bad();
        if (opts.integer && !Number.isInteger(input)) return bad();
        if (opts.min !== undefined && input < opts.min) return bad();
        if (opts.max !== undefined && input > opts.max) return bad();
        return input;
      },
      jsonSchema: () => ({
        type: opts.integer ? 'integer' : 'number',
        ...(opts.min !== undefined ? { minimum: opts.min } : {}),
        ...(opts.max !== undefined ? { maximum: opts.max } : {}),
      }),
    },
    opts,
  );
}

export function integer(opts: { min?: number; max?: number; description?: string } = {}): Schema<number> {
  return number({ ...opts, integer: true });
}

export function boolean(opts: { description?: string } = {}): Schema<boolean> {
  return withMeta(
    {
      kind: 'boolean',
      check(input, path, issues) {
        if (typeof input !== 'boolean') return push(issues, path, `must be true or false, got ${describe(input)}`);
        return input;
      },
      jsonSchema: () => ({ type: 'boolean' }),
    },
    opts,
  );
}

export function literal<const T extends string | number | boolean>(value: T): Schema<T> {
  return {
    kind: 'literal',
    check(input, path, issues) {
      if (input !== value) return push(issues, path, `must be ${JSON.stringify(value)}, got ${describe(input)}`);
      return value;
    },
    jsonSchema: () => ({ const: value }),
  };
}

export function oneOf<const T extends readonly string[]>(values: T, opts: { description?: string } = {}): Schema<T[number]> {
  return withMeta(
    {
      kind: 'enum',
      check(input, path, issues) {
        if (typeof input !== 'string' || !values.includes(input))
          return push(issues, path, `must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${describe(input)}`);
        return input as T[number];
      },
      jsonSchema: () => ({ type: 'string', enum: [...values] }),
    },
    opts,
  );
}

export function array<T>(item: Schema<T>, opts: { minItems?: number; maxItems?: number; description?: string } = {}): Schema<T[]> {
  return withMeta(
    {
      kind: 'array',
      check(input, path, issues) {
        if (!Array.isArray(input)) return push(issues, path, `must be a list, got ${describe(input)}`);
        if (opts.minItems !== undefined && input.length < opts.minItems)
          return push(issues, path, `must have at least ${opts.minItems} item${opts.minItems === 1 ? '' : 's'}`);
        if (opts.maxItems !== undefined && input.length > opts.maxItems)
          return push(issues, path, `must have at most ${opts.maxItems} items`);
        const before = issues.length;
        const out = input.map((v, i) => item.check(v, `${path}[${i}]`, issues));
        return issues.length === before ? (out as T[]) : undefined;
      },
      jsonSchema: () => ({
        type: 'array',
        items: item.jsonSchema(),
        ...(opts.minItems !== undefined ? { minItems: opts.minItems } : {}),
        ...(opts.maxItems !== undefined ? { maxItems: opts.maxItems } : {}),
      }),
    },
    opts,
  );
}

/** Marks a field optional; with a default, the parsed value always has it. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined>;
export function optional<T>(schema: Schema<T>, defaultValue: T): Schema<T>;
export function optional<T>(schema: Schema<T>, defaultValue?: T): Schema<T | undefined> {
  return {
    ...schema,
    optional: true,
    defaultValue,
    check(input, path, issues) {
      if (input === undefined) return defaultValue;
      return schema.check(input, path, issues);
    },
    jsonSchema: () => ({ ...schema.jsonSchema(), ...(defaultValue !== undefined ? { default: defaultValue } : {}) }),
  };
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return {
    kind: 'nullable',
    check(input, path, issues) {
      if (input === null) return null;
      return schema.check(input, path, issues);
    },
    jsonSchema: () => ({ anyOf: [schema.jsonSchema(), { type: 'null' }] }),
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> };
type Flatten<T> = { [K in keyof T]: T[K] } & {};

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** An object with known keys; unknown keys are rejected so typos surface. */
export function object<S extends Shape>(shape: S, opts: { description?: string; allowUnknown?: boolean } = {}): Schema<Flatten<ObjectOf<S>>> {
  return withMeta(
    {
      kind: 'object',
      check(input, path, issues) {
        if (typeof input !== 'object' || input === null || Array.isArray(input))
          return push(issues, path, `must be an object, got ${describe(input)}`);
        const record = input as Record<string, unknown>;
        const before = issues.length;
        const out: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(shape)) {
          // Own properties only: "constructor" or "toString" must not be found on Object.prototype.
          const value = Object.hasOwn(record, key) ? record[key] : undefined;
          if (value === undefined && !schema.optional) {
            push(issues, join(path, key), 'is required');
            continue;
          }
          const checked = schema.check(value, join(path, key), issues);
          if (checked !== undefined) out[key] = checked;
        }
        if (!opts.allowUnknown) {
          for (const key of Object.keys(record)) {
            if (!Object.hasOwn(shape, key) && key !== '$schema') {
              const known = Object.keys(shape).join(', ');
              push(issues, join(path, key), `is not a known field (known fields: ${known})`);
            }
          }
        }
        return issues.length === before ? (out as Flatten<ObjectOf<S>>) : undefined;
      },
      jsonSchema: () => ({
        type: 'object',
        properties: Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.jsonSchema()])),
        required: Object.entries(shape)
          .filter(([, s]) => !s.optional)
          .map(([k]) => k),
        additionalProperties: opts.allowUnknown ? true : false,
      }),
    },
    opts,
  );
}

/** A string-keyed map whose values all share one schema. */
export function record<T>(value: Schema<T>, opts: { description?: string } = {}): Schema<Record<string, T>> {
  return withMeta(
    {
      kind: 'record',
      check(input, path, issues) {
        if (typeof input !== 'object' || input === null || Array.isArray(input))
          return push(issues, path, `must be an object, got ${describe(input)}`);
        const before = issues.length;
        const out: Record<string, T> = {};
        for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
          const checked = value.check(v, join(path, k), issues);
          // defineProperty, not assignment: a key "__proto__" must stay a key, not replace the prototype.
          if (checked !== undefined) Object.defineProperty(out, k, { value: checked, enumerable: true, writable: true, configurable: true });
        }
        return issues.length === before ? out : undefined;
      },
      jsonSchema: () => ({ type: 'object', additionalProperties: value.jsonSchema() }),
    },
    opts,
  );
}

/**
 * A union told apart by one string field, e.g. `structure`. Messages name the
 * allowed tags instead of listing every branch's failures.
 */
export function tagged<K extends string, B extends Record<string, Schema<unknown>>>(
  key: K,
  branches: B,
  opts: { description?: string } = {},
): Schema<Infer<B[keyof B]>> {
  const tags = Object.keys(branches);
  return withMeta(
    {
      kind: 'tagged',
      check(input, path, issues) {
        if (typeof input !== 'object' || input === null || Array.isArray(input))
          return push(issues, path, `must be an object, got ${describe(input)}`);
        const record = input as Record<string, unknown>;
        const tag = Object.hasOwn(record, key) ? record[key] : undefined;
        const branch = typeof tag === 'string' && Object.hasOwn(branches, tag) ? branches[tag] : undefined;
        if (!branch) {
          return push(issues, join(path, key), `must be one of ${tags.map((t) => `"${t}"`).join(', ')}, got ${describe(tag)}`);
        }
        return branch.check(input, path, issues) as Infer<B[keyof B]> | undefined;
      },
      jsonSchema: () => ({ oneOf: tags.map((t) => branches[t]!.jsonSchema()) }),
    },
    opts,
  );
}

/** Any JSON value; for payloads whose shape is checked later (e.g. a spec). */
export function unknownValue(opts: { description?: string } = {}): Schema<unknown> {
  return withMeta(
    {
      kind: 'unknown',
      check(input) {
        return input;
      },
      jsonSchema: () => ({}),
    },
    opts,
  );
}

/** Adds a cross-field rule after the shape checks pass. */
export function refine<T>(schema: Schema<T>, rule: (value: T, path: string) => Issue[]): Schema<T> {
  return {
    ...schema,
    check(input, path, issues) {
      const value = schema.check(input, path, issues);
      if (value === undefined) return undefined;
      const extra = rule(value, path);
      if (extra.length > 0) {
        issues.push(...extra.map((i) => ({ path: label(i.path), message: i.message })));
        return undefined;
      }
      return value;
    },
  };
}

export function parse<T>(schema: Schema<T>, input: unknown): Parsed<T> {
  const issues: Issue[] = [];
  const value = schema.check(input, '', issues);
  if (issues.length > 0 || value === undefined) {
    return { ok: false, issues: issues.length > 0 ? issues : [{ path: '(root)', message: 'is required' }] };
  }
  return { ok: true, value };
}

export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
