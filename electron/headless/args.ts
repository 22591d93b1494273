/**
 * The CLI's options, read with node:util's parseArgs (strict: an unknown
 * option is an error, never silently ignored), with messages in our words.
 */
import { parseArgs as parseNodeArgs } from 'node:util';

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export interface ArgSpec {
  flags: string[];
  options: string[];
  aliases?: Record<string, string>;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const shortFor = new Map(Object.entries(spec.aliases ?? {}).map(([short, long]) => [long, short]));
  const options: Record<string, { type: 'boolean' | 'string'; short?: string }> = {};
  for (const name of spec.flags) options[name] = { type: 'boolean', ...(shortFor.has(name) ? { short: shortFor.get(name)! } : {}) };
  for (const name of spec.options) options[name] = { type: 'string', ...(shortFor.has(name) ? { short: shortFor.get(name)! } : {}) };
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new Error(explain(error, spec));
  }
  const result: ParsedArgs = { positionals: parsed.positionals, flags: new Set(), options: new Map() };
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === true) result.flags.add(name);
    else if (typeof value === 'string') {
      if (value.startsWith('--')) throw new Error(`--${name} needs a value`);
      result.options.set(name, value);
    }
  }
  return result;
}

/** parseArgs' errors carry a code; say what was wrong in the CLI's own terms. */
function explain(error: unknown, spec: ArgSpec): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option "${option}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = option.replace(/^-+/, '');
      return spec.flags.includes(name) ? `--${name} takes no value` : `--${name} needs a value`;
    }
    default:
      return message;
  }
}
