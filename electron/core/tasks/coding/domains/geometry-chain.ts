/** Geometry: from a list of points in text to the outline of a shape, each step built on the one before it. */
import { written, type CatalogueFunction } from '../catalogue';

const TRIANGLE = "'0,0 4,0 4,3'";
const CLOCKWISE = "'0,0 4,3 4,0'";
const SQUARE = "'0,0 2,0 2,2 0,2'";
const RECTANGLE = "'0,0 4,0 4,2 0,2'";
const FIT = 'Math.hypot(2, 1)';

export const GEOMETRY_CHAIN: CatalogueFunction[] = [
  written(
    'parsePoints',
    'parsePoints(text) -> number[][]. Points written as "x,y" pairs separated by white space, e.g. "0,0 3,4" -> [[0, 0], [3, 4]]; [] for a blank text; throws a SyntaxError for anything that is not exactly two numbers.',
    [],
    `export function parsePoints(text) {
  const pairs = text.trim() === '' ? [] : text.trim().split(/\\s+/);
  return pairs.map((pair) => {
    const parts = pair.split(',');
    const point = parts.map(Number);
    if (parts.length !== 2 || parts.some((part) => part.trim() === '') || !point.every(Number.isFinite)) throw new SyntaxError(\`not a point: \${pair}\`);
    return point;
  });
}`,
    [
      ['reads two points', "assert.deepEqual(parsePoints('0,0 3,4'), [[0, 0], [3, 4]]);"],
      ['reads decimals and negatives', "assert.deepEqual(parsePoints('  1.5,-2\\n'), [[1.5, -2]]);"],
      ['reads nothing', "assert.deepEqual(parsePoints(''), []);"],
      ['refuses three numbers', "assert.throws(() => parsePoints('1,2,3'), SyntaxError);"],
      ['refuses words and gaps', "assert.throws(() => parsePoints('1,x'), SyntaxError); assert.throws(() => parsePoints('1,'), SyntaxError);"],
    ],
    [{ mistake: 'accepts a pair with too many numbers', from: 'parts.length !== 2 || ', to: '' }],
  ),
  written(
    'roundPoints',
    'roundPoints(text, places) -> number[][]. parsePoints(text) with every coordinate rounded (half up) to `places` decimals.',
    ['parsePoints'],
    `export function roundPoints(text, places) {
  const factor = 10 ** places;
  return parsePoints(text).map((point) => point.map((v) => Math.round(v * factor) / factor));
}`,
    [
      ['to one decimal', "assert.deepEqual(roundPoints('1.234,5.678', 1), [[1.2, 5.7]]);"],
      ['to whole numbers', "assert.deepEqual(roundPoints('1.25,0 0.5,-0.4', 0), [[1, 0], [1, 0]]);"],
      ['keeps the points apart', "assert.deepEqual(roundPoints('1,2 3,4', 2), [[1, 2], [3, 4]]);"],
    ],
    [{ mistake: 'cuts the decimals off instead of rounding', from: 'Math.round(v * factor)', to: 'Math.trunc(v * factor)' }],
  ),
  written(
    'dropDuplicates',
    'dropDuplicates(text, places) -> number[][]. roundPoints(text, places) without a point equal to the one right before it.',
    ['roundPoints'],
    `export function dropDuplicates(text, places) {
  const kept = [];
  for (const point of roundPoints(text, places)) {
    const last = kept[kept.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) kept.push(point);
  }
  return kept;
}`,
    [
      ['drops repeats in a row only', "assert.deepEqual(dropDuplicates('0,0 0,0 1,1 1,1 0,0', 0), [[0, 0], [1, 1], [0, 0]]);"],
      ['after rounding', "assert.deepEqual(dropDuplicates('0,0 0.01,0', 1), [[0, 0]]);"],
      ['compares both coordinates', "assert.deepEqual(dropDuplicates('0,0 0,1 0,1', 0), [[0, 0], [0, 1]]);"],
    ],
    [{ mistake: 'compares only the x coordinates', from: 'last[0] !== point[0] || last[1] !== point[1]', to: 'last[0] !== point[0]' }],
  ),
  written(
    'dropCollinear',
    'dropCollinear(text, places) -> number[][]. dropDuplicates(text, places) without the points that lie on the straight line through the last point kept and the next point (the first and last points stay).',
    ['dropDuplicates'],
    `export function dropCollinear(text, places) {
  const points = dropDuplicates(text, places);
  const kept = [];
  for (let i = 0; i < points.length; i++) {
    const next = points[i + 1];
    if (kept.length > 0 && next) {
      const [ax, ay] = kept[kept.length - 1];
      const [bx, by] = points[i];
      if ((bx - ax) * (next[1] - by) - (by - ay) * (next[0] - bx) === 0) continue;
    }
    kept.push(points[i]);
  }
  return kept;
}`,
    [
      ['drops a point on a diagonal', "assert.deepEqual(dropCollinear('0,0 1,1 2,2 2,0', 0), [[0, 0], [2, 2], [2, 0]]);"],
      ['drops a run of points', "assert.deepEqual(dropCollinear('0,0 1,0 2,0 3,0', 0), [[0, 0], [3, 0]]);"],
      ['keeps a corner', "assert.deepEqual(dropCollinear('0,0 1,0 1,1', 0), [[0, 0], [1, 0], [1, 1]]);"],
    ],
    [{ mistake: 'gets the sign of the cross product wrong', from: ' - (by - ay) * (next[0] - bx)', to: ' + (by - ay) * (next[0] - bx)' }],
  ),
  written(
    'closeRing',
    'closeRing(text, places) -> number[][]. The points of dropCollinear(text, places) as a closed ring: the first point repeated at the end (not twice if it is already there); throws a RangeError when fewer than three corners are left.',
    ['dropCollinear'],
    `export function closeRing(text, places) {
  const points = dropCollinear(text, places);
  const first = points[0];
  const last = points[points.length - 1];
  const open = first && last && points.length > 1 && first[0] === last[0] && first[1] === last[1] ? points.slice(0, -1) : points;
  if (open.length < 3) throw new RangeError('a ring needs at least three corners');
  return [...open, open[0]];
}`,
    [
      ['closes a triangle', `assert.deepEqual(closeRing(${TRIANGLE}, 0), [[0, 0], [4, 0], [4, 3], [0, 0]]);`],
      ['does not close a closed ring twice', "assert.deepEqual(closeRing('0,0 4,0 4,3 0,0', 0), [[0, 0], [4, 0], [4, 3], [0, 0]]);"],
      ['refuses two points', "assert.throws(() => closeRing('0,0 1,1', 0), RangeError);"],
      ['refuses a flat shape', "assert.throws(() => closeRing('0,0 2,2 4,4', 0), RangeError);"],
    ],
    [{ mistake: 'repeats the first point even when the ring is already closed', from: '? points.slice(0, -1) : points', to: '? points : points' }],
  ),
  written(
    'signedArea',
    'signedArea(text, places) -> number. The area of the ring closeRing(text, places) by the shoelace formula: positive when its corners go counter-clockwise, negative when clockwise.',
    ['closeRing'],
    `export function signedArea(text, places) {
  const ring = closeRing(text, places);
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}`,
    [
      ['of a counter-clockwise triangle', `assert.equal(signedArea(${TRIANGLE}, 0), 6);`],
      ['of a clockwise triangle', `assert.equal(signedArea(${CLOCKWISE}, 0), -6);`],
      ['of a square with an extra point on a side', "assert.equal(signedArea('0,0 1,0 2,0 2,2 0,2', 0), 4);"],
    ],
    [{ mistake: 'forgets to halve the sum', from: 'return sum / 2;', to: 'return sum;' }],
  ),
  written(
    'orientRing',
    'orientRing(text, places) -> number[][]. The ring closeRing(text, places), reversed when signedArea(text, places) is negative, so that it always runs counter-clockwise.',
    ['signedArea', 'closeRing'],
    `export function orientRing(text, places) {
  const ring = closeRing(text, places);
  return signedArea(text, places) < 0 ? ring.reverse() : ring;
}`,
    [
      ['reverses a clockwise ring', `assert.deepEqual(orientRing(${CLOCKWISE}, 0), [[0, 0], [4, 0], [4, 3], [0, 0]]);`],
      ['keeps a counter-clockwise ring', `assert.deepEqual(orientRing(${TRIANGLE}, 0), [[0, 0], [4, 0], [4, 3], [0, 0]]);`],
    ],
    [{ mistake: 'reverses the counter-clockwise rings instead', from: 'signedArea(text, places) < 0', to: 'signedArea(text, places) > 0' }],
  ),
  written(
    'ringCentroid',
    'ringCentroid(text, places) -> [x, y]. The centre of mass of the area inside orientRing(text, places): the sums of (x0 + x1)·c and (y0 + y1)·c over its edges, where c = x0·y1 − x1·y0, each divided by 6 × |signedArea(text, places)|.',
    ['orientRing', 'signedArea'],
    `export function ringCentroid(text, places) {
  const ring = orientRing(text, places);
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  const scale = 6 * Math.abs(signedArea(text, places));
  return [cx / scale, cy / scale];
}`,
    [
      ['of a square', `assert.deepEqual(ringCentroid(${SQUARE}, 0), [1, 1]);`],
      ['of a triangle', `const [x, y] = ringCentroid(${TRIANGLE}, 0); assert.close(x, 8 / 3); assert.close(y, 1);`],
      ['of a clockwise triangle', `const [x, y] = ringCentroid(${CLOCKWISE}, 0); assert.close(x, 8 / 3); assert.close(y, 1);`],
    ],
    [
      { mistake: 'uses the signed area, so a clockwise ring\'s centre flips', from: 'Math.abs(signedArea(text, places))', to: 'signedArea(text, places)' },
      { mistake: 'divides by 3 × the area instead of 6 ×', from: 'const scale = 6 *', to: 'const scale = 3 *' },
    ],
  ),
  written(
    'centerRing',
    'centerRing(text, places) -> number[][]. orientRing(text, places) moved so that its centroid (ringCentroid) is at the origin.',
    ['ringCentroid', 'orientRing'],
    `export function centerRing(text, places) {
  const [cx, cy] = ringCentroid(text, places);
  return orientRing(text, places).map(([x, y]) => [x - cx, y - cy]);
}`,
    [
      ['centres a square', `assert.deepEqual(centerRing(${SQUARE}, 0), [[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]);`],
      ['centres a rectangle', `assert.deepEqual(centerRing(${RECTANGLE}, 0), [[-2, -1], [2, -1], [2, 1], [-2, 1], [-2, -1]]);`],
    ],
    [{ mistake: 'adds the centroid instead of subtracting it', from: '[x - cx, y - cy]', to: '[x + cx, y + cy]' }],
  ),
  written(
    'ringRadius',
    'ringRadius(text, places) -> number. The largest distance from the origin of a point of centerRing(text, places).',
    ['centerRing'],
    `export function ringRadius(text, places) {
  return Math.max(...centerRing(text, places).map(([x, y]) => Math.hypot(x, y)));
}`,
    [
      ['of a square', `assert.close(ringRadius(${SQUARE}, 0), Math.SQRT2);`],
      ['of a triangle', `assert.close(ringRadius(${TRIANGLE}, 0), Math.hypot(8 / 3, 1));`],
    ],
    [{ mistake: 'takes the smallest distance', from: 'Math.max(', to: 'Math.min(' }],
  ),
  written(
    'fitRing',
    'fitRing(text, places, size) -> number[][]. centerRing(text, places) scaled by size / ringRadius(text, places), so that its farthest point is `size` from the origin.',
    ['ringRadius', 'centerRing'],
    `export function fitRing(text, places, size) {
  const factor = size / ringRadius(text, places);
  return centerRing(text, places).map(([x, y]) => [x * factor, y * factor]);
}`,
    [
      ['keeps a rectangle that fits', `assert.deepEqual(fitRing(${RECTANGLE}, 0, ${FIT}), [[-2, -1], [2, -1], [2, 1], [-2, 1], [-2, -1]]);`],
      ['shrinks a square', `const [[x, y]] = fitRing(${SQUARE}, 0, 1); assert.close(x, -Math.SQRT1_2); assert.close(y, -Math.SQRT1_2);`],
      ['grows a triangle', `const ring = fitRing(${TRIANGLE}, 0, 10); assert.close(Math.max(...ring.map(([x, y]) => Math.hypot(x, y))), 10);`],
    ],
    [{ mistake: 'divides the radius by the size instead of the size by the radius', from: 'size / ringRadius(text, places)', to: 'ringRadius(text, places) / size' }],
  ),
  written(
    'ringBounds',
    'ringBounds(text, places, size) -> {minX, minY, maxX, maxY}. The bounding box of fitRing(text, places, size).',
    ['fitRing'],
    `export function ringBounds(text, places, size) {
  const ring = fitRing(text, places, size);
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}`,
    [
      ['of a rectangle', `assert.deepEqual(ringBounds(${RECTANGLE}, 0, ${FIT}), { minX: -2, minY: -1, maxX: 2, maxY: 1 });`],
      ['of a wide rectangle', "assert.deepEqual(ringBounds('0,0 6,0 6,2 0,2', 0, Math.hypot(3, 1)), { minX: -3, minY: -1, maxX: 3, maxY: 1 });"],
    ],
    [{ mistake: 'takes the lowest y from the x coordinates', from: 'minY: Math.min(...ys)', to: 'minY: Math.min(...xs)' }],
  ),
  written(
    'viewBox',
    'viewBox(text, places, size) -> string. ringBounds(text, places, size) as "minX minY width height", each number with two decimals.',
    ['ringBounds'],
    `export function viewBox(text, places, size) {
  const { minX, minY, maxX, maxY } = ringBounds(text, places, size);
  return [minX, minY, maxX - minX, maxY - minY].map((v) => v.toFixed(2)).join(' ');
}`,
    [
      ['of a rectangle', `assert.equal(viewBox(${RECTANGLE}, 0, ${FIT}), '-2.00 -1.00 4.00 2.00');`],
      ['of a wide rectangle', "assert.equal(viewBox('0,0 6,0 6,2 0,2', 0, Math.hypot(3, 1)), '-3.00 -1.00 6.00 2.00');"],
    ],
    [{ mistake: 'gives the right edge instead of the width', from: 'maxX - minX', to: 'maxX' }],
  ),
  written(
    'ringOutline',
    'ringOutline(text, places, size) -> {viewBox, d}. viewBox(text, places, size), and the corners of fitRing(text, places, size) (without the repeated last point) as "M x y L x y … Z", numbers with two decimals.',
    ['viewBox', 'fitRing'],
    `export function ringOutline(text, places, size) {
  const corners = fitRing(text, places, size).slice(0, -1);
  const steps = corners.map(([x, y], i) => \`\${i === 0 ? 'M' : 'L'} \${x.toFixed(2)} \${y.toFixed(2)}\`);
  return { viewBox: viewBox(text, places, size), d: \`\${steps.join(' ')} Z\` };
}`,
    [
      ['of a rectangle', `assert.deepEqual(ringOutline(${RECTANGLE}, 0, ${FIT}), { viewBox: '-2.00 -1.00 4.00 2.00', d: 'M -2.00 -1.00 L 2.00 -1.00 L 2.00 1.00 L -2.00 1.00 Z' });`],
      ['has one step per corner', `assert.equal(ringOutline(${TRIANGLE}, 0, 1).d.split(' L ').length, 3);`],
    ],
    [{ mistake: 'repeats the closing point before Z', from: '.slice(0, -1)', to: '.slice(0)' }],
  ),
  written(
    'ringReport',
    'ringReport(text, places, size) -> string. "corners=N area=A box=B": the number of corners of ringOutline(text, places, size), the area |signedArea(text, places)| with two decimals, and its viewBox.',
    ['ringOutline', 'signedArea'],
    `export function ringReport(text, places, size) {
  const outline = ringOutline(text, places, size);
  const corners = outline.d.split(' L ').length;
  return \`corners=\${corners} area=\${Math.abs(signedArea(text, places)).toFixed(2)} box=\${outline.viewBox}\`;
}`,
    [
      ['of a rectangle', `assert.equal(ringReport(${RECTANGLE}, 0, ${FIT}), 'corners=4 area=8.00 box=-2.00 -1.00 4.00 2.00');`],
      ['of a clockwise triangle', `assert.equal(ringReport(${CLOCKWISE}, 0, 1).slice(0, 20), 'corners=3 area=6.00 ');`],
    ],
    [{ mistake: 'reports the signed area', from: 'Math.abs(signedArea(text, places))', to: 'signedArea(text, places)' }],
  ),
  written(
    'ringsReport',
    'ringsReport(rings, places, size) -> string. One line "name: <ringReport of its text>" per entry of the object `rings` (name -> text), sorted by name, joined with "\\n".',
    ['ringReport'],
    `export function ringsReport(rings, places, size) {
  return Object.keys(rings)
    .sort()
    .map((name) => \`\${name}: \${ringReport(rings[name], places, size)}\`)
    .join('\\n');
}`,
    [
      ['sorts by name', `assert.equal(ringsReport({ rect: ${RECTANGLE}, box: '0,0 6,0 6,2 0,2' }, 0, ${FIT}), 'box: corners=4 area=12.00 box=-2.12 -0.71 4.24 1.41\\nrect: corners=4 area=8.00 box=-2.00 -1.00 4.00 2.00');`],
      ['of nothing', "assert.equal(ringsReport({}, 0, 1), '');"],
    ],
    [{ mistake: 'keeps the rings in the order given instead of sorting by name', from: '.sort()', to: '.slice()' }],
  ),
];
