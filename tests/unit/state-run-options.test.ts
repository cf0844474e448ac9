/**
 * A run's batch size and lr schedule in the Config: in links, in `config`, in the embed snippet
 * and in run labels, beside the gradient noise (state-noise.test.ts).
 */
import { describe, expect, it } from 'vitest';
import '../../surfaces/index';
import { defaultConfig, runLabels, sameEntry, type Config, type OptimizerEntry } from '../../src/state/config';
import { decodeEntry, decodeHash, encodeHash } from '../../src/state/hash';
import { normalizeConfig } from '../../src/state/normalize';
import { embedSnippet } from '../../src/state/embed';
import { readRunOptions } from '../../src/state/parse';

const entry = (batch?: number, schedule?: string): OptimizerEntry => ({
  kind: 'sgd',
  hyper: { lr: 0.05 },
  enabled: true,
  ...(batch ? { batch } : {}),
  ...(schedule ? { schedule } : {}),
});

describe('batch sizes and schedules in the Config', () => {
  it('round-trip through the URL hash, the schedule\'s text form unescaped', () => {
    const base = defaultConfig('linear-regression');
    const config: Config = {
      ...base,
      optimizers: [entry(1), entry(16, 'LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR:tMax=370'), entry(undefined, 'StepLR:stepSize=100:gamma=0.5')],
    };
    const hash = encodeHash(config);
    expect(hash).toContain('opt=sgd(lr=0.05,batch=1),sgd(lr=0.05,batch=16,schedule=LinearLR:startFactor=0.1:totalIters=30@30:CosineAnnealingLR:tMax=370),sgd(lr=0.05,schedule=StepLR:stepSize=100:gamma=0.5)');
    const back = decodeHash(hash);
    expect(back.errors).toEqual([]);
    expect(back.config.optimizers).toEqual(config.optimizers);
  });

  it('the default race of a data surface is the bare link', () => {
    for (const id of ['linear-regression', 'logistic-regression', 'tiny-net']) expect(encodeHash(defaultConfig(id))).toBe(`surface=${id}`);
    expect(defaultConfig('logistic-regression').optimizers.map((e) => e.schedule ?? '')).toEqual(['', 'CosineAnnealingLR', '', 'CosineAnnealingLR']);
  });

  it('escapes what the entry syntax uses, so a schedule typed with it still round-trips', () => {
    const config: Config = { ...defaultConfig('rosenbrock'), optimizers: [entry(undefined, 'StepLR : stepSize=5, gamma=0.5 (x)')] };
    const hash = encodeHash(config);
    expect(hash).not.toMatch(/schedule=[^,)]*[ (]/);
    expect(decodeHash(hash).config.optimizers[0].schedule).toBe('StepLR : stepSize=5, gamma=0.5 (x)');
  });

  it('refuses a bad batch size in a link, naming it, and keeps the last good value', () => {
    const errors: string[] = [];
    const e = decodeEntry('sgd(lr=0.1,batch=0,batch=2.5,batch=8,batch=x)', errors);
    expect(e?.batch).toBe(8);
    expect(errors).toEqual([
      'sgd batch=0 in the link: batch must be a whole number >= 1, got "0"',
      'sgd batch=2.5 in the link: batch must be a whole number >= 1, got "2.5"',
      'sgd batch=x in the link: batch must be a whole number >= 1, got "x"',
    ]);
  });

  it('normalizeConfig keeps good ones and names each refused one', () => {
    const errors: string[] = [];
    const out = normalizeConfig(
      {
        ...defaultConfig('tiny-net'),
        optimizers: [
          { kind: 'sgd', hyper: {}, enabled: true, batch: 4, schedule: 'ExponentialLR:gamma=0.99' },
          { kind: 'sgd', hyper: {}, enabled: true, batch: -1 },
          { kind: 'sgd', hyper: {}, enabled: true, schedule: 7 as unknown as string },
        ],
      },
      errors,
    );
    expect(out.optimizers.map((e) => [e.batch, e.schedule])).toEqual([
      [4, 'ExponentialLR:gamma=0.99'],
      [undefined, undefined],
      [undefined, '7'],
    ]);
    expect(errors).toEqual(['config.optimizers (sgd): batch -1: batch must be a whole number >= 1, got "-1"']);
  });

  it('attributes: the embed snippet writes batch and schedule on <descent-optimizer>', () => {
    const config: Config = { ...defaultConfig('linear-regression'), optimizers: [entry(8, 'CosineAnnealingLR:tMax=400')] };
    const html = embedSnippet(config, { src: 'descent-lab.js' });
    expect(html).toContain('<descent-optimizer kind="sgd" lr="0.05" batch="8" schedule="CosineAnnealingLR:tMax=400"></descent-optimizer>');
    // And an attribute reader takes them back (what <descent-optimizer> does with getAttribute).
    const attrs: Record<string, string> = { batch: '8', schedule: 'CosineAnnealingLR:tMax=400' };
    expect(readRunOptions((k) => attrs[k])).toEqual({ batch: 8, schedule: 'CosineAnnealingLR:tMax=400' });
  });

  it('labels tell copies apart by batch size ("full batch" for none) and by schedule', () => {
    expect(runLabels([entry(1), entry(8), entry()])).toEqual(['SGD, batch 1', 'SGD, batch 8', 'SGD, full batch']);
    expect(runLabels([entry(), entry(undefined, 'CosineAnnealingLR'), entry(undefined, 'LinearLR:totalIters=9@9:CosineAnnealingLR'), entry(undefined, 'ReduceLROnPlateau')])).toEqual([
      'SGD',
      'SGD, Cosine',
      'SGD, Linear→Cosine',
      'SGD, ReduceOnPlateau',
    ]);
    expect(sameEntry(entry(8), entry(8))).toBe(true);
    expect(sameEntry(entry(8), entry(16))).toBe(false);
    expect(sameEntry(entry(undefined, 'A'), entry())).toBe(false);
  });
});
