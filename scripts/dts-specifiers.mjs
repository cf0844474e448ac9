// Build step after `tsc -p tsconfig.build.json`: writes the full path into every relative
// specifier of the emitted declarations (`from './trajectory'` -> `from './trajectory.js'`,
// `'../../surfaces/index'`, `import('./index')`), so the types resolve under
// `moduleResolution: node16`/`nodenext` as well as `bundler`. The sources keep extensionless
// imports (moduleResolution: bundler); in a `"type": "module"` package Node's resolution, and
// TypeScript's model of it, requires the extension. A specifier that names no emitted
// declaration is an error, not a guess. scripts/check-types.mjs (attw) checks the result.
//
// Bare specifiers must name a package of `dependencies`: under a strict installer (pnpm) a
// consumer's compiler sees nothing else. tsc writes types it inferred as `import("lit-html")`
// (lit's own dependency); lit re-exports lit-html and lit-element, so those become `lit`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const typesDir = resolve(root, 'dist/types');

/** Every .d.ts under dir. */
function declarations(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarations(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

// `from '…'`, `import '…'`, `import('…')` and `export … from '…'`, relative specifiers only.
const specifier = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\2/g;

if (!existsSync(typesDir)) {
  console.error('dist/types is missing: run `tsc -p tsconfig.build.json` first');
  process.exit(1);
}
const problems = [];
let rewritten = 0;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const dependencies = new Set([...Object.keys(pkg.dependencies ?? {}), pkg.name]);
/** lit's own dependencies, all re-exported by lit: `lit-html/directive.js` is `lit/directive.js`. */
const viaLit = /^(lit-html|lit-element|@lit\/reactive-element)(\/.*)?$/;
const bare = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"./][^'"]*)\2/g;
const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const files = declarations(typesDir);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const next = text
    .replace(bare, (match, lead, quote, spec) => {
      const lit = viaLit.exec(spec);
      if (lit) {
        rewritten++;
        return `${lead}${quote}lit${lit[2] ?? ''}${quote}`;
      }
      if (!spec.startsWith('node:') && !dependencies.has(packageOf(spec))) {
        problems.push(`${relative(root, file)}: "${spec}" is not a dependency, so a consumer may not resolve it`);
      }
      return match;
    })
    .replace(specifier, (match, lead, quote, spec) => {
      if (/\.(js|mjs|cjs|json)$/.test(spec)) return match;
      const base = resolve(dirname(file), spec);
      let full;
      if (existsSync(`${base}.d.ts`)) full = `${spec}.js`;
      else if (existsSync(join(base, 'index.d.ts'))) full = `${spec.replace(/\/$/, '')}/index.js`;
      else {
        problems.push(`${relative(root, file)}: "${spec}" names no emitted declaration`);
        return match;
      }
      rewritten++;
      return `${lead}${quote}${full}${quote}`;
    });
  if (next !== text) writeFileSync(file, next);
}
if (problems.length) {
  console.error(`dist/types: imports a consumer could not resolve:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`dist/types: ${rewritten} specifiers in ${files.length} declarations rewritten (relative ones name their .js files, lit's internals are lit)`);
