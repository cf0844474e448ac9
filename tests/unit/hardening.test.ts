/** Issue #10: every refusal is an OptionError naming the option; option names are own keys only; runs and steps are capped. */
import { describe, expect, it } from 'vitest';
import { MAX_TRAJECTORY_STEPS, OptionError, trajectory } from '../../src/core/index';
import { MAX_RUNS, normalizeConfig, defaultConfig, type Config } from '../../src/state/config';
import { decodeHash } from '../../src/state/hash';
import { hyperKey } from '../../src/state/parse';

const base = { surface: 'rosenbrock', start: [-1, 1] as [number, number], steps: 5 } as const;

function refusal(run: () => unknown): OptionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return error as OptionError;
  }
  throw new Error('expected a refusal');
}

describe('trajectory() refusals', () => {
  it('nesterov without momentum is an OptionError naming "nesterov"', () => {
    const e = refusal(() => trajectory({ ...base, optimizer: 'sgd', hyper: { nesterov: true } }));
    expect(e.option).toBe('nesterov');
    expect(e.message).toMatch(/momentum > 0/);
  });

  for (const key of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf']) {
    it(`hyper { ${key}: 5 } is refused like { foo: 1 }, naming ${key}`, () => {
      const hyper = JSON.parse(`{"${key}": 5}`) as Record<string, number>;
      const e = refusal(() => trajectory({ ...base, optimizer: 'adam', hyper }));
      expect(e.option).toBe(key);
      expect(e.message).toMatch(/is not an option of/);
    });
  }

  it(`steps above ${MAX_TRAJECTORY_STEPS} (5e7, 2^32) are refused with an OptionError, not a RangeError from an allocation`, () => {
    for (const steps of [MAX_TRAJECTORY_STEPS + 1, 5e7, 2 ** 32]) {
      const e = refusal(() => trajectory({ ...base, optimizer: 'sgd', steps }));
      expect(e.option).toBe('steps');
      expect(e.message).toContain(String(MAX_TRAJECTORY_STEPS));
    }
    expect(trajectory({ ...base, optimizer: 'sgd', steps: 1000 }).x.length).toBe(1001);
  });
});

describe('option names are own keys everywhere', () => {
  it('hyperKey knows no toString, constructor or __proto__', () => {
    for (const name of ['toString', 'to-string', 'constructor', '__proto__', 'value-of', 'hasOwnProperty']) {
      expect(hyperKey('adam', name), name).toBeUndefined();
    }
    expect(hyperKey('adam', 'beta1')).toBe('beta1');
    expect(hyperKey('adam', 'weight-decay')).toBe('weightDecay');
  });

  it('a link with adam(toString=1) reports the option and keeps it out of the config', () => {
    const { config, errors } = decodeHash('surface=rosenbrock&opt=adam(toString=1),sgd(constructor=2)');
    expect(errors.join(' ')).toMatch(/toString/);
    expect(errors.join(' ')).toMatch(/constructor/);
    for (const entry of config.optimizers) {
      expect(Object.prototype.hasOwnProperty.call(entry.hyper, 'toString')).toBe(false);
      expect(Object.prototype.hasOwnProperty.call(entry.hyper, 'constructor')).toBe(false);
    }
  });
});

describe(`at most ${MAX_RUNS} runs`, () => {
  it('a link with 8,000 runs keeps the first 24 and says so', () => {
    const opt = Array.from({ length: 8000 }, (_, i) => (i % 2 ? 'adam' : 'sgd')).join(',');
    const { config, errors } = decodeHash(`surface=rosenbrock&steps=20000&opt=${opt}`);
    expect(config.optimizers).toHaveLength(MAX_RUNS);
    expect(errors.join(' ')).toMatch(/8000 runs; at most 24/);
  });

  it('a config with 100 runs keeps the first 24 and says so', () => {
    const many: Config = { ...defaultConfig('rosenbrock'), optimizers: Array.from({ length: 100 }, () => ({ kind: 'sgd' as const, hyper: {}, enabled: true })) };
    const errors: string[] = [];
    expect(normalizeConfig(many, errors).optimizers).toHaveLength(MAX_RUNS);
    expect(errors.join(' ')).toMatch(/100 runs; at most 24/);
  });
});

describe('degenerate sets of critical points are described, not carpeted with markers', async () => {
  const { compileSurface } = await import('../../src/core/expression/index');
  it('sin(x)^2 + cos(x)^2 (constant to rounding): no markers, the note says it is constant', () => {
    const s = compileSurface('sin(x)^2 + cos(x)^2');
    expect(s.critical).toHaveLength(0);
    expect(s.criticalNote).toMatch(/constant/);
  });
  for (const expr of ['sin(x)^2 + cos(x)^2 + y^2', 'y^2', '(x^2 + y^2 - 1)^2']) {
    it(`${expr}: its line of minima is described, not marked point by point`, () => {
      const s = compileSurface(expr);
      expect(s.critical.filter((c) => c.kind.endsWith('min'))).toHaveLength(0);
      expect(s.criticalNote).toMatch(/lines or regions of critical points \(min/);
    });
  }
  it('isolated critical points are still marked (x^2 + y^2, sin(x) sin(y))', () => {
    expect(compileSurface('x^2 + y^2').critical.map((c) => c.kind)).toEqual(['global-min']);
    expect(compileSurface('sin(x)*sin(y)').criticalNote).toBeUndefined();
  });
});
