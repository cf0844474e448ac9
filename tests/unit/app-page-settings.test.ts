import { describe, expect, it } from 'vitest';
import { readPageSettings, withPageSettings } from '../../src/app/page-settings';
import { decodeHash, encodeHash } from '../../src/state/index';

describe('readPageSettings', () => {
  it('reads lang and theme among the race keys, ignoring bad values', () => {
    expect(readPageSettings('#surface=saddle&lang=ko&theme=dark')).toEqual({ lang: 'ko', theme: 'dark' });
    expect(readPageSettings('lang=en')).toEqual({ lang: 'en' });
    expect(readPageSettings('lang=fr&theme=sepia&surface=saddle')).toEqual({});
  });
});

describe('withPageSettings', () => {
  it('appends what is set, after the race', () => {
    expect(withPageSettings('surface=saddle&layout=grid', { lang: 'ko', theme: 'light' })).toBe('surface=saddle&layout=grid&lang=ko&theme=light');
    expect(withPageSettings('surface=saddle', {})).toBe('surface=saddle');
    expect(withPageSettings('', { theme: 'dark' })).toBe('theme=dark');
  });
});

describe('decodeHash with page settings', () => {
  it('skips lang and theme without a message, and decodes the rest', () => {
    const plain = decodeHash('surface=ravine&layout=grid');
    const withPage = decodeHash('surface=ravine&lang=ko&layout=grid&theme=dark');
    expect(withPage.errors).toEqual([]);
    expect(withPage.config).toEqual(plain.config);
    expect(encodeHash(withPage.config)).toBe('surface=ravine&layout=grid');
  });
  it('still names other unknown keys', () => {
    expect(decodeHash('surface=ravine&language=ko').errors).toEqual([expect.stringContaining('unknown setting "language"')]);
  });
});
