// After `npm run build`: the tarball `npm publish` would upload (`npm pack --dry-run`) holds what
// the package promises and nothing it should not:
// - every file the `exports` map, `main`, `types` and `customElements` point at;
// - every file the README and the docs it ships link to by relative path (screenshots,
//   docs/EMBEDDING.md, the example pages), so the links work on npm and in node_modules;
// - no source maps (they would name src/, which is not published) and no src/;
// - `repository`, `homepage` and `bugs`, and `engines.node`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [pack] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: root,
  encoding: 'utf8',
  // npm's devEngines warning (Node < 22.13) is not this check's business.
  stdio: ['ignore', 'pipe', 'pipe'],
}));
const files = new Set(pack.files.map((f) => normalize(f.path)));
const problems = [];

const targets = (value) => (typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets));
for (const target of [...targets(pkg.exports), pkg.main, pkg.types, pkg.customElements]) {
  if (!files.has(normalize(target))) problems.push(`${target} (named in package.json) is not in the tarball`);
}

// Markdown links and images with a relative target, in the shipped Markdown files.
const link = /!?\[[^\]]*\]\(([^)\s#]+)(?:#[^)]*)?\)/g;
for (const doc of [...files].filter((f) => f.endsWith('.md'))) {
  const text = readFileSync(resolve(root, doc), 'utf8');
  for (const [, target] of text.matchAll(link)) {
    if (/^[a-z]+:/i.test(target)) continue;
    const path = normalize(join(dirname(doc), target)).replace(/\/$/, '');
    const shipped = files.has(path) || [...files].some((f) => f.startsWith(`${path}/`));
    if (!shipped) problems.push(`${doc} links ${target}, which is not in the tarball`);
  }
}
for (const file of files) {
  if (file.endsWith('.map')) problems.push(`${file}: source maps stay out of the tarball`);
  if (file.startsWith('src/')) problems.push(`${file}: sources stay out of the tarball`);
}
for (const file of files) {
  if (!file.endsWith('.js')) continue;
  if (/\/\/# sourceMappingURL=/.test(readFileSync(resolve(root, file), 'utf8'))) problems.push(`${file} names a source map that is not shipped`);
}
if (!pkg.repository?.url) problems.push('package.json: "repository" is not set');
if (!pkg.homepage) problems.push('package.json: "homepage" is not set');
if (!pkg.bugs?.url) problems.push('package.json: "bugs" is not set');
if (!pkg.engines?.node) problems.push('package.json: "engines.node" is not set');

if (problems.length) {
  console.error(`the package (npm pack --dry-run) is not what it promises:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `${pack.filename}: ${files.size} files, ${(pack.size / 1024).toFixed(0)} KB packed; exports, README/docs links present, no source maps`,
);
