/** How the space-time diagram draws each call status: colour plus a second cue (pattern, dashes, text), never colour alone. */
import type { CallStatus } from '../../../shared/domain/trials';
import type { AnswerTone, MarkerTone } from './space-time';

export interface StatusStyle {
  fill: string;
  stroke: string;
  /** stroke-dasharray, or null for a solid outline. */
  dash: string | null;
  /** A fill pattern drawn over the colour: diagonal hatching or a cross. */
  pattern: 'hatch' | 'cross' | null;
}

export const CALL_STATUS_STYLE: Record<CallStatus, StatusStyle> = {
  ok: { fill: '#0072B2', stroke: '#00507e', dash: null, pattern: null },
  error: { fill: '#D55E00', stroke: '#9c4500', dash: null, pattern: 'hatch' },
  timeout: { fill: '#E69F00', stroke: '#946600', dash: '4 2', pattern: null },
  crashed: { fill: '#2b2f36', stroke: '#000000', dash: null, pattern: 'cross' },
  cancelled: { fill: '#ffffff', stroke: '#7d858e', dash: '3 2', pattern: null },
};

export const TONE_INK: Record<AnswerTone, string> = {
  correct: '#2c6e3f',
  wrong: '#a52a2a',
  none: '#36404d',
};

export const MARKER_FILL: Record<MarkerTone, string> = {
  fault: '#c0392b',
  info: '#6a3d9a',
};
