/**
 * Field help from the spec's JSON Schema, in words: the field's description,
 * and what it takes ("an integer 1–1000, or a list of them · default 3").
 * The editor shows it on hover and on F1.
 */

export interface SchemaHelp {
  message: string;
  typeInfo: string;
}

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bounds the schema builders add so the JSON Schema has no ±2⁵³ noise; not worth saying. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function numberRange(schema: Schema): string {
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' && schema.maximum < UNBOUNDED ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return '';
}

/** What a value of `schema` is, in a few words. */
export function typeText(schema: Schema): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (Object.hasOwn(schema, 'const')) return JSON.stringify(schema.const);
  const options = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (options) {
    const [one, list] = options;
    // A grid axis: one value, or a list of the same.
    if (options.length === 2 && isSchema(one) && isSchema(list) && list.type === 'array' && JSON.stringify(list.items) === JSON.stringify(one)) {
      return `${typeText(one)}, or a list of them (each value its own cells)`;
    }
    return options.filter(isSchema).map(typeText).join('; or ');
  }
  switch (schema.type) {
    case 'integer':
      return `an integer${numberRange(schema)}`;
    case 'number':
      return `a number${numberRange(schema)}`;
    case 'string': {
      const max = typeof schema.maxLength === 'number' ? `, up to ${schema.maxLength} characters` : '';
      return `a string${max}`;
    }
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      if (items.type === 'integer') return `a list of integers${numberRange(items)}`;
      if (items.type === 'number') return `a list of numbers${numberRange(items)}`;
      if (items.type === 'string' && !Array.isArray(items.enum)) return 'a list of strings';
      const each = typeText(items);
      return each === '' ? 'a list' : `a list, each ${each}`;
    }
    case 'object':
      return 'an object';
    default:
      return '';
  }
}

/** The help for one field's schema. */
export function describeSchema(schema: Schema): SchemaHelp {
  const message = typeof schema.description === 'string' ? schema.description : '';
  const type = typeText(schema);
  const fallback = Object.hasOwn(schema, 'default') ? `default ${JSON.stringify(schema.default)}` : '';
  return { message, typeInfo: [type, fallback].filter((t) => t !== '').join(' · ') };
}
