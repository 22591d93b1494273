/** Numbers as the recommendation's sentences write them. */

export function fmt(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** An accuracy as a percentage, e.g. "84.2%". */
export function percent(value: number): string {
  return `${fmt(value * 100, 1)}%`;
}

/** A difference in accuracy in points, signed, e.g. "+1.8 points". */
export function points(difference: number): string {
  const value = difference * 100;
  const shown = fmt(Math.abs(value), 1);
  return `${value < 0 && shown !== '0.0' ? '−' : '+'}${shown} points`;
}

/** An interval of a difference, in points, e.g. "−0.4 to +3.1". */
export function pointsRange(low: number, high: number): string {
  const one = (v: number) => {
    const shown = fmt(Math.abs(v * 100), 1);
    return `${v < 0 && shown !== '0.0' ? '−' : '+'}${shown}`;
  };
  return `${one(low)} to ${one(high)}`;
}

export function tokens(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} tokens`;
}

export function agents(n: number): string {
  return `${n} agent${n === 1 ? '' : 's'}`;
}
