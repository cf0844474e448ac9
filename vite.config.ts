import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/**
 * Two builds from one config:
 * - `vite build` (default mode): the playground app, index.html, into dist/app.
 * - `vite build --mode lib`: the npm library as plain ESM into dist/lib, dependencies left as
 *   imports, so `import('descent-lab/core')` works in Node and bundlers dedupe lit and d3.
 */
export default defineConfig(({ mode }) => ({
  base: './',
  build:
    mode === 'lib'
      ? {
          outDir: resolve(root, 'dist/lib'),
          emptyOutDir: true,
          target: 'es2022',
          minify: false,
          sourcemap: true,
          lib: {
            entry: { index: resolve(root, 'src/index.ts'), core: resolve(root, 'src/core/index.ts') },
            formats: ['es'],
          },
          rolldownOptions: {
            external: (id: string) => /^(lit|@lit|d3-|mathjs|katex)(\/|$)/.test(id),
          },
        }
      : {
          outDir: resolve(root, 'dist/app'),
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
        },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
}));
