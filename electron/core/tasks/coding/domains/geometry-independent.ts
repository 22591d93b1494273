/** Geometry: functions that stand alone. Points are [x, y] arrays. */
import { written, type CatalogueFunction } from '../catalogue';

export const GEOMETRY_INDEPENDENT: CatalogueFunction[] = [
  written(
    'distance',
    'distance(a, b) -> number. The straight-line distance between the points a and b ([x, y] arrays).',
    [],
    `export function distance(a, b) {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}`,
    [
      ['of a 3-4-5 triangle', 'assert.equal(distance([0, 0], [3, 4]), 5);'],
      ['to itself', 'assert.equal(distance([2, 2], [2, 2]), 0);'],
      ['the other way round', 'assert.equal(distance([3, 4], [0, 0]), 5);'],
    ],
    [{ mistake: 'mixes up the coordinates', from: 'b[1] - a[1]', to: 'b[1] - a[0]' }],
  ),
  written(
    'midpoint',
    'midpoint(a, b) -> [x, y]. The point half way between a and b.',
    [],
    `export function midpoint(a, b) {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}`,
    [
      ['of two points', 'assert.deepEqual(midpoint([0, 0], [4, 2]), [2, 1]);'],
      ['of negative points', 'assert.deepEqual(midpoint([-2, -2], [2, 4]), [0, 1]);'],
    ],
    [{ mistake: 'forgets to halve the y sum', from: '(a[1] + b[1]) / 2', to: 'a[1] + b[1]' }],
  ),
  written(
    'slope',
    'slope(a, b) -> number. The slope (rise over run) of the line through a and b; Infinity for a vertical line.',
    [],
    `export function slope(a, b) {
  if (b[0] === a[0]) return Infinity;
  return (b[1] - a[1]) / (b[0] - a[0]);
}`,
    [
      ['of a rising line', 'assert.equal(slope([0, 0], [2, 4]), 2);'],
      ['of a falling line', 'assert.equal(slope([0, 0], [2, -1]), -0.5);'],
      ['of a vertical line', 'assert.equal(slope([1, 0], [1, 5]), Infinity);'],
    ],
    [{ mistake: 'divides run by rise', from: '(b[1] - a[1]) / (b[0] - a[0])', to: '(b[0] - a[0]) / (b[1] - a[1])' }],
  ),
  written(
    'manhattanDistance',
    'manhattanDistance(a, b) -> number. |dx| + |dy| between the points a and b.',
    [],
    `export function manhattanDistance(a, b) {
  return Math.abs(b[0] - a[0]) + Math.abs(b[1] - a[1]);
}`,
    [
      ['of two points', 'assert.equal(manhattanDistance([0, 0], [3, 4]), 7);'],
      ['backwards', 'assert.equal(manhattanDistance([3, 4], [0, 1]), 6);'],
    ],
    [{ mistake: 'forgets the absolute value of dx', from: 'Math.abs(b[0] - a[0])', to: '(b[0] - a[0])' }],
  ),
  written(
    'degToRad',
    'degToRad(degrees) -> number. Degrees in radians.',
    [],
    `export function degToRad(degrees) {
  return (degrees * Math.PI) / 180;
}`,
    [
      ['of 180', 'assert.close(degToRad(180), Math.PI);'],
      ['of 90', 'assert.close(degToRad(90), Math.PI / 2);'],
      ['of -45', 'assert.close(degToRad(-45), -Math.PI / 4);'],
    ],
    [{ mistake: 'divides by 360', from: '/ 180', to: '/ 360' }],
  ),
  written(
    'radToDeg',
    'radToDeg(radians) -> number. Radians in degrees.',
    [],
    `export function radToDeg(radians) {
  return (radians * 180) / Math.PI;
}`,
    [
      ['of pi', 'assert.close(radToDeg(Math.PI), 180);'],
      ['of a right angle', 'assert.close(radToDeg(Math.PI / 2), 90);'],
    ],
    [{ mistake: 'multiplies by 90', from: 'radians * 180', to: 'radians * 90' }],
  ),
  written(
    'circleArea',
    'circleArea(radius) -> number. The area of a circle; throws a RangeError for a negative radius.',
    [],
    `export function circleArea(radius) {
  if (radius < 0) throw new RangeError('radius must not be negative');
  return Math.PI * radius * radius;
}`,
    [
      ['of radius 3', 'assert.close(circleArea(3), 9 * Math.PI);'],
      ['of radius 0', 'assert.equal(circleArea(0), 0);'],
      ['refuses a negative radius', 'assert.throws(() => circleArea(-1), RangeError);'],
    ],
    [{ mistake: 'uses the circumference formula 2πr', from: 'Math.PI * radius * radius', to: '2 * Math.PI * radius' }],
  ),
  written(
    'rectangleArea',
    'rectangleArea(a, b) -> number. The area of the axis-aligned rectangle with opposite corners a and b (in any order).',
    [],
    `export function rectangleArea(a, b) {
  return Math.abs(b[0] - a[0]) * Math.abs(b[1] - a[1]);
}`,
    [
      ['of a rectangle', 'assert.equal(rectangleArea([0, 0], [4, 3]), 12);'],
      ['with corners the other way', 'assert.equal(rectangleArea([4, 0], [0, 3]), 12);'],
      ['of a line', 'assert.equal(rectangleArea([0, 0], [5, 0]), 0);'],
    ],
    [{ mistake: 'goes negative when the corners come in the other order', from: 'Math.abs(b[0] - a[0])', to: '(b[0] - a[0])' }],
  ),
  written(
    'triangleArea',
    'triangleArea(a, b, c) -> number. The area of the triangle with corners a, b and c (always >= 0).',
    [],
    `export function triangleArea(a, b, c) {
  return Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
}`,
    [
      ['of a right triangle', 'assert.equal(triangleArea([0, 0], [4, 0], [0, 3]), 6);'],
      ['clockwise', 'assert.equal(triangleArea([0, 0], [0, 3], [4, 0]), 6);'],
      ['of a flat triangle', 'assert.equal(triangleArea([0, 0], [1, 1], [2, 2]), 0);'],
    ],
    [{ mistake: 'goes negative for a clockwise triangle', from: 'Math.abs(', to: '(' }],
  ),
  written(
    'pointInRect',
    'pointInRect(point, rect) -> boolean. Whether the point lies in the rectangle {x, y, width, height} (x, y its lower-left corner), edges included.',
    [],
    `export function pointInRect(point, rect) {
  const [px, py] = point;
  return px >= rect.x && px <= rect.x + rect.width && py >= rect.y && py <= rect.y + rect.height;
}`,
    [
      ['inside', 'assert.ok(pointInRect([1, 1], { x: 0, y: 0, width: 2, height: 2 }));'],
      ['on the edge', 'assert.ok(pointInRect([2, 0], { x: 0, y: 0, width: 2, height: 2 }));'],
      ['outside', 'assert.equal(pointInRect([3, 1], { x: 0, y: 0, width: 2, height: 2 }), false);'],
    ],
    [{ mistake: 'leaves the right edge out', from: 'px <= rect.x + rect.width', to: 'px < rect.x + rect.width' }],
  ),
  written(
    'rectsOverlap',
    'rectsOverlap(a, b) -> boolean. Whether two rectangles {x, y, width, height} share some area (touching edges do not count).',
    [],
    `export function rectsOverlap(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}`,
    [
      ['overlapping', 'assert.ok(rectsOverlap({ x: 0, y: 0, width: 2, height: 2 }, { x: 1, y: 1, width: 2, height: 2 }));'],
      ['touching', 'assert.equal(rectsOverlap({ x: 0, y: 0, width: 2, height: 2 }, { x: 2, y: 0, width: 2, height: 2 }), false);'],
      ['apart vertically', 'assert.equal(rectsOverlap({ x: 0, y: 0, width: 2, height: 2 }, { x: 0, y: 5, width: 2, height: 2 }), false);'],
    ],
    [{ mistake: 'counts touching edges as overlap', from: 'a.x < b.x + b.width && b.x < a.x + a.width', to: 'a.x <= b.x + b.width && b.x <= a.x + a.width' }],
  ),
  written(
    'boundingBox',
    'boundingBox(points) -> {minX, minY, maxX, maxY}. The smallest axis-aligned box around a non-empty list of points; throws a RangeError for an empty list.',
    [],
    `export function boundingBox(points) {
  if (points.length === 0) throw new RangeError('no points');
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}`,
    [
      ['of three points', 'assert.deepEqual(boundingBox([[1, 5], [-2, 0], [3, 2]]), { minX: -2, minY: 0, maxX: 3, maxY: 5 });'],
      ['of one point', 'assert.deepEqual(boundingBox([[2, 2]]), { minX: 2, minY: 2, maxX: 2, maxY: 2 });'],
      ['refuses no points', 'assert.throws(() => boundingBox([]), RangeError);'],
    ],
    [{ mistake: 'takes the highest x from the y coordinates', from: 'maxX: Math.max(...xs)', to: 'maxX: Math.max(...ys)' }],
  ),
  written(
    'rotate90',
    'rotate90(point) -> [x, y]. The point rotated a quarter turn counter-clockwise about the origin: [x, y] -> [-y, x].',
    [],
    `export function rotate90(point) {
  return [-point[1], point[0]];
}`,
    [
      ['turns the x axis into the y axis', 'assert.deepEqual(rotate90([1, 0]), [0, 1]);'],
      ['turns a point', 'assert.deepEqual(rotate90([2, 3]), [-3, 2]);'],
      ['four turns go round', 'assert.deepEqual(rotate90(rotate90(rotate90(rotate90([5, 7])))), [5, 7]);'],
    ],
    [{ mistake: 'turns clockwise', from: '[-point[1], point[0]]', to: '[point[1], -point[0]]' }],
  ),
  written(
    'reflectPoint',
    'reflectPoint(point, axis) -> [x, y]. The point mirrored in the x axis (axis "x": y changes sign) or the y axis (axis "y": x changes sign); throws a RangeError for another axis.',
    [],
    `export function reflectPoint(point, axis) {
  if (axis === 'x') return [point[0], -point[1]];
  if (axis === 'y') return [-point[0], point[1]];
  throw new RangeError(\`unknown axis: \${axis}\`);
}`,
    [
      ['in the x axis', "assert.deepEqual(reflectPoint([2, 3], 'x'), [2, -3]);"],
      ['in the y axis', "assert.deepEqual(reflectPoint([2, 3], 'y'), [-2, 3]);"],
      ['refuses another axis', "assert.throws(() => reflectPoint([1, 1], 'z'), RangeError);"],
    ],
    [{ mistake: 'mirrors in the wrong axis', from: "if (axis === 'x') return [point[0], -point[1]];", to: "if (axis === 'x') return [-point[0], point[1]];" }],
  ),
  written(
    'isRightTriangle',
    'isRightTriangle(a, b, c) -> boolean. Whether side lengths a, b, c (in any order) make a right triangle, allowing a relative error of 1e-9.',
    [],
    `export function isRightTriangle(a, b, c) {
  const [x, y, z] = [a, b, c].sort((p, q) => p - q);
  return x > 0 && Math.abs(x * x + y * y - z * z) <= 1e-9 * z * z;
}`,
    [
      ['knows 3-4-5', 'assert.ok(isRightTriangle(3, 4, 5));'],
      ['in any order', 'assert.ok(isRightTriangle(13, 5, 12));'],
      ['rejects 2-3-4', 'assert.equal(isRightTriangle(2, 3, 4), false);'],
      ['allows rounding', 'assert.ok(isRightTriangle(1, 1, Math.SQRT2));'],
    ],
    [{ mistake: 'assumes the longest side comes last', from: '[a, b, c].sort((p, q) => p - q)', to: '[a, b, c]' }],
  ),
  written(
    'centroidOf',
    'centroidOf(points) -> [x, y]. The mean of a non-empty list of points; throws a RangeError for an empty list.',
    [],
    `export function centroidOf(points) {
  if (points.length === 0) throw new RangeError('no points');
  const sum = points.reduce((acc, p) => [acc[0] + p[0], acc[1] + p[1]], [0, 0]);
  return [sum[0] / points.length, sum[1] / points.length];
}`,
    [
      ['of a square', 'assert.deepEqual(centroidOf([[0, 0], [2, 0], [2, 2], [0, 2]]), [1, 1]);'],
      ['of one point', 'assert.deepEqual(centroidOf([[3, 4]]), [3, 4]);'],
      ['refuses no points', 'assert.throws(() => centroidOf([]), RangeError);'],
    ],
    [{ mistake: 'divides by one less than the count', from: 'sum[1] / points.length', to: 'sum[1] / (points.length - 1)' }],
  ),
  written(
    'heading',
    'heading(from, to) -> number. The direction from one point to another in degrees, counter-clockwise from the positive x axis, in [0, 360).',
    [],
    `export function heading(from, to) {
  const degrees = (Math.atan2(to[1] - from[1], to[0] - from[0]) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}`,
    [
      ['east', 'assert.equal(heading([0, 0], [1, 0]), 0);'],
      ['north', 'assert.equal(heading([0, 0], [0, 2]), 90);'],
      ['south', 'assert.equal(heading([1, 1], [1, 0]), 270);'],
    ],
    [{ mistake: 'leaves negative angles negative', from: 'degrees < 0 ? degrees + 360 : degrees', to: 'degrees' }],
  ),
  written(
    'nearestPoint',
    'nearestPoint(target, points) -> [x, y]. The point of the non-empty list closest to target (the first of equally close ones); throws a RangeError for an empty list.',
    [],
    `export function nearestPoint(target, points) {
  if (points.length === 0) throw new RangeError('no points');
  let best = points[0];
  let bestDistance = Infinity;
  for (const p of points) {
    const d = Math.hypot(p[0] - target[0], p[1] - target[1]);
    if (d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}`,
    [
      ['finds the closest', 'assert.deepEqual(nearestPoint([0, 0], [[5, 5], [1, 1], [-3, 0]]), [1, 1]);'],
      ['keeps the first of a tie', 'assert.deepEqual(nearestPoint([0, 0], [[1, 0], [0, 1]]), [1, 0]);'],
      ['refuses no points', 'assert.throws(() => nearestPoint([0, 0], []), RangeError);'],
    ],
    [{ mistake: 'keeps the last of equally close points', from: 'd < bestDistance', to: 'd <= bestDistance' }],
  ),
];
