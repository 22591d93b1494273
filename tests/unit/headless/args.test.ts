import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/headless/args';
import { printable, printableLines } from '../../../electron/headless/terminal-text';

const spec = { flags: ['json', 'help', 'retry-failed'], options: ['db', 'port'], aliases: { h: 'help' } };

describe('CLI arguments', () => {
  it('reads commands, flags and options in any order, with = or a separate value', () => {
    const args = parseArgs(['run', 'x.json', '--db=a.sqlite', '--json', '--port', '0'], spec);
    expect(args.positionals).toEqual(['run', 'x.json']);
    expect([...args.flags]).toEqual(['json']);
    expect(Object.fromEntries(args.options)).toEqual({ db: 'a.sqlite', port: '0' });
    expect([...parseArgs(['-h'], spec).flags]).toEqual(['help']);
    expect(parseArgs(['run', '--', '--not-an-option'], spec).positionals).toEqual(['run', '--not-an-option']);
  });

  it('refuses what it does not know, in words', () => {
    expect(() => parseArgs(['--bogus'], spec)).toThrow('Unknown option "--bogus"');
    expect(() => parseArgs(['--db'], spec)).toThrow('--db needs a value');
    expect(() => parseArgs(['--db', '--json'], spec)).toThrow('--db needs a value');
    expect(() => parseArgs(['--json=yes'], spec)).toThrow('--json takes no value');
  });
});

describe('text printed on a terminal', () => {
  it('shows escape sequences and bidi overrides as visible escapes', () => {
    expect(printable('a\u001b[2Jb\u202Ec\td\ne')).toBe('a\\u{1B}[2Jb\\u{202E}c d e');
    expect(printableLines('line one\nline\u0007 two')).toBe('line one\nline\\u{7} two');
  });
});
