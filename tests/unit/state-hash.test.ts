import { describe, expect, it } from 'vitest';
// The whole catalog, as the package's entries load it (the bundle loads surfaces one by one).
import '../../surfaces/index';
import { defaultConfig, getSurface, type Config } from '../../src/state/config';
import { normalizeConfig } from '../../src/state/normalize';
import { decodeHash, encodeHash } from '../../src/state/hash';

describe('encodeHash', () => {
  it('writes only the surface for its default race', () => {
    expect(encodeHash(defaultConfig('saddle'))).toBe('surface=saddle');
  });

  it('writes every changed field, readably', () => {
    const base = defaultConfig('rosenbrock');
    const config: Config = {
      ...base,
      start: [-1.5, 2],
      steps: 800,
      speed: 45,
      layout: 'grid',
      step: 40,
      optimizers: [
        { kind: 'sgd', hyper: { lr: 0.002 }, enabled: true },
        { kind: 'adam', hyper: { lr: 0.05, beta1: 0.8 }, label: 'Fast Adam (β1 0.8)', enabled: true },
        { kind: 'rmsprop', hyper: {}, enabled: false },
      ],
    };
    expect(encodeHash(config)).toBe(
      'surface=rosenbrock&start=-1.5,2&steps=800&speed=45&layout=grid&step=40' +
        '&opt=sgd(lr=0.002),adam(lr=0.05,beta1=0.8,label=Fast%20Adam%20%28%CE%B21%200.8%29),rmsprop(off)',
    );
  });
});

describe('decodeHash', () => {
  it('round-trips a configuration', () => {
    const config: Config = {
      ...defaultConfig('two-wells'),
      start: [0.123, -0.5],
      layout: 'grid',
      step: 7,
      optimizers: [
        { kind: 'nesterov', hyper: { lr: 0.01, momentum: 0.95 }, enabled: true },
        { kind: 'adam', hyper: { lr: 0.2, amsgrad: true }, label: 'a, b = (c)', enabled: false },
        { kind: 'adam', hyper: { lr: 0.02 }, enabled: true },
      ],
    };
    const { config: back, errors } = decodeHash(`#${encodeHash(config)}`);
    expect(errors).toEqual([]);
    expect(back).toEqual(config);
  });

  it('gives the default race of the surface for a bare surface', () => {
    expect(decodeHash('surface=ravine')).toEqual({ config: defaultConfig('ravine'), errors: [], refusals: [] });
    expect(decodeHash('').config).toEqual(defaultConfig());
  });

  it('reports each bad part specifically and keeps the rest', () => {
    const { config, errors } = decodeHash('surface=nope&start=1&layout=grid&opt=adam(lr=-1,beta1=0.5),zzz,sgd&foo=1');
    expect(config.surface).toBe(defaultConfig().surface);
    expect(config.layout).toBe('grid');
    expect(config.optimizers).toEqual([
      { kind: 'adam', hyper: { beta1: 0.5 }, enabled: true },
      { kind: 'sgd', hyper: {}, enabled: true },
    ]);
    expect(errors).toEqual([
      'unknown setting "foo" in the link; known: surface, expr, domain, start, steps, speed, layout, step, opt, inspect',
      expect.stringMatching(/^surface=nope in the link is not a catalog surface; use one of saddle, /),
      'adam lr=-1 in the link: option "lr" must be a number >= 0, got -1',
      expect.stringMatching(/^optimizer "zzz" in the link is not an optimizer; use one of sgd, momentum/),
      'start=1 in the link must be two numbers "x y", e.g. "-1.5 2"',
    ]);
  });

  it('clamps the step to the number of steps and never throws on garbage', () => {
    expect(decodeHash('steps=10&step=99').config.step).toBe(10);
    expect(() => decodeHash('%E0%A4%A&opt=(((&=&&')).not.toThrow();
  });
});

describe('decodeHash: a start off the map', () => {
  it('is refused with a message naming start and the surface\'s domain; the surface\'s start stands in', () => {
    const { config, errors } = decodeHash('surface=rosenbrock&start=50,-50');
    const { domain, start } = getSurface('rosenbrock');
    expect(config.start).toEqual([...start]);
    expect(errors).toEqual([
      `start=50,-50 in the link is outside the surface's domain (x ∈ [${domain.x[0]}, ${domain.x[1]}], y ∈ [${domain.y[0]}, ${domain.y[1]}])`,
    ]);
  });

  it('checks against the linked surface, not the default one', () => {
    // (8, 8) is on Booth's map ([-10, 10]²) but off the default surface's.
    expect(decodeHash('surface=booth&start=8,8')).toEqual({ config: { ...defaultConfig('booth'), start: [8, 8] }, errors: [], refusals: [] });
    expect(decodeHash('surface=ravine&start=0,6').errors).toHaveLength(1);
  });

  it('normalizeConfig refuses it too, with a message', () => {
    const errors: string[] = [];
    const c = normalizeConfig({ ...defaultConfig('ravine'), start: [0, 6] }, errors);
    expect(c.start).toEqual([...getSurface('ravine').start]);
    expect(errors).toEqual([
      "config.start [0, 6] is outside the surface's domain (x ∈ [-10, 10], y ∈ [-5, 5]).",
    ]);
  });
});

describe('the inner-state view in a link', () => {
  it('is inspect=1, written only when on, and read back; 0 or absent is off; anything else is refused, by name', () => {
    const on = { ...defaultConfig('ravine'), inspect: true };
    expect(encodeHash(on)).toBe('surface=ravine&inspect=1');
    expect(encodeHash(defaultConfig('ravine'))).toBe('surface=ravine');
    expect(decodeHash('surface=ravine&inspect=1').config.inspect).toBe(true);
    expect(decodeHash('surface=ravine&inspect=0').config.inspect).toBeUndefined();
    expect(decodeHash('surface=ravine').config.inspect).toBeUndefined();
    const bad = decodeHash('surface=ravine&inspect=yes');
    expect(bad.config.inspect).toBeUndefined();
    expect(bad.errors.join(' ')).toMatch(/inspect.*yes.*must be 1 \(on\) or 0 \(off\)/);
  });

  it('normalizeConfig keeps inspect: true, and refuses a value that is not a boolean', () => {
    const errors: string[] = [];
    expect(normalizeConfig({ ...defaultConfig('ravine'), inspect: true }, errors).inspect).toBe(true);
    expect(errors).toEqual([]);
    const refused = normalizeConfig({ ...defaultConfig('ravine'), inspect: 'yes' as never }, errors);
    expect(refused.inspect).toBeUndefined();
    expect(errors.join(' ')).toMatch(/inspect/);
  });
});
