import { describe, expect, it } from 'vitest';
import { HEAD_AREA, headPath, headShape, headShapes, KEY_AREA, shapePath } from '../../src/render/run-markers';

/** The subpaths of a marker path: polygons as point lists, circles as { r }. */
function subpaths(d: string): ({ points: [number, number][] } | { r: number; clockwise: boolean })[] {
  const out: ({ points: [number, number][] } | { r: number; clockwise: boolean })[] = [];
  for (const part of d.split('M').filter(Boolean)) {
    const arc = /^([\d.-]+),0A([\d.]+),[\d.]+,0,1,([01])/.exec(part);
    if (arc) {
      out.push({ r: Number(arc[2]), clockwise: arc[3] === '1' });
      continue;
    }
    const points = part
      .replace(/Z$/, '')
      .split('L')
      .map((p) => p.split(',').map(Number) as [number, number]);
    out.push({ points });
  }
  return out;
}

/** Area by the shoelace formula (circles as πr²; an inner, reversed circle is a hole). */
function area(d: string): number {
  let total = 0;
  for (const s of subpaths(d)) {
    if ('r' in s) total += (s.clockwise ? 1 : -1) * Math.PI * s.r * s.r;
    else {
      let a = 0;
      s.points.forEach(([x, y], i) => {
        const [x2, y2] = s.points[(i + 1) % s.points.length];
        a += x * y2 - x2 * y;
      });
      total += Math.abs(a) / 2;
    }
  }
  return total;
}

describe('headShape', () => {
  it('gives twelve runs twelve different shapes, then repeats', () => {
    const shapes = Array.from({ length: 12 }, (_, i) => headShape(i));
    expect(new Set(shapes).size).toBe(12);
    expect(headShape(12)).toBe(headShape(0));
    expect(headShape(-1)).toBe(headShape(0));
  });
});

describe('shapePath', () => {
  it.each(headShapes)('draws %s with the area asked for, centred on the origin', (shape) => {
    for (const a of [HEAD_AREA, KEY_AREA]) {
      const d = shapePath(shape, a);
      expect(area(d) / a).toBeCloseTo(1, 1);
      const xs = [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      // Every point within a radius a little beyond a circle's of that area (stars and plusses reach further).
      const reach = Math.max(...xs.map(([x, y]) => Math.hypot(x, y)));
      expect(reach).toBeLessThan(2.2 * Math.sqrt(a / Math.PI));
    }
  });

  it('draws twelve different outlines', () => {
    const ds = Array.from({ length: 12 }, (_, i) => headPath(i));
    expect(new Set(ds).size).toBe(12);
  });
});
