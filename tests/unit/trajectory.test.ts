/**
 * trajectory(): shapes, divergence, convergence, validation, catalog ids, noise and isolation.
 * Expected values are worked out by hand in the comments (plain gradient descent on quadratics
 * and linear ramps, where every iterate has a closed form that is exact in float64).
 */
import { OptionError } from '../../src/core/errors';
import { describe, expect, it } from 'vitest';
import { trajectory } from '../../src/core/index';
import type { Surface } from '../../src/core/types';
import type { PresetId } from '../../src/core/optimizers/index';

interface SurfaceSpec {
  f: (x: number, y: number) => number;
  gx: (x: number, y: number) => number;
  gy: (x: number, y: number) => number;
  domain?: Surface['domain'];
}
function surface({ f, gx, gy, domain = { x: [-10, 10], y: [-10, 10] } }: SurfaceSpec): Surface {
  return {
    id: 'test-surface',
    label: 'Test surface',
    expr: 'test',
    f,
    grad: (x, y, out) => {
      out[0] = gx(x, y);
      out[1] = gy(x, y);
    },
    domain,
    critical: [],
    start: [1, 1],
    note: 'test',
  };
}

/** f = x^2 + y^2 */
const bowl = surface({ f: (x, y) => x * x + y * y, gx: (x) => 2 * x, gy: (_, y) => 2 * y });
/** f = 0.5 (x^2 + y^2) */
const halfBowl = surface({ f: (x, y) => 0.5 * (x * x + y * y), gx: (x) => x, gy: (_, y) => y });
/** f = 0.5 (x^2 + 10 y^2) */
const quadratic = surface({ f: (x, y) => 0.5 * (x * x + 10 * y * y), gx: (x) => x, gy: (_, y) => 10 * y });

function expectThrows(fn: () => unknown, ...patterns: RegExp[]): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(Error);
  for (const p of patterns) expect((err as Error).message).toMatch(p);
}

describe('trajectory() result shape', () => {
  it('trajectory(): Float64Arrays of length steps + 1, index 0 is the start, loss = f(iterate)', () => {
    const t = trajectory({ surface: quadratic, optimizer: 'adam', hyper: { lr: 0.1 }, start: [-3, 2], steps: 7 });
    for (const a of [t.x, t.y, t.loss]) {
      expect(a).toBeInstanceOf(Float64Array);
      expect(a.length).toBe(8);
    }
    expect(t.x[0]).toBe(-3);
    expect(t.y[0]).toBe(2);
    expect(t.loss[0]).toBe(quadratic.f(-3, 2)); // 0.5 (9 + 40) = 24.5
    expect(t.loss[0]).toBe(24.5);
    for (let k = 0; k <= 7; k++) expect(t.loss[k]).toBe(quadratic.f(t.x[k], t.y[k]));
    expect(t.status).toBe('ok');
    expect(t.divergedAt).toBeUndefined();
    expect(t.convergedAt).toBeUndefined();
    expect(t.optimizer).toBe('adam');
    expect(t.hyper.lr).toBe(0.1);
  });

  it('trajectory({ steps: 1 }): one step, two entries', () => {
    // plain GD, lr 0.5 on 0.5 (x^2 + y^2): p1 = p0 / 2
    const t = trajectory({ surface: halfBowl, optimizer: 'sgd', hyper: { lr: 0.5 }, start: [3, 4], steps: 1 });
    expect(Array.from(t.x)).toEqual([3, 1.5]);
    expect(Array.from(t.y)).toEqual([4, 2]);
    expect(Array.from(t.loss)).toEqual([12.5, 3.125]);
  });

  it('trajectory() is deterministic: the same call twice gives the same arrays', () => {
    const args = { surface: quadratic, optimizer: 'nadam' as const, hyper: { lr: 0.05 }, start: [-3, 2] as const, steps: 50 };
    const a = trajectory(args);
    const b = trajectory(args);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
  });

  it('trajectory() does not mutate its start or hyper arguments', () => {
    const start: [number, number] = [-3, 2];
    const hyper = { lr: 0.1 };
    trajectory({ surface: quadratic, optimizer: 'adamw', hyper, start, steps: 5 });
    expect(start).toEqual([-3, 2]);
    expect(hyper).toEqual({ lr: 0.1 });
  });
});

describe('trajectory() divergence', () => {
  it("trajectory({ optimizer: 'sgd', hyper: { lr: 1.5 } }) on x^2 + y^2 diverges at the step that leaves 10 spans", () => {
    // x_{k+1} = x_k - 1.5 * 2 x_k = -2 x_k, so x_k = (-2)^k from x0 = 1 (y_k = 0.5 (-2)^k).
    // Domain [-10, 10], span 20: the bound is |x| > 10 + 10 * 20 = 210.
    // |x_7| = 128 <= 210, |x_8| = 256 > 210, so divergedAt = 8.
    let t: ReturnType<typeof trajectory> | undefined;
    expect(() => {
      t = trajectory({ surface: bowl, optimizer: 'sgd', hyper: { lr: 1.5 }, start: [1, 0.5], steps: 12 });
    }).not.toThrow();
    t = t!;
    expect(t.status).toBe('diverged');
    expect(t.divergedAt).toBe(8);
    expect(t.convergedAt).toBeUndefined();
    expect(t.x.length).toBe(13);
    for (let k = 0; k < 8; k++) {
      expect(t.x[k]).toBe((-2) ** k);
      expect(t.y[k]).toBe(0.5 * (-2) ** k);
      expect(t.loss[k]).toBe(1.25 * 4 ** k);
    }
    for (let k = 9; k <= 12; k++) {
      expect(t.x[k]).toBeNaN();
      expect(t.y[k]).toBeNaN();
      expect(t.loss[k]).toBeNaN();
    }
  });

  it('trajectory() uses each axis\'s own span, and being outside the domain by less than 10 spans is fine', () => {
    // Same map p -> -2 p, domain y in [0, 1] (span 1): bounds y < 0 - 10 = -10 or y > 1 + 10 = 11.
    // y_k = (-2)^k: y_2 = 4 and y_3 = -8 are outside the domain but inside the bounds;
    // y_4 = 16 > 11, so divergedAt = 4. x_k = 0.001 (-2)^k stays tiny.
    const s = surface({ f: (x, y) => x * x + y * y, gx: (x) => 2 * x, gy: (_, y) => 2 * y, domain: { x: [-10, 10], y: [0, 1] } });
    const t = trajectory({ surface: s, optimizer: 'sgd', hyper: { lr: 1.5 }, start: [0.001, 1], steps: 6 });
    expect(t.status).toBe('diverged');
    expect(t.divergedAt).toBe(4);
    expect(Array.from(t.y.subarray(0, 4))).toEqual([1, -2, 4, -8]);
    expect(t.y[5]).toBeNaN();
    expect(t.y[6]).toBeNaN();
  });

  it('trajectory(): exactly 10 spans outside is not yet diverged', () => {
    // f = -x (grad (-1, 0)), sgd lr 1: x_k = k. Domain x in [0, 1], bound x > 1 + 10 * 1 = 11.
    // x_11 = 11 is on the bound (not beyond), x_12 = 12 is beyond: divergedAt = 12.
    const ramp = surface({ f: (x) => -x, gx: () => -1, gy: () => 0, domain: { x: [0, 1], y: [0, 1] } });
    const t11 = trajectory({ surface: ramp, optimizer: 'sgd', hyper: { lr: 1 }, start: [0, 0.5], steps: 11 });
    expect(t11.status).toBe('ok');
    expect(t11.divergedAt).toBeUndefined();
    expect(t11.x[11]).toBe(11);
    const t14 = trajectory({ surface: ramp, optimizer: 'sgd', hyper: { lr: 1 }, start: [0, 0.5], steps: 14 });
    expect(t14.status).toBe('diverged');
    expect(t14.divergedAt).toBe(12);
    expect(t14.x[13]).toBeNaN();
    expect(t14.x[14]).toBeNaN();
  });

  it('trajectory(): a loss that turns NaN marks divergence', () => {
    // f = 1 - x for x < 2.5, NaN beyond; grad (-1, 0) everywhere. sgd lr 1: x_k = k.
    // loss(x_3 = 3) is NaN, so divergedAt = 3 even though the iterate is finite and in range.
    const cliff = surface({ f: (x) => (x < 2.5 ? 1 - x : NaN), gx: () => -1, gy: () => 0 });
    const t = trajectory({ surface: cliff, optimizer: 'sgd', hyper: { lr: 1 }, start: [0, 0], steps: 6 });
    expect(t.status).toBe('diverged');
    expect(t.divergedAt).toBe(3);
    expect(Array.from(t.x.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(Array.from(t.loss.subarray(0, 3))).toEqual([1, 0, -1]);
    for (let k = 4; k <= 6; k++) {
      expect(t.x[k]).toBeNaN();
      expect(t.loss[k]).toBeNaN();
    }
  });

  it('trajectory(): a loss of Infinity marks divergence', () => {
    const wall = surface({ f: (x) => (x < 2.5 ? -x : Infinity), gx: () => -1, gy: () => 0 });
    const t = trajectory({ surface: wall, optimizer: 'sgd', hyper: { lr: 1 }, start: [0, 0], steps: 6 });
    expect(t.status).toBe('diverged');
    expect(t.divergedAt).toBe(3);
  });

  for (const optimizer of ['sgd', 'adam'] as const) {
    it(`trajectory({ optimizer: '${optimizer}' }): an infinite gradient makes the next iterate non-finite`, () => {
      // f = -x stays finite; grad = -1 for x < 2.5, -Infinity beyond. With lr 1 both rules move
      // +1 per step (Adam: m_hat = -1, v_hat = 1, step 1 / (1 + 1e-8)), so x_3 ~ 3 gets the
      // infinite gradient and x_4 is Infinity (sgd) or NaN (adam: -inf / inf): divergedAt = 4.
      const spike = surface({ f: (x) => -x, gx: (x) => (x < 2.5 ? -1 : -Infinity), gy: () => 0 });
      const t = trajectory({ surface: spike, optimizer, hyper: { lr: 1 }, start: [0, 0], steps: 8 });
      expect(t.status).toBe('diverged');
      expect(t.divergedAt).toBe(4);
      expect(Number.isFinite(t.x[3])).toBe(true);
      expect(t.x[3]).toBeGreaterThan(2.9);
      for (let k = 5; k <= 8; k++) expect(t.x[k]).toBeNaN();
    });
  }

  it('trajectory(): one diverging run does not disturb another', () => {
    const args = { surface: quadratic, optimizer: 'adam' as const, hyper: { lr: 0.1 }, start: [-3, 2] as const, steps: 30 };
    const before = trajectory(args);
    const blown = trajectory({ surface: bowl, optimizer: 'sgd', hyper: { lr: 1.5 }, start: [1, 0.5], steps: 40 });
    expect(blown.status).toBe('diverged');
    const blownAdam = trajectory({ surface: bowl, optimizer: 'adam', hyper: { lr: 1e6 }, start: [1, 0.5], steps: 40 });
    expect(blownAdam.status).toBe('diverged');
    const after = trajectory(args);
    expect(after.status).toBe('ok');
    expect(Array.from(after.x)).toEqual(Array.from(before.x));
    expect(Array.from(after.y)).toEqual(Array.from(before.y));
    expect(Array.from(after.loss)).toEqual(Array.from(before.loss));
  });
});

describe('trajectory() convergence', () => {
  // Plain GD with lr 0.5 on 0.5 (x^2 + y^2): p_k = p_0 / 2^k (exact in float64), and the gradient
  // is p_k itself, so |grad_k| = 5 / 2^k from (3, 4). 5 / 2^28 = 1.86e-8 >= 1e-8 and
  // 5 / 2^29 = 9.31e-9 < 1e-8, so convergedAt = 29.
  const run = (steps: number, start: readonly [number, number] = [3, 4]) =>
    trajectory({ surface: halfBowl, optimizer: 'sgd', hyper: { lr: 0.5 }, start, steps });

  it('trajectory(): convergedAt is the first index whose gradient norm < 1e-8', () => {
    const t = run(40);
    expect(t.convergedAt).toBe(29);
    expect(t.status).toBe('ok');
    // information only: the run goes on
    expect(t.x[40]).toBe(3 / 2 ** 40);
    expect(t.y[40]).toBe(4 / 2 ** 40);
  });

  it('trajectory(): the final iterate counts (steps = 29 -> convergedAt 29)', () => {
    expect(run(29).convergedAt).toBe(29);
  });

  it('trajectory(): convergedAt is undefined when the norm never falls below 1e-8', () => {
    expect(run(28).convergedAt).toBeUndefined();
  });

  it('trajectory(): starting at the minimum converges at index 0 and stays put', () => {
    const t = run(5, [0, 0]);
    expect(t.convergedAt).toBe(0);
    expect(Array.from(t.x)).toEqual([0, 0, 0, 0, 0, 0]);
    const a = trajectory({ surface: halfBowl, optimizer: 'adam', start: [0, 0], steps: 5 });
    expect(a.convergedAt).toBe(0);
    expect(Array.from(a.x)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('trajectory() validation (message names the option and the bad value)', () => {
  const base = { surface: quadratic, optimizer: 'sgd' as const, start: [-3, 2] as const, steps: 3 };

  it('trajectory() refuses an option it does not have, naming it and the list', () => {
    let error: unknown;
    try {
      trajectory({ ...base, recrod: 'state' } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).option).toBe('recrod');
    expect((error as OptionError).value).toBe('state');
    expect((error as Error).message).toBe(
      'option "recrod" is not an option of trajectory(); its options are surface, optimizer, hyper, start, steps, noise, batch, schedule, record, got "state"',
    );
    expect(() => trajectory({ ...base, step: 3 } as never)).toThrow(/option "step" is not an option of trajectory\(\); its options are/);
    expect(() => trajectory({ ...base, noise: { sd: 0.1, sede: 2 } } as never)).toThrow(
      /option "noise\.sede" is not an option of noise; its options are sd, seed, got 2/,
    );
    // Inherited names are not options either (own keys are read, nothing of Object.prototype counts).
    expect(() => trajectory(Object.assign(Object.create({ steps: 3 }), { ...base, constructor: 1 }) as never)).toThrow(/option "constructor" is not an option/);
    expect(() => trajectory({ ...base, record: 'states' } as never)).toThrow(/option "record" must be 'state' \(or left out\), got "states"/);
    // Every option it has, set, is accepted.
    expect(trajectory({ ...base, hyper: { lr: 0.1 }, noise: { sd: 0.01, seed: 3 }, record: 'state' }).x).toHaveLength(4);
  });

  it('trajectory({ optimizer }) rejects an unknown preset id', () => {
    expectThrows(() => trajectory({ ...base, optimizer: 'adamm' as never }), /adamm/);
  });

  it('trajectory({ hyper: { lr } }) rejects a negative lr', () => {
    expectThrows(() => trajectory({ ...base, hyper: { lr: -0.1 } }), /lr/, /-0\.1/);
    expectThrows(() => trajectory({ ...base, optimizer: 'adam', hyper: { lr: -0.1 } }), /lr/, /-0\.1/);
  });

  for (const steps of [0, -1, 2.5, NaN]) {
    it(`trajectory({ steps: ${steps} }) is rejected`, () => {
      const shown = new RegExp(String(steps).replace(/[.-]/g, (c) => `\\${c}`));
      expectThrows(() => trajectory({ ...base, steps }), /steps/, shown);
    });
  }

  it('trajectory({ start }) rejects a non-finite start', () => {
    expectThrows(() => trajectory({ ...base, start: [NaN, 0] }), /start/, /NaN/);
    expectThrows(() => trajectory({ ...base, start: [0, Infinity] }), /start/, /Infinity/);
    expectThrows(() => trajectory({ ...base, start: [-Infinity, 0] }), /start/, /Infinity/);
  });

  it('trajectory({ hyper }) rejects an unknown key', () => {
    expectThrows(() => trajectory({ ...base, optimizer: 'momentum', hyper: { momentun: 0.9 } }), /momentun/);
  });

  it('trajectory({ surface }) rejects an unknown catalog id', () => {
    expectThrows(() => trajectory({ ...base, surface: 'no-such-surface' }), /no-such-surface/);
  });
});

describe('trajectory({ surface: catalog id })', () => {
  it("trajectory({ surface: 'rosenbrock' }) uses f = (1 - x)^2 + 100 (y - x^2)^2", () => {
    // f(-1.5, 2) = 2.5^2 + 100 (2 - 2.25)^2 = 6.25 + 6.25 = 12.5
    // grad = (-2 (1 - x) - 400 x (y - x^2), 200 (y - x^2)) = (-5 - 150, -50) = (-155, -50)
    // sgd lr 1e-4: p1 = (-1.5 + 0.0155, 2 + 0.005) = (-1.4845, 2.005)
    // p2, p3 computed with exact fractions:
    //   x2 = -294440380791/200000000000, y2 = 401794961/200000000
    const t = trajectory({ surface: 'rosenbrock', optimizer: 'sgd', hyper: { lr: 1e-4 }, start: [-1.5, 2], steps: 3 });
    expect(t.loss[0]).toBeCloseTo(12.5, 12);
    const close = (got: number, want: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThan(1e-12);
    close(t.x[1], -1.4845);
    close(t.y[1], 2.005);
    close(t.x[2], -1.472201903955);
    close(t.y[2], 2.008974805);
    close(t.x[3], -1.4623793778987508);
    close(t.y[3], 2.0121428778201746);
    close(t.loss[1], 10.12250894700625);
    close(t.loss[3], 7.661275347734786);
  });
});

describe('trajectory({ noise })', () => {
  const run = (noise?: { sd: number; seed?: number }, optimizer: PresetId = 'adam') =>
    trajectory({ surface: quadratic, optimizer, hyper: { lr: 0.05 }, start: [-3, 2], steps: 60, noise });
  const arr = (t: ReturnType<typeof trajectory>) => [...Array.from(t.x), ...Array.from(t.y)];

  it('trajectory({ noise: { sd, seed } }): the same seed gives the same path', () => {
    const a = run({ sd: 0.5, seed: 42 });
    run({ sd: 0.5, seed: 7 }); // an unrelated run in between must not shift the stream
    const b = run({ sd: 0.5, seed: 42 });
    expect(arr(a)).toEqual(arr(b));
    expect(arr(a).every(Number.isFinite)).toBe(true);
  });

  it('trajectory({ noise: { sd, seed } }): a different seed gives a different path', () => {
    expect(arr(run({ sd: 0.5, seed: 1 }))).not.toEqual(arr(run({ sd: 0.5, seed: 2 })));
  });

  it('trajectory({ noise: { sd > 0 } }) differs from the noiseless path', () => {
    expect(arr(run({ sd: 0.5, seed: 1 }))).not.toEqual(arr(run()));
    expect(arr(run({ sd: 0.5, seed: 1 }, 'sgd'))).not.toEqual(arr(run(undefined, 'sgd')));
  });

  it('trajectory({ noise: { sd: 0 } }) equals the noiseless path', () => {
    expect(arr(run({ sd: 0, seed: 3 }))).toEqual(arr(run()));
    expect(arr(run({ sd: 0 }))).toEqual(arr(run()));
  });
});
