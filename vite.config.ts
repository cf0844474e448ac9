import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minifyHTMLLiterals } from 'minify-literals';
import { minify as terser } from 'terser';
import type { Plugin, Rolldown } from 'vite';
import { squeezeLoop } from './scripts/squeeze-loop';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/** lit, d3 modules, mathjs: left as imports in the library, inlined in the bundle. */
const dependency = /^(lit|lit-html|lit-element|@lit\/[^/]+|@lit-labs\/[^/]+|d3-[a-z-]+|mathjs)(\/|$)/;

/**
 * Names the bundle's lazy chunks after what they hold, so a page's network log (and a CDN
 * listing) says `descent-lab-expression-….js` rather than `index-….js`.
 */
function lazyChunkName({ moduleIds }: Rolldown.PreRenderedChunk): string {
  if (moduleIds.some((id) => id.includes('/src/core/expression/'))) return 'descent-lab-expression-[hash].js';
  if (moduleIds.some((id) => id.includes('/src/generated/rules.mathml'))) return 'descent-lab-rules-[hash].js';
  if (moduleIds.some((id) => id.endsWith('/src/core/optimizers/more.ts'))) return 'descent-lab-more-rules-[hash].js';
  if (moduleIds.some((id) => id.includes('/node_modules/mediabunny/'))) return 'descent-lab-mediabunny-[hash].js';
  return 'descent-lab-[name]-[hash].js';
}

/**
 * Names the library's shared chunks after what they hold: rolldown names a chunk after its first
 * module, which put trajectory() and the optimizers in `errors-….js` and the catalog in
 * `load-….js` (stack traces and a look into dist/lib should not puzzle anyone).
 */
function libChunkName({ moduleIds }: Rolldown.PreRenderedChunk): string {
  if (moduleIds.some((id) => id.endsWith('/src/core/trajectory.ts'))) return 'core-shared-[hash].js';
  if (moduleIds.some((id) => /[\\/]surfaces[\\/]index\.ts$/.test(id))) return 'surfaces-[hash].js';
  return '[name]-[hash].js';
}

/**
 * CSS as written minus comments and the whitespace nothing depends on. Deliberately plain: a full
 * CSS optimizer (minify-literals' default, Lightning CSS) rewrites rules, for a few more bytes.
 */
function squeezeCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    // After a colon only: before one, a space is a descendant combinator (`.a :focus`).
    .replace(/:\s+/g, ':')
    .replace(/\s*\/\s*/g, '/')
    .replace(/([(,: ])0\.(\d)/g, '$1.$2')
    // [part~='rule'] as [part~=rule]: a quoted identifier needs no quotes.
    .replace(/=(['"])([a-z][\w-]*)\1\]/g, '=$2]')
    .replace(/;}/g, '}')
    .trim();
}

/**
 * A second minifier pass over the single-file bundle's chunks: terser (two compress passes) after
 * rolldown's own minifier finds about 0.9% more to take out (descent-lab.js: 51,360 → 50,922 bytes
 * gzipped, 2026-12-07). Comments marked legal are kept.
 */
function terserPass(): Plugin {
  return {
    name: 'descent-lab:terser',
    async renderChunk(code) {
      const map = process.env.DESCENT_SIZE_MAP === '1';
      const result = await terser(code, {
        module: true,
        compress: { passes: 2 },
        mangle: true,
        format: { comments: /^!|@license|@preserve/ },
        sourceMap: map,
      });
      return { code: result.code ?? code, map: map && typeof result.map === 'string' ? result.map : null };
    },
  };
}

/**
 * Minifies the CSS and HTML inside the elements' lit templates (css`…`, html`…`, svg`…`) for the
 * single-file bundle: the JavaScript minifier leaves template text as written, indentation and
 * comments included. Only our own element sources; lit's placeholders are left intact.
 */
function minifyTemplates(): Plugin {
  return {
    name: 'descent-lab:minify-templates',
    transform: {
      filter: { id: /[\\/]src[\\/](components[\\/].+|core[\\/]loop)\.ts$/ },
      async handler(code, id) {
        // The step loop's source text (src/core/loop.ts) is JavaScript in template literals:
        // its indentation and optional spaces are dropped (scripts/squeeze-loop.ts).
        if (/[\\/]src[\\/]core[\\/]loop\.ts$/.test(id)) return { code: squeezeLoop(code), map: null };
        // html: minifyCSS off, or the HTML minifier runs Lightning CSS over style="${…}"
        // bindings and breaks them (ours are lit bindings: styleProps, CSP-safe).
        // A file that uses unsafeHTML (the rules' MathML) keeps its HTML as written, as the
        // minifier would (it warns and skips it).
        const html = code.includes('unsafeHTML') ? false : { minifyCSS: false };
        const result = await minifyHTMLLiterals(code, { fileName: id, css: squeezeCss, html });
        return result ? { code: result.code, map: result.map } : null;
      },
    },
  };
}

/** The single-file bundle as the example pages load it, relative to the repo (or built site) root. */
const BUNDLE_DIR = 'dist/bundle';
const bundleScript = /(<script\b[^>]*\bsrc=["'][^"']*\bdist\/bundle\/descent-lab\.js["'])/g;

/**
 * The app's pages: the playground, the iframe page and every page under examples/, built into
 * dist/app at the same relative paths (dist/app/embed.html, dist/app/examples/blog-post.html).
 */
function appPages(): Record<string, string> {
  const pages: Record<string, string> = { index: resolve(root, 'index.html'), embed: resolve(root, 'embed.html') };
  for (const file of readdirSync(resolve(root, 'examples'))) {
    if (file.endsWith('.html')) pages[`examples/${file.slice(0, -5)}`] = resolve(root, 'examples', file);
  }
  return pages;
}

/**
 * Lets the example pages load the real single-file bundle with the tag an author would write,
 * `<script type="module" src="../dist/bundle/descent-lab.js">`, and have that one relative path
 * work in three places:
 *
 * - the repo served as it is (any static server at its root, after `npm run build`): the path
 *   names dist/bundle itself;
 * - `npm run dev`: the path is answered with src/bundle.ts, so edits show without a build;
 * - the built app: the tag is left as written (not bundled into the page) and dist/bundle is
 *   copied to dist/app/dist/bundle, so dist/app mirrors the repo's layout. The app build
 *   therefore runs after the bundle build (`npm run build` does).
 */
function exampleBundle(): Plugin {
  return {
    name: 'descent-lab:example-bundle',
    resolveId(id) {
      if (/^\/dist\/bundle\/descent-lab\.js(\?|$)/.test(id)) return resolve(root, 'src/bundle.ts');
      return null;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        return ctx.server ? html : html.replace(bundleScript, '$1 vite-ignore');
      },
    },
    generateBundle() {
      const dir = resolve(root, BUNDLE_DIR);
      if (!existsSync(resolve(dir, 'descent-lab.js'))) {
        this.error(`${BUNDLE_DIR}/descent-lab.js is missing: the example pages load it; run \`vite build --mode bundle\` first`);
      }
      for (const file of readdirSync(dir)) {
        this.emitFile({ type: 'asset', fileName: `${BUNDLE_DIR}/${file}`, source: readFileSync(resolve(dir, file)) });
      }
    },
  };
}

/**
 * Three builds from one config:
 * - `vite build` (default mode): the playground app into dist/app: index.html, embed.html (one
 *   widget for an iframe) and the pages under examples/, which load dist/bundle (see
 *   exampleBundle; build the bundle first).
 * - `vite build --mode lib`: the npm library as plain ESM into dist/lib, dependencies left as
 *   imports, so `import('descent-lab/core')` works in Node and bundlers dedupe lit and d3. Three
 *   entries: index (elements + core), core (no DOM, no mathjs) and expression (the expression
 *   compiler, with mathjs), sharing their common modules as chunks.
 * - `vite build --mode bundle`: the single-file bundle for one `<script type="module">`,
 *   dist/bundle/descent-lab.js, minified ESM with lit and d3 inlined. mathjs (typed-in
 *   expressions) and the rules' MathML (rendered at build time) are dynamic imports, so they become lazy chunks
 *   beside it, imported by relative URL, i.e. from wherever the bundle itself was loaded.
 */
export default defineConfig(({ mode }) => ({
  base: './',
  // The critical-point search Worker (src/core/expression/search-worker.ts), one ES module file
  // beside the chunks, named for what it is, minified where the bundle is.
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        entryFileNames: mode === 'lib' ? '[name]-[hash].js' : 'descent-lab-[name]-[hash].js',
        chunkFileNames: mode === 'lib' ? '[name]-[hash].js' : 'descent-lab-[name]-[hash].js',
        ...(mode === 'bundle' ? { minify: true, comments: { legal: true, annotation: false, jsdoc: false } } : {}),
      },
    },
  },
  plugins:
    mode === 'lib' ? [] : mode === 'bundle' ? [minifyTemplates(), terserPass()] : [exampleBundle()],
  build:
    mode === 'lib'
      ? {
          outDir: resolve(root, 'dist/lib'),
          emptyOutDir: true,
          target: 'es2022',
          minify: false,
          // No source maps in the published files: the library is readable ESM as it is
          // (minify: false, names kept), and maps would point at src/, which is not published.
          sourcemap: false,
          lib: {
            entry: {
              index: resolve(root, 'src/index.ts'),
              core: resolve(root, 'src/core/index.ts'),
              expression: resolve(root, 'src/core/expression/index.ts'),
              figure: resolve(root, 'src/render/figure-entry.ts'),
            },
            formats: ['es'],
          },
          rolldownOptions: {
            external: (id: string) => dependency.test(id),
            output: { chunkFileNames: libChunkName },
          },
        }
      : mode === 'bundle'
        ? {
            outDir: resolve(root, 'dist/bundle'),
            emptyOutDir: true,
            target: 'es2022',
            // No map beside the published bundle (it would name src/, which is not published);
            // `npm run dev` serves the sources themselves for debugging. DESCENT_SIZE_MAP=1 writes
            // one for `node scripts/check-size.mjs --why` (what the bundle is made of).
            sourcemap: process.env.DESCENT_SIZE_MAP === '1',
            lib: {
              entry: resolve(root, 'src/bundle.ts'),
              formats: ['es'],
              fileName: () => 'descent-lab.js',
            },
            rolldownOptions: {
              // Library mode keeps entry signatures strict, which makes rolldown put the modules
              // the entry shares with a lazy chunk into a third, common chunk. Allowing the entry
              // to export a few extra (internal, minified) bindings keeps them in descent-lab.js:
              // one file to load, and lazy chunks that import from it.
              preserveEntrySignatures: 'allow-extension',
              output: {
                chunkFileNames: lazyChunkName,
                // Library mode keeps ES output readable (whitespace, /*#__PURE__*/ notes) for the
                // bundler that usually comes next; nothing comes after this file, so minify fully.
                minify: true,
                comments: { legal: true, annotation: false, jsdoc: false },
              },
            },
          }
        : {
            outDir: resolve(root, 'dist/app'),
            emptyOutDir: true,
            target: 'es2022',
            sourcemap: true,
            rolldownOptions: { input: appPages() },
          },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The critical-point searches (levi13, the catalog typed in) take 1-3 s alone and over 10 s
    // on a shared, loaded machine; vitest's 5 s default then fails them for the machine's sake.
    testTimeout: 30_000,
  },
}));
