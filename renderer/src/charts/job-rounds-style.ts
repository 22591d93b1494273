/**
 * How the rounds view draws each kind of action: a shape and a colour for
 * each, and a cross over every refused, blocked or failed one, so neither
 * colour nor shape alone carries the meaning. Written as SVG attributes so a
 * saved copy looks the same outside the app.
 */
import type { GlyphKind } from './job-rounds';

export interface GlyphStyle {
  shape: 'square' | 'triangle' | 'circle' | 'diamond' | 'arrow-right' | 'arrow-left';
  fill: string;
}

export const GLYPH_STYLE: Record<GlyphKind, GlyphStyle> = {
  edit: { shape: 'square', fill: '#0072B2' },
  'lock-denied': { shape: 'square', fill: '#c0392b' },
  claim: { shape: 'triangle', fill: '#CC79A7' },
  'claim-blocked': { shape: 'triangle', fill: '#c0392b' },
  'claim-refused': { shape: 'triangle', fill: '#c0392b' },
  assign: { shape: 'arrow-right', fill: '#56B4E9' },
  steal: { shape: 'arrow-left', fill: '#56B4E9' },
  complete: { shape: 'circle', fill: '#009E73' },
  'complete-refused': { shape: 'circle', fill: '#c0392b' },
  tests: { shape: 'diamond', fill: '#009E73' },
  'tests-failed': { shape: 'diamond', fill: '#c0392b' },
};

export const ROUNDS_INK = '#36404d';
export const ROUNDS_MUTED = '#6b7480';
export const TURN_FILL = '#0072B2';
export const TURN_STROKE = '#00507e';
export const TURN_FAILED_FILL = '#D55E00';
export const BAND_FILL = ['#ffffff', '#f6f3ec'] as const;
export const BARRIER_STROKE = '#6a3d9a';
export const WAIT_STROKE = '#8a929b';
export const PASS_INK = '#2c6e3f';
export const FAIL_INK = '#a52a2a';

/** The path of a glyph of `size` centred on (x, y). */
export function glyphPath(shape: GlyphStyle['shape'], x: number, y: number, size: number): string {
  const h = size / 2;
  switch (shape) {
    case 'square':
      return `M ${x - h} ${y - h} H ${x + h} V ${y + h} H ${x - h} Z`;
    case 'triangle':
      return `M ${x} ${y - h - 0.5} L ${x + h + 0.5} ${y + h} L ${x - h - 0.5} ${y + h} Z`;
    case 'diamond':
      return `M ${x} ${y - h - 1} L ${x + h + 1} ${y} L ${x} ${y + h + 1} L ${x - h - 1} ${y} Z`;
    case 'arrow-right':
      return `M ${x - h} ${y - h} L ${x + h} ${y} L ${x - h} ${y + h} Z`;
    case 'arrow-left':
      return `M ${x + h} ${y - h} L ${x - h} ${y} L ${x + h} ${y + h} Z`;
    case 'circle':
      return `M ${x - h} ${y} A ${h} ${h} 0 1 0 ${x + h} ${y} A ${h} ${h} 0 1 0 ${x - h} ${y} Z`;
  }
}

/** The cross drawn over a refused, blocked or failed action. */
export function crossPath(x: number, y: number, size: number): string {
  const h = size / 2 - 1;
  return `M ${x - h} ${y - h} L ${x + h} ${y + h} M ${x + h} ${y - h} L ${x - h} ${y + h}`;
}
