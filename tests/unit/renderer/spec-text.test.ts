/** The Designer's pure helpers: where a JSON mistake is, and how big a spec's grid is. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSpec, parseSpecText, summarizeSpec } from '../../../renderer/src/state/spec-text';

const quickstart = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'quickstart.json'), 'utf8');

describe('spec text', () => {
  it('parses valid JSON and round-trips through the formatter', () => {
    const parsed = parseSpecText(quickstart);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.parse(formatSpec(parsed.value))).toEqual(parsed.value);
  });

  it('points at a missing comma where it belongs', () => {
    const parsed = parseSpecText('{\n  "name": "x"\n  "seed": 1\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.line).toBe(2);
    expect(parsed.error.message).toContain('","');
  });

  it('counts cells, trials and calls the way the lab plans them', () => {
    expect(summarizeSpec(JSON.parse(quickstart))).toEqual({ cells: 4, models: 1, items: 40, repetitions: 2, trials: 320, callsPerRepetition: 720 });
    const twoModels = { ...JSON.parse(quickstart), agents: { models: ['sim:default', 'sim:weak'] } };
    expect(summarizeSpec(twoModels)).toMatchObject({ cells: 8, trials: 640, callsPerRepetition: 1440 });
  });
});
