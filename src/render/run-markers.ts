/**
 * Head markers: one shape per run (by its index in the list), drawn at each run's moving head on
 * the map, on its loss curve at the shown step, and in its legend entry, so that runs differ by
 * shape as well as by colour. Twelve shapes, all of the same area, distinct at 9 px: filled
 * ones first (circle, square, triangle, diamond, …), then outlines and strokes.
 */

export const headShapes = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'star',
  'triangle-down',
  'plus',
  'times',
  'pentagon',
  'hourglass',
  'wye',
  'ring',
] as const;

export type HeadShape = (typeof headShapes)[number];

const r3 = (v: number) => Math.round(v * 1000) / 1000 + 0;

function polygon(points: readonly (readonly [number, number])[]): string {
  return `M${points.map(([x, y]) => `${r3(x)},${r3(y)}`).join('L')}Z`;
}

/** A regular polygon of `n` corners and area `area`, one corner at the top (rotated by `turn`). */
function regular(n: number, area: number, turn = 0): string {
  const r = Math.sqrt((2 * area) / (n * Math.sin((2 * Math.PI) / n)));
  const pts: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = ((i + turn) / n) * 2 * Math.PI - Math.PI / 2;
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return polygon(pts);
}

function circle(r: number, sweep = 1): string {
  const c = r3(r);
  return `M${c},0A${c},${c},0,1,${sweep},${-c},0A${c},${c},0,1,${sweep},${c},0Z`;
}

/** A plus of arm half-width w and reach a, turned by `angle` radians. */
function cross(area: number, angle: number): string {
  // A plus made of a square centre and four arms, each as wide as the centre: 5 w² = area.
  const w = Math.sqrt(area / 5) / 2;
  const a = 3 * w;
  const base: [number, number][] = [
    [-w, -a], [w, -a], [w, -w], [a, -w], [a, w], [w, w], [w, a], [-w, a], [-w, w], [-a, w], [-a, -w], [-w, -w],
  ];
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return polygon(base.map(([x, y]) => [x * c - y * s, x * s + y * c]));
}

function star(area: number): string {
  // Five points, inner radius 0.4 of the outer: area = 5 R r sin(36°).
  const k = 0.4;
  const R = Math.sqrt(area / (5 * k * Math.sin(Math.PI / 5)));
  const pts: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 ? R * k : R;
    const a = (i / 10) * 2 * Math.PI - Math.PI / 2;
    pts.push([rad * Math.cos(a), rad * Math.sin(a)]);
  }
  return polygon(pts);
}

function wye(area: number): string {
  // d3-shape's symbolWye: three arms of width w and length 2w·√3 from a central triangle.
  const c = -0.5;
  const s = Math.sqrt(3) / 2;
  const k = 1 / Math.sqrt(12);
  const a = (k / 2 + 1) * 3;
  const r = Math.sqrt(area / a);
  const x0 = r / 2;
  const y0 = r * k;
  const x1 = x0;
  const y1 = r * k + r;
  const x2 = -x1;
  const y2 = y1;
  const pts: [number, number][] = [
    [x0, y0], [x1, y1], [x2, y2],
    [c * x0 - s * y0, s * x0 + c * y0], [c * x1 - s * y1, s * x1 + c * y1], [c * x2 - s * y2, s * x2 + c * y2],
    [c * x0 + s * y0, c * y0 - s * x0], [c * x1 + s * y1, c * y1 - s * x1], [c * x2 + s * y2, c * y2 - s * x2],
  ];
  return polygon(pts.map(([x, y]) => [x, -y]));
}

/** Path `d` of head shape `shape`, centred on the origin, of `area` square pixels. */
export function shapePath(shape: HeadShape, area: number): string {
  switch (shape) {
    case 'circle':
      return circle(Math.sqrt(area / Math.PI));
    case 'square':
      return regular(4, area, 0.5);
    case 'triangle':
      return regular(3, area);
    case 'triangle-down':
      return regular(3, area, 0.5);
    case 'diamond': {
      // A rhombus taller than wide (d3's symbolDiamond proportions), so it does not read as a square.
      const y = Math.sqrt(area / (2 * Math.tan(Math.PI / 6)));
      const x = y * Math.tan(Math.PI / 6);
      return polygon([[0, -y], [x, 0], [0, y], [-x, 0]]);
    }
    case 'star':
      return star(area);
    case 'plus':
      return cross(area, 0);
    case 'times':
      return cross(area, Math.PI / 4);
    case 'pentagon':
      return regular(5, area);
    case 'hourglass': {
      // Two triangles tip to tip: h²/2 square pixels.
      const h = Math.sqrt(2 * area);
      return polygon([[-h / 2, -h / 2], [h / 2, -h / 2], [0, 0], [h / 2, h / 2], [-h / 2, h / 2], [0, 0]]);
    }
    case 'wye':
      return wye(area);
    case 'ring': {
      // An annulus (outer minus inner, drawn with the evenodd rule) of the same area.
      const outer = Math.sqrt(area / (Math.PI * (1 - 0.45 ** 2)));
      return `${circle(outer)}${circle(outer * 0.45, 0)}`;
    }
  }
}

/** The shape of the run at `index` in its list (shapes repeat after twelve). */
export function headShape(index: number): HeadShape {
  const i = Number.isInteger(index) && index >= 0 ? index : 0;
  return headShapes[i % headShapes.length];
}

/** Marker areas: on the map and on loss curves, and in legend entries. */
export const HEAD_AREA = 64;
export const KEY_AREA = 44;

const headPaths = new Map<string, string>();

/** Path `d` of the head marker for the run at `index` (built once per index and area). */
export function headPath(index: number, area = HEAD_AREA): string {
  const key = `${index}|${area}`;
  let d = headPaths.get(key);
  if (d === undefined) headPaths.set(key, (d = shapePath(headShape(index), area)));
  return d;
}
