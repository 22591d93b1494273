/**
 * The name a saved chart gets: its title and the experiment it comes from,
 * so a folder of exported figures reads like a list of figures
 * ("speedup-by-team-size--paper-amdahl-sim.svg"). Pure.
 */

/** Longest slug by default (an experiment's name in a file name). */
const MAX_PART = 60;
/**
 * A title gets more room: the panels of one figure share its title and differ
 * only at the end ("Speedup … — paper:gpt-5.2 · self-claim"), so cutting it
 * short would give two panels the same file name. 120 + 2 + 60 + 4 stays far
 * below the 255 bytes file systems allow.
 */
const MAX_TITLE = 120;

/** Lower-case words joined by hyphens, accents dropped, anything else a file system might refuse left out; at most `max` characters. */
export function slug(text: string, max = MAX_PART): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= max) return words;
  // Cut at a word boundary; a first word longer than the limit is cut inside.
  const kept: string[] = [];
  for (const word of words.split('-')) {
    if ([...kept, word].join('-').length > max) break;
    kept.push(word);
  }
  return kept.length > 0 ? kept.join('-') : words.slice(0, max);
}

export type ExportFormat = 'png' | 'svg';

/** "title--experiment.ext"; "chart" when the title has no letters or digits, no experiment part when there is none. */
export function chartFileName(title: string, experiment: string | null, format: ExportFormat): string {
  const name = slug(title, MAX_TITLE) || 'chart';
  const source = experiment === null ? '' : slug(experiment);
  return `${name}${source ? `--${source}` : ''}.${format}`;
}
