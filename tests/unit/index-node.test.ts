import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/**
 * Every module `entry` reaches through static imports and re-exports (type-only ones and
 * dynamic `import()` left out), as paths relative to the repository, plus bare package names.
 */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const rel = file.slice(root.length + 1);
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = readFileSync(file, 'utf8');
    const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (const m of text.matchAll(re)) {
      const spec = m[1];
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const candidates = [base, `${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, '.ts')];
      const found = candidates.find((c) => {
        try {
          return readFileSync(c) && c.endsWith('.ts');
        } catch {
          return false;
        }
      });
      if (found) visit(found);
    }
  };
  visit(resolve(root, entry));
  return seen;
}

describe('the library entry in Node', () => {
  it('imports without a DOM, registers nothing and still exports the core and the elements', async () => {
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    const lib = await import('../../src/index');
    expect(typeof lib.trajectory).toBe('function');
    expect(typeof lib.DescentPlayground).toBe('function');
    expect(typeof lib.loadExpressions).toBe('function');
    expect(typeof lib.SurfaceError).toBe('function');
    expect('compileSurface' in lib).toBe(false);
    expect(lib.encodeHash(lib.defaultConfig('saddle'))).toBe('surface=saddle');
  });

  it('reaches the expression module and mathjs only through loadExpressions()', async () => {
    for (const entry of ['src/index.ts', 'src/app/main.ts']) {
      const graph = staticGraph(entry);
      expect(graph.has('src/components/descent-playground/descent-playground.ts'), entry).toBe(true);
      expect(graph.has('src/core/expression/index.ts'), entry).toBe(false);
      expect([...graph].filter((m) => m.startsWith('mathjs')), entry).toEqual([]);
    }
    // descent-lab/core does not either (1.4-2 s of mathjs in Node); descent-lab/expression does.
    expect(staticGraph('src/core/index.ts').has('src/core/expression/index.ts')).toBe(false);
    expect([...staticGraph('src/core/index.ts')].filter((m) => m.startsWith('mathjs'))).toEqual([]);
    expect([...staticGraph('src/core/expression/index.ts')].some((m) => m === 'mathjs' || m.startsWith('mathjs/')), 'its parser: mathjs/number').toBe(true);
  });

  it('keeps trajectory()\'s clear error for an expression until the module is loaded, then runs it', async () => {
    const lib = await import('../../src/index');
    const options = { surface: { expr: 'x^2 + y^2' }, optimizer: 'sgd' as const, hyper: { lr: 0.1 }, start: [1, 1] as const, steps: 10 };
    expect(() => lib.trajectory(options)).toThrow(lib.OptionError);
    expect(() => lib.trajectory(options)).toThrow(/needs the expression compiler: await loadExpressions\(\) first/);
    const module = await lib.loadExpressions();
    expect(module.SurfaceError).toBe(lib.SurfaceError);
    const run = lib.trajectory(options);
    expect(run.status).toBe('ok');
    expect(run.loss[10]).toBeLessThan(run.loss[0]);
  });
});
