/**
 * The <meta> CSP in renderer/index.html must be as strict as the header
 * (CONTENT_SECURITY_POLICY): same directives, same sources, so the two can't
 * drift. Directives a <meta> policy cannot carry are the only difference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../shared/contract/security';

const html = readFileSync(join(import.meta.dirname, '..', '..', '..', 'renderer', 'index.html'), 'utf8');

/** Per the CSP spec, user agents ignore these in a <meta> policy; only the header enforces them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

type Policy = Map<string, string[]>;

function parsePolicy(policy: string): Policy {
  const directives: Policy = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    // The spec keeps only the first occurrence of a repeated directive.
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, [...sources].sort());
  }
  return directives;
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) found.set(match[1]!.toLowerCase(), match[2]!);
  return found;
}

// Comments are dropped first so a commented-out tag can't pass for the real one.
const live = html.replace(/<!--[\s\S]*?-->/g, '');
const cspMetas = [...live.matchAll(/<meta\b[^>]*>/gi)]
  .map((match) => ({ index: match.index, attrs: attributes(match[0]) }))
  .filter(({ attrs }) => attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');

describe('renderer/index.html CSP meta', () => {
  it('has exactly one CSP meta tag, before any script', () => {
    expect(cspMetas).toHaveLength(1);
    // A meta policy only governs what comes after it.
    const firstScript = live.search(/<script\b/i);
    expect(firstScript).toBeGreaterThan(-1);
    expect(cspMetas[0]!.index).toBeLessThan(firstScript);
  });

  it('carries every directive of the header, except header-only ones, with the same sources', () => {
    const meta = parsePolicy(cspMetas[0]!.attrs.get('content') ?? '');
    const header = parsePolicy(CONTENT_SECURITY_POLICY);
    const expected = new Map([...header].filter(([name]) => !HEADER_ONLY.has(name)));
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(expected));
  });

  it('leaves header-only directives to the header, which does carry them', () => {
    const meta = parsePolicy(cspMetas[0]!.attrs.get('content') ?? '');
    for (const name of HEADER_ONLY) expect(meta.has(name), name).toBe(false);
    expect(parsePolicy(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
  });
});
