/** Pure display formatting: numbers in, short strings out. No statistics here. */

const DASH = '—';

/** Seconds left, rounded to what a person reads at a glance: "12 s", "3 min", "1 h 20 min". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return DASH;
  if (seconds < 1) return '< 1 s';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Milliseconds as "840 ms", "1.2 s", "2.5 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A rate of trials per second. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return DASH;
  if (perSecond >= 100) return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
  if (perSecond >= 10) return `${perSecond.toFixed(1)}/s`;
  return `${perSecond.toFixed(2)}/s`;
}

/** A proportion in [0, 1] as "83.4%". */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  return `${(value * 100).toFixed(digits)}%`;
}

/** A confidence interval of proportions as "[79.1, 86.4]" (percent points). */
export function formatInterval(low: number | null, high: number | null): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return '';
  return `[${(low * 100).toFixed(1)}, ${(high * 100).toFixed(1)}]`;
}

/** A mean count, e.g. tokens or calls: "1,234" or "3.2". */
export function formatMean(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** An ISO timestamp as local "2025-11-24 23:52". */
export function formatTimestamp(iso: string | null): string {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Bytes as Ollama shows sizes: "815 MB", "2.0 GB" (decimal units). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return DASH;
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A transfer rate: "12.5 MB/s". */
export function formatBytesPerSecond(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return DASH;
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Tokens per second: "31.4". */
export function formatTokenRate(tokensPerSecond: number): string {
  if (!Number.isFinite(tokensPerSecond) || tokensPerSecond <= 0) return DASH;
  return tokensPerSecond >= 100 ? Math.round(tokensPerSecond).toLocaleString('en-US') : tokensPerSecond.toFixed(1);
}

const MINUS = '\u2212';

/** A signed difference of proportions in percentage points: "+6.0", "−4.5", "0.0". */
export function formatSignedPoints(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  const points = value * 100;
  const text = Math.abs(points).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${points > 0 ? '+' : MINUS}${text}`;
}

/** A difference with its interval, in points: "+6.0 points (−4.5 to +16.5)". */
export function formatDifference(value: number | null, low: number | null, high: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  const interval = low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high) ? '' : ` (${formatSignedPoints(low)} to ${formatSignedPoints(high)})`;
  return `${formatSignedPoints(value)} points${interval}`;
}

/** A p-value as people report it: "0.034", "0.20", "< 0.001". */
export function formatP(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  if (value < 0.001) return '< 0.001';
  if (value >= 0.995) return '1.00';
  return value < 0.1 ? value.toFixed(3) : value.toFixed(2);
}

/** An interval of differences, in signed points: "[−1.8, +16.8]". */
export function formatSignedInterval(low: number | null, high: number | null): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return '';
  return `[${formatSignedPoints(low)}, ${formatSignedPoints(high)}]`;
}
