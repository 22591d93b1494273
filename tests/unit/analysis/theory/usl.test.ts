import { describe, expect, it } from 'vitest';
import { fitUsl, uslCapacity, uslPeak } from '../../../../electron/core/analysis/theory/usl';
import { createRng } from '../../../../electron/core/util/random';
import { uslWords } from '../../../../electron/core/analysis/theory/words';

/**
 * Gunther's ray-tracer benchmark (Guerrilla Capacity Planning, 2007, ch. 5),
 * as shipped in R's usl package (data/raytracer.rda of smoeding/usl 3.0.3):
 * ray–geometry intersections per second on an SGI Origin 2000 by processors.
 */
const RAYTRACER: Array<[number, number]> = [
  [1, 20], [4, 78], [8, 130], [12, 170], [16, 190], [20, 200], [24, 210], [28, 230], [32, 260], [48, 280], [64, 310],
];

const asPoints = (rows: Array<[number, number]>, scale = 1) => rows.map(([n, x], i) => ({ n, itemIndex: i, capacity: x / scale }));

describe('the USL against published and reference fits', () => {
  it('reproduces R usl\'s documented coefficients for the first six ray-tracer points', () => {
    // smoeding/usl, tests/confint.Rout.save: usl(throughput ~ processors, data = raytracer[1:6, ])
    // gives alpha 0.02444, beta 0.00163, gamma 20.85605 (γ fitted with the throughputs).
    const fit = fitUsl(asPoints(RAYTRACER.slice(0, 6)), [1, 8], { fitScale: true })!;
    expect(fit.alpha).toBeCloseTo(0.02444, 5);
    expect(fit.beta).toBeCloseTo(0.00163, 5);
    expect(fit.gamma).toBeCloseTo(20.85605, 4);
  });

  it('fits C = X/X(1) by nonlinear least squares as R\'s nls does, not by the linearised form', () => {
    // Rscript: load("raytracer.rda"); d$C <- d$throughput / 20
    //   nls(C ~ processors/(1 + alpha*(processors-1) + beta*processors*(processors-1)), data = d,
    //       start = c(alpha = 0.01, beta = 0.0001), algorithm = "port", lower = c(0, 0), upper = c(1, 1))
    // → alpha 0.04979728, beta 1.143442e-05, n* = sqrt((1 - alpha)/beta) = 288.271.
    // (Gunther's linearisation, lm(n/C − 1 ~ 0 + x + I(x²)), gives beta 4.708e-06: half as much.)
    const fit = fitUsl(asPoints(RAYTRACER, 20), [1, 64, 288])!;
    expect(fit.alpha).toBeCloseTo(0.04979728, 6);
    expect(fit.beta / 1.143442e-5).toBeCloseTo(1, 4);
    expect(fit.peak!).toBeCloseTo(288.271, 1);
    expect(fit.alphaLow).toBeLessThanOrEqual(fit.alpha);
    expect(fit.alphaHigh).toBeGreaterThanOrEqual(fit.alpha);
    expect(fit.curve.find((p) => p.n === 64)!.value).toBeCloseTo(uslCapacity(64, 0.04979728, 1.143442e-5), 4);
    expect(uslWords(fit, 'ray tracer', 'speed')).toMatch(/^Past n\* = 288 agents \(\d+ to .+\) the ray tracer gets slower: α = 0\.05 \(/);
  });

  it('finds the optimum on a bound (β = 0) where clamping each step would stall', () => {
    // Rscript: nls(throughput ~ (gamma*processors)/(1 + alpha*(processors-1) + beta*processors*(processors-1)),
    //   data = raytracer, start = c(gamma = 20, alpha = 0.01, beta = 0.0001), algorithm = "port",
    //   lower = c(0, 0, 0), upper = c(Inf, 1, 1)) → gamma 21.84884, alpha 0.05777078, beta 0 (deviance 697.2378).
    const fit = fitUsl(asPoints(RAYTRACER), [1], { fitScale: true })!;
    expect(fit.beta).toBe(0);
    expect(fit.alpha).toBeCloseTo(0.05777078, 5);
    expect(fit.gamma).toBeCloseTo(21.84884, 3);
    expect(fit.peak).toBeNull();
  });

  it('recovers α = β = 0.02 from the usl package\'s coefficient test data', () => {
    // smoeding/usl, tests/coef.Rout.save: load 1, 2, 4, 6, 8, 10; tput 1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557 → alpha 0.02, beta 0.02.
    const rows: Array<[number, number]> = [[1, 1], [2, 1.8868], [4, 3.0769], [6, 3.5294], [8, 3.5398], [10, 3.3557]];
    const fit = fitUsl(asPoints(rows), [1])!;
    expect(fit.alpha).toBeCloseTo(0.02, 3);
    expect(fit.beta).toBeCloseTo(0.02, 3);
    expect(fit.peak!).toBeCloseTo(Math.sqrt(0.98 / 0.02), 1);
  });
});

describe('the USL on noisy per-item measurements', () => {
  // 300 items at each size, each item's capacity the law's value times lognormal noise (mean 1) shared by the item.
  function measurements(alpha: number, beta: number, seed: number) {
    const rng = createRng(seed);
    const points: Array<{ n: number; itemIndex: number; capacity: number }> = [];
    const itemEffect = Array.from({ length: 300 }, () => Math.exp(0.2 * rng.normal() - 0.02));
    for (const n of [2, 4, 8, 16]) {
      for (let i = 0; i < 300; i++) points.push({ n, itemIndex: i, capacity: uslCapacity(n, alpha, beta) * itemEffect[i]! * Math.exp(0.1 * rng.normal() - 0.005) });
    }
    return points;
  }

  it('brackets the true coefficients and peak with its bootstrap intervals, the same on every call', () => {
    const points = measurements(0.1, 0.01, 3);
    const fit = fitUsl(points, [1, 2, 4, 8, 16, 32])!;
    expect(fit.alphaLow).toBeLessThan(0.1);
    expect(fit.alphaHigh).toBeGreaterThan(0.1);
    expect(fit.betaLow).toBeLessThan(0.01);
    expect(fit.betaHigh).toBeGreaterThan(0.01);
    const truePeak = uslPeak(0.1, 0.01)!;
    expect(fit.peakLow!).toBeLessThan(truePeak);
    expect(fit.peakHigh!).toBeGreaterThan(truePeak);
    for (const p of fit.curve) expect(p.low).toBeLessThanOrEqual(p.value + 1e-12);
    expect(fitUsl(points, [1, 2, 4, 8, 16, 32])).toEqual(fit);
  });

  it('calls a flat cost flat, even where a tiny β puts a peak on it', () => {
    // A vote: every agent spends one agent's tokens, so C(n) = n × one agent's tokens / the team's ≈ 1 at every size.
    const rng = createRng(8);
    const points = [3, 5, 9].flatMap((n) => Array.from({ length: 100 }, (_, i) => ({ n, itemIndex: i, capacity: Math.exp(0.05 * rng.normal()) })));
    const fit = fitUsl(points, [1, 3, 5, 9, 18])!;
    expect(fit.alpha).toBeGreaterThan(0.9);
    expect(uslWords(fit, 'vote', 'cost')).toMatch(/^Every agent of the vote costs about a whole agent's tokens or more: the team buys no more work per token than one agent/);
  });

  it('cannot fit two coefficients to one size besides the single agent', () => {
    expect(fitUsl([{ n: 1, itemIndex: 0, capacity: 1 }, { n: 4, itemIndex: 0, capacity: 2 }], [1, 4])).toBeNull();
  });
});
