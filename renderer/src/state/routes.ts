/**
 * The app's routes and their hashes, as pure functions (the Router in
 * router.svelte.ts follows the address bar with them). A trial list keeps its
 * filter and page in the hash, so the back button and a shared link return to
 * the same page; a trial keeps the list it was opened from for its back link.
 */
import { TRIAL_OUTCOMES, type TrialOutcome } from '../../../shared/domain/trials';

/** Where a trial list stands: which outcome it shows (null: all) and which page (0-based). */
export interface TrialListPosition {
  outcome: TrialOutcome | null;
  page: number;
}

export type Route =
  | { view: 'experiments' }
  | { view: 'experiment'; id: string }
  | ({ view: 'cell'; id: string; cellIndex: number } & TrialListPosition)
  /** `from`: the list position the trial was opened from, for its back link. */
  | { view: 'trial'; id: string; trialId: number; from: TrialListPosition }
  | { view: 'designer' }
  | { view: 'models' };

const HOME: Route = { view: 'experiments' };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function wholeNumber(text: string | null | undefined, min: number): number | null {
  if (text === null || text === undefined || !/^\d{1,9}$/.test(text)) return null;
  const value = Number(text);
  return value >= min ? value : null;
}

function outcomeOf(text: string | null): TrialOutcome | null {
  return (TRIAL_OUTCOMES as readonly string[]).includes(text ?? '') ? (text as TrialOutcome) : null;
}

/** Page numbers in the hash are 1-based, as people read them. */
function positionOf(query: URLSearchParams): TrialListPosition {
  return { outcome: outcomeOf(query.get('outcome')), page: (wholeNumber(query.get('page'), 1) ?? 1) - 1 };
}

function positionQuery(position: TrialListPosition): string {
  const query = new URLSearchParams();
  if (position.outcome) query.set('outcome', position.outcome);
  if (position.page > 0) query.set('page', String(position.page + 1));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

export function parseHash(hash: string): Route {
  const whole = hash.replace(/^#\/?/, '');
  const mark = whole.indexOf('?');
  const path = mark === -1 ? whole : whole.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? '' : whole.slice(mark + 1));
  if (path === 'models') return { view: 'models' };
  if (path === 'designer') return { view: 'designer' };
  const parts = path.split('/');
  if (parts[0] !== 'experiments' || parts[1] === undefined || parts[1] === '') return HOME;
  const id = decode(parts[1]);
  if (id === null) return HOME;
  if (parts.length === 2) return { view: 'experiment', id };
  if (parts.length === 4 && parts[2] === 'cells') {
    const cellIndex = wholeNumber(parts[3], 0);
    if (cellIndex !== null) return { view: 'cell', id, cellIndex, ...positionOf(query) };
  }
  if (parts.length === 4 && parts[2] === 'trials') {
    const trialId = wholeNumber(parts[3], 1);
    if (trialId !== null) return { view: 'trial', id, trialId, from: positionOf(query) };
  }
  return { view: 'experiment', id };
}

export function routeHref(route: Route): string {
  switch (route.view) {
    case 'experiment':
      return `#/experiments/${encodeURIComponent(route.id)}`;
    case 'cell':
      return `#/experiments/${encodeURIComponent(route.id)}/cells/${route.cellIndex}${positionQuery(route)}`;
    case 'trial':
      return `#/experiments/${encodeURIComponent(route.id)}/trials/${route.trialId}${positionQuery(route.from)}`;
    case 'designer':
      return '#/designer';
    case 'models':
      return '#/models';
    default:
      return '#/';
  }
}
