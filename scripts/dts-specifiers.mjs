// Build step after `tsc -p tsconfig.build.json`: writes the full path into every relative
// specifier of the emitted declarations (`from './trajectory'` -> `from './trajectory.js'`,
// `'../../surfaces/index'`, `import('./index')`), so the types resolve under
// `moduleResolution: node16`/`nodenext` as well as `bundler`. The sources keep extensionless
// imports (moduleResolution: bundler); in a `"type": "module"` package Node's resolution, and
// TypeScript's model of it, requires the extension. A specifier that names no emitted
// declaration is an error, not a guess. scripts/check-types.mjs (attw) checks the result.
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
const files = declarations(typesDir);
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(specifier, (match, lead, quote, spec) => {
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
  console.error(`dist/types: relative imports that resolve to nothing:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`dist/types: ${rewritten} relative specifiers in ${files.length} declarations now name their .js files`);
