import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The record every copy of descent-lab finds on globalThis. */
const RECORD = Symbol.for('descent-lab');
type Global = { [RECORD]?: { url: string } };

/** A registry that throws on a second definition, as the browser's does. */
class Registry {
  readonly defined = new Map<string, CustomElementConstructor>();
  get(tag: string) {
    return this.defined.get(tag);
  }
  define(tag: string, ctor: CustomElementConstructor) {
    if (this.defined.has(tag)) throw new DOMException(`"${tag}" has already been used with this registry`);
    this.defined.set(tag, ctor);
  }
}

/** A fresh module instance of define.ts: what a second copy of the bundle is. */
async function loadCopy() {
  vi.resetModules();
  return (await import('../../src/components/shared/define')).define;
}

const element = () => class extends (Object as unknown as CustomElementConstructor) {};

describe('define', () => {
  let registry: Registry;
  let warn: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    registry = new Registry();
    vi.stubGlobal('customElements', registry);
    delete (globalThis as Global)[RECORD];
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    delete (globalThis as Global)[RECORD];
  });

  it('registers each tag and records which copy did it', async () => {
    const define = await loadCopy();
    const Playground = element();
    define('descent-playground', Playground);
    define('descent-playground', Playground);
    expect(registry.get('descent-playground')).toBe(Playground);
    expect((globalThis as Global)[RECORD]?.url).toMatch(/define\.ts$/);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a second copy registers nothing, does not throw, and warns once naming both copies', async () => {
    const first = await loadCopy();
    const [Playground, Surface] = [element(), element()];
    first('descent-playground', Playground);
    first('descent-surface', Surface);
    // In a page the copies come from different URLs; here both are this file, so say where the
    // first one came from.
    (globalThis as Global)[RECORD] = { url: 'https://cdn.example/descent-lab.js' };

    const second = await loadCopy();
    expect(second).not.toBe(first);
    expect(() => {
      second('descent-playground', element());
      second('descent-surface', element());
      second('descent-loss-chart', element());
    }).not.toThrow();
    expect(registry.get('descent-playground')).toBe(Playground);
    expect(registry.get('descent-surface')).toBe(Surface);
    expect(registry.get('descent-loss-chart')).toBeTypeOf('function');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(
      /^descent-lab: loaded twice \(.*define\.ts\); using the first copy \(https:\/\/cdn\.example\/descent-lab\.js\)$/,
    );
  });

  it('a tag that other code defined first is left alone, with a warning', async () => {
    const Foreign = element();
    registry.define('descent-surface', Foreign);
    const define = await loadCopy();
    expect(() => define('descent-surface', element())).not.toThrow();
    expect(registry.get('descent-surface')).toBe(Foreign);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe('descent-lab: <descent-surface> is already defined by other code; keeping that definition');
  });

  it('does nothing where there are no custom elements (Node without a DOM shim)', async () => {
    vi.stubGlobal('customElements', undefined);
    const define = await loadCopy();
    expect(() => define('descent-playground', element())).not.toThrow();
    expect((globalThis as Global)[RECORD]).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});
