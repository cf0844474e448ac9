/** The oracles' test surface (scripts/oracle/*.py): f = 0.5 (x² + 10 y²), an ill-conditioned bowl. */
import type { Surface } from '../../src/core/types';

export const quadratic: Surface & { hessian(x: number, y: number, out: Float64Array): void } = {
  id: 'oracle-quadratic',
  label: 'Oracle quadratic',
  expr: '0.5 * (x^2 + 10 * y^2)',
  f: (x, y) => 0.5 * (x * x + 10 * y * y),
  grad: (x, y, out) => {
    out[0] = x;
    out[1] = 10 * y;
  },
  // Newton's rules read it (a hand-written surface brings its own Hessian).
  hessian: (_x, _y, out) => out.set([1, 0, 10]),
  domain: { x: [-10, 10], y: [-10, 10] },
  critical: [{ kind: 'global-min', x: 0, y: 0, f: 0 }],
  start: [-3, 2],
  note: 'An ill-conditioned bowl for the oracle tests.',
};
