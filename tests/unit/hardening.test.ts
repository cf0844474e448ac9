/** Issue #10: every refusal is an OptionError naming the option; option names are own keys only; runs and steps are capped. */
import { describe, expect, it } from 'vitest';
import { MAX_TRAJECTORY_STEPS, OptionError, trajectory } from '../../src/core/index';
import { MAX_RUNS, MAX_TOTAL_STEPS, defaultConfig, getSurface, maxStepsFor, type Config } from '../../src/state/config';
import { readAttributes } from '../../src/components/descent-playground/attributes';
import { whenLoaded } from '../../src/i18n/index';
import { normalizeConfig } from '../../src/state/normalize';
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

describe(`at most ${MAX_TOTAL_STEPS} steps in all (steps × runs)`, () => {
  it('maxStepsFor: 20 000 steps for up to 10 runs, then fewer, never under 1', () => {
    expect([1, 10, 11, 24, 1e9].map(maxStepsFor)).toEqual([20_000, 20_000, Math.floor(200_000 / 11), 8_333, 1]);
  });

  it('a link with 24 runs of 20 000 steps runs 8 333 steps each and says why', () => {
    const opt = Array.from({ length: 24 }, () => 'adam').join(',');
    const { config, errors } = decodeHash(`surface=rosenbrock&steps=20000&opt=${opt}`);
    expect(config.optimizers).toHaveLength(24);
    expect(config.steps).toBe(8_333);
    expect(config.steps * config.optimizers.length).toBeLessThanOrEqual(MAX_TOTAL_STEPS);
    expect(errors.join(' ')).toContain('steps=20000 in the link with 24 runs is 480000 steps in all; at most 200000');
  });

  it('the 8,000-run link computes at most 200 000 steps and names both limits', () => {
    const opt = Array.from({ length: 8000 }, () => 'sgd').join(',');
    const { config, errors } = decodeHash(`surface=rosenbrock&steps=20000&opt=${opt}`);
    expect(config.steps * config.optimizers.length).toBeLessThanOrEqual(MAX_TOTAL_STEPS);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/8000 runs; at most 24/);
    expect(errors[1]).toMatch(/at most 200000 are computed/);
  });

  it('10 runs of 20 000 steps are within the limit: no message', () => {
    const opt = Array.from({ length: 10 }, () => 'sgd').join(',');
    const { config, errors } = decodeHash(`surface=rosenbrock&steps=20000&opt=${opt}`);
    expect([config.steps, errors]).toEqual([20_000, []]);
  });

  it('normalizeConfig cuts the steps of a long race and says so', () => {
    const errors: string[] = [];
    const many: Config = { ...defaultConfig('rosenbrock'), steps: 20_000, optimizers: Array.from({ length: 12 }, () => ({ kind: 'sgd' as const, hyper: {}, enabled: true })) };
    const c = normalizeConfig(many, errors);
    expect(c.steps).toBe(Math.floor(200_000 / 12));
    expect(errors.join(' ')).toMatch(/config\.steps 20000 with 12 runs is 240000 steps in all; at most 200000/);
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`readAttributes (the playground's attributes and children) cuts them too, with a message (${lang})`, async () => {
      if (lang === 'ko') await whenLoaded('ko');
      const attributes = { surface: 'rosenbrock', expression: null, domain: null, optimizers: Array(20).fill('adam').join(' '), start: null, steps: '20000', speed: null, layout: null };
      const { config, errors } = readAttributes(attributes, [], lang, undefined);
      expect(config.steps).toBe(10_000);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('steps="20000"');
      expect(errors[0]).toContain('200000');
      if (lang === 'ko') expect(errors[0]).toContain('단계');
    });
  }

  it('standaloneRuns (<descent-surface optimizers steps>) computes at most 200 000 steps', async () => {
    const { standaloneRuns } = await import('../../src/components/descent-surface/standalone-runs');
    const { runs, errors } = standaloneRuns(getSurface('rosenbrock'), [-1, 1], '20000', Array(40).fill('sgd').join(' '), 'en');
    expect(runs).toHaveLength(24);
    expect(runs.reduce((n, r) => n + r.trajectory.x.length - 1, 0)).toBeLessThanOrEqual(MAX_TOTAL_STEPS);
    expect(errors.join(' ')).toMatch(/40 runs/);
    expect(errors.join(' ')).toContain('steps="20000" × 24 runs is over 200000 steps in all; each run takes 8333.');
  });
});
