/** The sandbox's limits, and how a request's overrides are checked. */
import type { SandboxLimits } from './types';

/**
 * Generous for the functions of a coding job (each test takes well under a
 * millisecond) and tight enough that an endless loop costs two seconds, a
 * memory bomb 64 MB, and a whole run at most a minute.
 */
export const DEFAULT_LIMITS: SandboxLimits = {
  testMs: 2_000,
  runMs: 60_000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 512 * 1024,
  outputChars: 4_000,
};

const BOUNDS: Record<keyof SandboxLimits, [number, number]> = {
  testMs: [10, 600_000],
  runMs: [100, 3_600_000],
  memoryBytes: [1024 * 1024, 1024 * 1024 * 1024],
  stackBytes: [64 * 1024, 64 * 1024 * 1024],
  outputChars: [200, 1_000_000],
};

/** The defaults with the request's overrides, each kept inside bounds a caller cannot mistake for "no limit". */
export function resolveLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(BOUNDS) as (keyof SandboxLimits)[]) {
    const value = overrides[key];
    if (value === undefined || !Number.isFinite(value)) continue;
    const [min, max] = BOUNDS[key];
    limits[key] = Math.min(max, Math.max(min, Math.round(value)));
  }
  return limits;
}
