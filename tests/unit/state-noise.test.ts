import { describe, expect, it } from 'vitest';
// The whole catalog, as the package's entries load it (the bundle loads surfaces one by one).
import '../../surfaces/index';
import { trajectory } from '../../src/core/index';
import { defaultConfig, raceEntries, sameEntry, getSurface } from '../../src/state/config';
import { decodeEntry, decodeHash, encodeHash } from '../../src/state/hash';

describe('gradient noise in the Config', () => {
  it('booth\'s race has a noisy SGD and an SGD with weight decay (notes points 1 and 8)', () => {
    const entries = raceEntries(getSurface('booth').race!);
    const noisy = entries.find((e) => e.noise);
    const decayed = entries.find((e) => e.hyper.weightDecay);
    expect(noisy).toMatchObject({ kind: 'sgd', noise: 20 });
    expect(decayed).toMatchObject({ kind: 'sgd' });
    // The noisy run keeps jittering around the minimum at (1, 3); the clean one, from Booth's
    // off-axis start (-8, 7), has come within 0.03 of it by the race's last step.
    const start = getSurface('booth').start;
    const clean = trajectory({ surface: 'booth', optimizer: 'sgd', hyper: noisy!.hyper, start, steps: 300 });
    const jumpy = trajectory({ surface: 'booth', optimizer: 'sgd', hyper: noisy!.hyper, start, steps: 300, noise: { sd: noisy!.noise!, seed: 8 } });
    expect(Math.hypot(clean.x[300] - 1, clean.y[300] - 3)).toBeLessThan(0.03);
    expect(Math.hypot(jumpy.x[300] - 1, jumpy.y[300] - 3)).toBeGreaterThan(0.2);
    // Weight decay 4 moves the end point to the minimiser of f + 2|p|^2: (H + 4I) p = (34, 38).
    const wd = trajectory({ surface: 'booth', optimizer: 'sgd', hyper: decayed!.hyper, start, steps: 300 });
    expect(wd.x[300]).toBeCloseTo(172 / 132, 6);
    expect(wd.y[300]).toBeCloseTo(260 / 132, 6);
  });

  it('round-trips through the URL hash', () => {
    const config = defaultConfig('booth');
    const decoded = decodeHash(encodeHash(config));
    expect(decoded.errors).toEqual([]);
    expect(decoded.config.optimizers.map((e) => e.noise ?? 0)).toEqual(config.optimizers.map((e) => e.noise ?? 0));
    const custom = { ...config, optimizers: [{ kind: 'adam' as const, hyper: { lr: 0.1 }, enabled: true, noise: 2.5 }] };
    const back = decodeHash(encodeHash(custom)).config.optimizers[0];
    expect(sameEntry(back, custom.optimizers[0])).toBe(true);
    expect(encodeHash(custom)).toContain('noise=2.5');
  });

  it('refuses a negative or non-numeric noise in a link with a message naming it', () => {
    const errors: string[] = [];
    const entry = decodeEntry('sgd(lr=0.1,noise=-3)', errors);
    expect(entry).toMatchObject({ kind: 'sgd', hyper: { lr: 0.1 } });
    expect(entry?.noise).toBeUndefined();
    expect(errors).toEqual([expect.stringMatching(/noise=-3.*noise must be a number >= 0/)]);
    decodeEntry('sgd(noise=lots)', errors);
    expect(errors[1]).toMatch(/noise=lots/);
  });

  it('counts noise when comparing entries', () => {
    const a = { kind: 'sgd' as const, hyper: { lr: 0.1 }, enabled: true };
    expect(sameEntry(a, { ...a, noise: 1 })).toBe(false);
    expect(sameEntry(a, { ...a, noise: 0 })).toBe(true);
  });
});

describe('normalizeConfig and noise', () => {
  it('keeps a valid noise and reports a bad one', async () => {
    const { normalizeConfig } = await import('../../src/state/normalize');
    const errors: string[] = [];
    const base = defaultConfig('booth');
    const out = normalizeConfig(
      {
        ...base,
        optimizers: [
          { kind: 'sgd', hyper: { lr: 0.01 }, enabled: true, noise: 3 },
          { kind: 'sgd', hyper: { lr: 0.01 }, enabled: true, noise: -1 },
        ],
      },
      errors,
    );
    expect(out.optimizers.map((e) => e.noise)).toEqual([3, undefined]);
    expect(errors).toEqual([expect.stringMatching(/config.optimizers \(sgd\): noise -1: noise must be a number >= 0/)]);
  });
});
