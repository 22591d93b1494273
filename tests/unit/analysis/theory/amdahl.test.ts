import { describe, expect, it } from 'vitest';
import { amdahlSpeedup, fitAmdahl } from '../../../../electron/core/analysis/theory/amdahl';
import { amdahlWords } from '../../../../electron/core/analysis/theory/words';
import { createRng } from '../../../../electron/core/util/random';

/** One item per size whose team latency makes the item's speedup exactly `speedup`. */
function fromSpeedups(rows: Array<[number, number]>) {
  return rows.flatMap(([n, speedup], i) => [
    { n: 1, itemIndex: i, latencyMs: 1000 },
    { n, itemIndex: i, latencyMs: 1000 / speedup },
  ]);
}

describe("Amdahl's law fitted to speedups", () => {
  it('matches a bounded least-squares reference', () => {
    // /usr/bin/python3: from scipy.optimize import least_squares; n = [2, 4, 8, 16]; s = [1.6, 2.4, 3.1, 3.4]
    //   least_squares(lambda p: s - 1/(1 - p[0] + p[0]/n), x0=[0.5], bounds=([0], [1]), xtol=1e-15, ftol=1e-15, gtol=1e-15).x
    //   → p = 0.7613959361913608, 1/(1 − p) = 4.191043455160938
    const fit = fitAmdahl(fromSpeedups([[2, 1.6], [4, 2.4], [8, 3.1], [16, 3.4]]), [1, 2, 64])!;
    expect(fit.p).toBeCloseTo(0.7613959361913608, 6);
    expect(fit.maxSpeedup!).toBeCloseTo(4.191043455160938, 4);
    expect(fit.curve.map((c) => c.n)).toEqual([1, 2, 64]);
    expect(fit.curve[0]!.value).toBe(1);
    expect(amdahlWords(fit, 'leader–worker')).toContain('no leader–worker team of any size is more than 4.2× faster than one agent');
  });

  it('recovers the parallel fraction of noisy latencies within its interval', () => {
    const rng = createRng(17);
    const p = 0.8;
    const points = [];
    for (let i = 0; i < 200; i++) {
      const work = 2000 * Math.exp(0.4 * rng.normal());
      for (let rep = 0; rep < 2; rep++) {
        points.push({ n: 1, itemIndex: i, latencyMs: work * Math.exp(0.1 * rng.normal()) });
        for (const n of [3, 5, 9]) points.push({ n, itemIndex: i, latencyMs: (work / amdahlSpeedup(n, p)) * Math.exp(0.1 * rng.normal()) });
      }
    }
    const fit = fitAmdahl(points, [1, 3, 5, 9, 17])!;
    expect(fit.pLow).toBeLessThan(p);
    expect(fit.pHigh).toBeGreaterThan(p);
    expect(fit.pHigh - fit.pLow).toBeLessThan(0.1);
    expect(fit.speedups.map((s) => s.n)).toEqual([3, 5, 9]);
    for (const s of fit.speedups) {
      expect(s.low).toBeLessThan(amdahlSpeedup(s.n, p) * 1.05);
      expect(s.high).toBeGreaterThan(amdahlSpeedup(s.n, p) * 0.95);
    }
  });

  it('says so when every team is slower than one agent, instead of inventing a parallel fraction', () => {
    const fit = fitAmdahl(fromSpeedups([[2, 0.35], [4, 0.33], [8, 0.21]]), [1, 2, 4, 8])!;
    expect(fit.p).toBe(0);
    expect(fit.rmse).toBeGreaterThan(0.5);
    expect(amdahlWords(fit, 'leader–worker')).toMatch(/^Every leader–worker team measured is slower than one agent \(at best 0\.35× at n = 2\)/);
  });

  it('needs the single agent as n = 1', () => {
    expect(fitAmdahl([{ n: 2, itemIndex: 0, latencyMs: 5 }, { n: 4, itemIndex: 0, latencyMs: 3 }], [1, 2])).toBeNull();
  });
});
