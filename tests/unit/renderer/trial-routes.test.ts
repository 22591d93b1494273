/** Routes to a cell's trials and to one trial: the hash keeps the filter and the page, and bad hashes fall back safely. */
import { describe, expect, it } from 'vitest';
import { parseHash, routeHref, type Route } from '../../../renderer/src/state/routes';

describe('trial routes', () => {
  it('round-trips every route through its hash', () => {
    const routes: Route[] = [
      { view: 'experiments' },
      { view: 'experiment', id: 'exp 1/ä' },
      { view: 'cell', id: 'exp-1', cellIndex: 2, outcome: null, page: 0 },
      { view: 'cell', id: 'exp-1', cellIndex: 0, outcome: 'no_answer', page: 3 },
      { view: 'trial', id: 'exp-1', trialId: 17, from: { outcome: 'wrong', page: 1 } },
      { view: 'trial', id: 'exp-1', trialId: 17, from: { outcome: null, page: 0 } },
      { view: 'designer' },
      { view: 'models' },
    ];
    for (const route of routes) expect(parseHash(routeHref(route))).toEqual(route);
  });

  it('writes pages 1-based and leaves defaults out of the hash', () => {
    expect(routeHref({ view: 'cell', id: 'e', cellIndex: 1, outcome: null, page: 0 })).toBe('#/experiments/e/cells/1');
    expect(routeHref({ view: 'cell', id: 'e', cellIndex: 1, outcome: 'correct', page: 1 })).toBe('#/experiments/e/cells/1?outcome=correct&page=2');
    expect(routeHref({ view: 'trial', id: 'e', trialId: 9, from: { outcome: null, page: 0 } })).toBe('#/experiments/e/trials/9');
  });

  it('reads an unknown outcome or a bad page as the defaults, and a bad cell or trial as the experiment', () => {
    expect(parseHash('#/experiments/e/cells/1?outcome=maybe&page=zero')).toEqual({ view: 'cell', id: 'e', cellIndex: 1, outcome: null, page: 0 });
    expect(parseHash('#/experiments/e/cells/-1')).toEqual({ view: 'experiment', id: 'e' });
    expect(parseHash('#/experiments/e/trials/0')).toEqual({ view: 'experiment', id: 'e' });
    expect(parseHash('#/experiments/%E0%A4%A')).toEqual({ view: 'experiments' });
    expect(parseHash('#/nowhere')).toEqual({ view: 'experiments' });
  });
});
