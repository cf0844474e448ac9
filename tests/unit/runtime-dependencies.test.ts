/**
 * The colour and scale stack of d3 (d3-scale, d3-format, d3-interpolate, d3-color,
 * d3-scale-chromatic) and d3-shape are for tests only: src/ uses the platform's colours, its own
 * scales and d3-shape's marker paths as text, so the bundle does not carry them. Only d3-array
 * and d3-contour are dependencies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const testOnly = ['d3-scale', 'd3-format', 'd3-interpolate', 'd3-color', 'd3-scale-chromatic', 'd3-shape', 'd3-path'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|js|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('runtime dependencies', () => {
  it('src/ and surfaces/ import no d3 colour, scale or shape module', () => {
    const found: string[] = [];
    for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'surfaces'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const name = m[1].split('/')[0];
        if (testOnly.includes(name)) found.push(`${file.slice(root.length + 1)}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('package.json lists them as devDependencies only', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const name of testOnly) expect(pkg.dependencies[name], name).toBeUndefined();
    expect(Object.keys(pkg.dependencies).filter((n) => n.startsWith('d3-')).sort()).toEqual(['d3-array', 'd3-contour']);
  });

  it('KaTeX is a build tool only: src/ does not import it and it is a devDependency', () => {
    const found: string[] = [];
    for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'surfaces'))]) {
      const text = readFileSync(file, 'utf8');
      if (/(?:from|import)\s*\(?\s*['"]katex(\/|['"])/.test(text)) found.push(file.slice(root.length + 1));
    }
    expect(found).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(pkg.dependencies.katex).toBeUndefined();
    expect(pkg.devDependencies.katex).toBeDefined();
  });
});
