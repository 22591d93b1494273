/**
 * Least squares for the USL, C(n) = γn / (1 + α(n − 1) + βn(n − 1)), with
 * α, β ≥ 0: Levenberg–Marquardt (ml-levenberg-marquardt, with the model's
 * analytic Jacobian) on C itself, the way R's usl package fits it (nls,
 * "port", bounds at 0).
 *
 * The bounds are met by an active set rather than by clamping each step
 * (clamping stalls where the optimum sits on a bound, as β = 0 often does):
 * the fit is first made with α and β free; if that optimum is feasible it
 * is the answer, otherwise the model is refitted on each face (β = 0, α = 0,
 * both 0) and the best feasible one kept. Every fit starts from Gunther's
 * linearisation, n/C − 1 = α(n − 1) + βn(n − 1), whose least-squares
 * solution is close enough that a few iterations converge.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';

export interface Coefficients {
  alpha: number;
  beta: number;
  /** The capacity at n = 1 (1 when capacities are relative to it). */
  gamma: number;
}

export function uslCapacity(n: number, alpha: number, beta: number, gamma = 1): number {
  return (gamma * n) / (1 + alpha * (n - 1) + beta * n * (n - 1));
}

/** Iterations of Levenberg–Marquardt from the linearised start; Gunther's ray tracer converges to 9 digits in 10. */
const ITERATIONS = 12;

type Face = 'free' | 'no-beta' | 'no-alpha' | 'neither';

/**
 * The least-squares α, β ≥ 0 (and γ > 0 when fitScale; else γ = 1) for
 * capacities y at sizes x. `start` (e.g. the fit to all the data, when this
 * is a bootstrap resample) is used when it fits better than the linearisation.
 */
export function solveUsl(x: readonly number[], y: readonly number[], fitScale: boolean, start: Coefficients | null = null): Coefficients {
  const gamma = fitScale ? scaleStart(x, y) : 1;
  const lin = linearised(x, y, gamma);
  const from = start && sse(x, y, start) < sse(x, y, lin) ? start : lin;
  const free = fitFace(x, y, 'free', from, fitScale);
  if (free.alpha >= 0 && free.beta >= 0 && free.gamma > 0 && sse(x, y, free) <= sse(x, y, from)) return free;
  const candidates = [from, ...(['no-beta', 'no-alpha', 'neither'] as const).map((face) => fitFace(x, y, face, from, fitScale))];
  return candidates.filter((c) => c.alpha >= 0 && c.beta >= 0 && c.gamma > 0).reduce((best, c) => (sse(x, y, c) < sse(x, y, best) ? c : best), from);
}

/**
 * Amdahl's law is the USL without coherency: with β = 0, C(n) = 1/(α + (1 − α)/n),
 * so the parallel fraction is p = 1 − α. The least-squares α within [0, 1]
 * (p within [0, 1]): the free optimum on the β = 0 face, or the better end.
 */
export function solveAmdahl(x: readonly number[], y: readonly number[], start: Coefficients | null = null): Coefficients {
  // The linearisation on the β = 0 face: n/C − 1 = α(n − 1), through the origin.
  const u = x.map((n) => n - 1);
  const uu = u.reduce((sum, ui) => sum + ui * ui, 0);
  const uz = u.reduce((sum, ui, i) => sum + ui * (x[i]! / y[i]! - 1), 0);
  const lin = uu > 0 ? Math.min(1, Math.max(0, uz / uu)) : 0;
  const from = { alpha: start ? Math.min(1, Math.max(0, start.alpha)) : lin, beta: 0, gamma: 1 };
  const free = fitFace(x, y, 'no-beta', from, false);
  const candidates = [from, { alpha: 0, beta: 0, gamma: 1 }, { alpha: 1, beta: 0, gamma: 1 }];
  if (free.alpha >= 0 && free.alpha <= 1) candidates.push(free);
  return candidates.reduce((best, c) => (sse(x, y, c) < sse(x, y, best) ? c : best));
}

export function sse(x: readonly number[], y: readonly number[], c: Coefficients): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (y[i]! - uslCapacity(x[i]!, c.alpha, c.beta, c.gamma)) ** 2;
  return sum;
}

function scaleStart(x: readonly number[], y: readonly number[]): number {
  const one = x.indexOf(1);
  return one >= 0 ? y[one]! : Math.max(...y.map((v, i) => v / x[i]!));
}

/**
 * Gunther's linearisation: γn/C − 1 = α(n − 1) + βn(n − 1), a regression
 * through the origin with α, β ≥ 0 (one that comes out negative is set to 0
 * and the other refitted alone).
 */
export function linearised(x: readonly number[], y: readonly number[], gamma: number): Coefficients {
  const u = x.map((n) => n - 1);
  const v = x.map((n) => n * (n - 1));
  const z = x.map((n, i) => (gamma * n) / y[i]! - 1);
  const dot = (p: readonly number[], q: readonly number[]) => p.reduce((s, pi, i) => s + pi * q[i]!, 0);
  const [uu, vv, uv, uz, vz] = [dot(u, u), dot(v, v), dot(u, v), dot(u, z), dot(v, z)];
  const det = uu * vv - uv * uv;
  let alpha = det > 0 ? (uz * vv - vz * uv) / det : -1;
  let beta = det > 0 ? (vz * uu - uz * uv) / det : 0;
  if (alpha < 0) {
    alpha = 0;
    beta = vv > 0 ? Math.max(0, vz / vv) : 0;
  } else if (beta < 0) {
    beta = 0;
    alpha = uu > 0 ? Math.max(0, uz / uu) : 0;
  }
  return { alpha, beta, gamma };
}

/**
 * The unconstrained optimum on one face of the bounds. Parameters are
 * searched on comparable scales (β as β·N², N the largest size; γ as a
 * multiple of its start) since the library damps every one alike.
 */
function fitFace(x: readonly number[], y: readonly number[], face: Face, start: Coefficients, fitScale: boolean): Coefficients {
  const betaScale = Math.max(...x) ** 2;
  const gammaScale = start.gamma > 0 ? start.gamma : 1;
  const hasAlpha = face === 'free' || face === 'no-beta';
  const hasBeta = face === 'free' || face === 'no-alpha';
  const unpack = (params: readonly number[]): Coefficients => {
    let k = 0;
    const alpha = hasAlpha ? params[k++]! : 0;
    const beta = hasBeta ? params[k++]! / betaScale : 0;
    const gamma = fitScale ? params[k]! * gammaScale : 1;
    return { alpha, beta, gamma };
  };
  const initial = [...(hasAlpha ? [start.alpha] : []), ...(hasBeta ? [start.beta * betaScale] : []), ...(fitScale ? [start.gamma / gammaScale] : [])];
  if (initial.length === 0) return { alpha: 0, beta: 0, gamma: 1 };
  const model = (params: number[]) => {
    const c = unpack(params);
    return (n: number) => uslCapacity(n, c.alpha, c.beta, c.gamma);
  };
  const jacobian = (params: number[]) => {
    const c = unpack(params);
    return (n: number) => {
      const d = 1 + c.alpha * (n - 1) + c.beta * n * (n - 1);
      const slope = (-c.gamma * n) / (d * d);
      return [
        ...(hasAlpha ? [slope * (n - 1)] : []),
        ...(hasBeta ? [(slope * n * (n - 1)) / betaScale] : []),
        ...(fitScale ? [(gammaScale * n) / d] : []),
      ];
    };
  };
  try {
    const result = levenbergMarquardt({ x: [...x], y: [...y] }, model, {
      initialValues: initial,
      jacobianFunction: jacobian,
      damping: 1e-2,
      maxIterations: ITERATIONS,
      // The library stops early only below an absolute error, which a fit with residuals never reaches: the iterations bound the work.
      errorTolerance: 0,
    });
    return unpack(result.parameterValues);
  } catch {
    // A singular step leaves the start as this face's answer (it is then compared on its error like any other).
    return { alpha: hasAlpha ? start.alpha : 0, beta: hasBeta ? start.beta : 0, gamma: start.gamma };
  }
}
