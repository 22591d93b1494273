/**
 * The pattern the sim is built to show on coding teams (docs/sim-backend.md,
 * "Coding teams"), measured on the coding suite's own jobs as the docs
 * table measures it: pre-assigned teams near Amdahl at p = 0.9 and far below
 * it at p = 0.2, self-claiming teams below pre-assigned ones, and
 * asynchronous execution above rounds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amdahl, measureCodingSpeedups, type CodingSpeedups } from '../../../electron/core/backends/sim/doc-tables-coding';
import { closeSandbox } from '../../../electron/core/sandbox';

let measured: CodingSpeedups;
const n = 5;
const at = (mode: string, execution: string, p: number) => measured.speedup(mode, execution, p, n)!;

beforeAll(async () => {
  measured = await measureCodingSpeedups({ modes: ['preassign', 'self-claim'], executions: ['rounds', 'async'], sizes: [1, n] });
}, 120_000);
afterAll(() => closeSandbox());

describe('coding teams on the sim against Amdahl\'s law (n = 5)', () => {
  it('every run succeeds', () => {
    expect(measured.successes).toBe(measured.runs);
  });

  it('pre-assigned teams come near Amdahl at p = 0.9 and gain nothing at p = 0.2', () => {
    expect(at('preassign', 'rounds', 0.9)).toBeGreaterThan(0.8 * amdahl(0.9, n));
    expect(at('preassign', 'rounds', 0.2)).toBeLessThan(1);
  });

  it('self-claiming teams stay below pre-assigned ones at every p', () => {
    for (const p of [0.2, 0.5, 0.9]) for (const execution of ['rounds', 'async']) expect(at('self-claim', execution, p), `p = ${p}, ${execution}`).toBeLessThan(at('preassign', execution, p));
  });

  it('asynchronous execution beats rounds with a barrier at every p', () => {
    for (const p of [0.2, 0.5, 0.9]) for (const mode of ['preassign', 'self-claim']) expect(at(mode, 'async', p), `p = ${p}, ${mode}`).toBeGreaterThan(at(mode, 'rounds', p));
  });
});
