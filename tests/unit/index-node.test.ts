import { describe, expect, it } from 'vitest';

describe('the library entry in Node', () => {
  it('imports without a DOM, registers nothing and still exports the core and the elements', async () => {
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    const lib = await import('../../src/index');
    expect(typeof lib.trajectory).toBe('function');
    expect(typeof lib.DescentPlayground).toBe('function');
    expect(lib.encodeHash(lib.defaultConfig('saddle'))).toBe('surface=saddle');
  });
});
