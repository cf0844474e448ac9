// After `npm run build`: the single-file bundle's size budget. Prints the gzipped size of
// dist/bundle/descent-lab.js (what a page pays up front) and of each lazy chunk beside it
// (fetched only when used: mathjs for typed-in expressions, the rules' MathML), and
// exits 1 when descent-lab.js is over budget, listing what it is made of. gzip at zlib's
// default level, as `gzip` and most servers send it; 1 KB = 1024 bytes.
//
//   node scripts/check-size.mjs            the check
//   node scripts/check-size.mjs --why      the check, and always the breakdown (needs the map:
//                                          DESCENT_SIZE_MAP=1 npx vite build --mode bundle)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 50;

const dir = resolve(import.meta.dirname, '../dist/bundle');
const kb = (bytes) => (bytes / 1024).toFixed(1);
const gzipped = (file) => gzipSync(readFileSync(resolve(dir, file))).length;

let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.js'));
} catch {}
if (!files.includes('descent-lab.js')) {
  console.error('dist/bundle/descent-lab.js is missing: run `npm run build` first');
  process.exit(1);
}

const entry = gzipped('descent-lab.js');
const over = entry > BUDGET_KB * 1024;
console.log(`dist/bundle/descent-lab.js: ${kb(entry)} KB gzipped (budget ${BUDGET_KB} KB)`);
for (const file of files.filter((f) => f !== 'descent-lab.js').sort()) {
  console.log(`  lazy chunk ${file}: ${kb(gzipped(file))} KB gzipped`);
}
if (over || process.argv.includes('--why')) breakdown();
if (over) {
  console.error(
    `descent-lab.js is ${kb(entry - BUDGET_KB * 1024)} KB over its ${BUDGET_KB} KB budget. ` +
      'Anything a page does not need up front belongs in a lazy chunk (a dynamic import).',
  );
  process.exit(1);
}

/**
 * Minified bytes of descent-lab.js per package or source folder, from its source map, and each
 * one's share of the gzipped size (gzip does not add up per part; the share is a guide).
 */
function breakdown() {
  const code = readFileSync(resolve(dir, 'descent-lab.js'), 'utf8');
  if (!existsSync(resolve(dir, 'descent-lab.js.map'))) {
    console.log('  (for what descent-lab.js is made of: DESCENT_SIZE_MAP=1 npx vite build --mode bundle, then --why)');
    return;
  }
  const map = JSON.parse(readFileSync(resolve(dir, 'descent-lab.js.map'), 'utf8'));
  const group = (source) =>
    /node_modules\//.test(source)
      ? source.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
      : source.replace(/^(\.\.\/)+/, '').replace(/^(src\/[^/]+|surfaces)\/.*/, '$1');
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = new Map();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((mapping, line) => {
    const segments = [];
    let column = 0;
    for (const segment of mapping.split(',').filter(Boolean)) {
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = digits.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? group(map.sources[source]) : '(generated)']);
    }
    segments.forEach(([start, name], i) => {
      const end = i + 1 < segments.length ? segments[i + 1][0] : (lines[line] ?? '').length;
      bytes.set(name, (bytes.get(name) ?? 0) + end - start);
    });
  });
  const total = Buffer.byteLength(code);
  console.log('  what descent-lab.js is made of (minified bytes, ≈ share of the gzipped size):');
  for (const [name, n] of [...bytes].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${String(n).padStart(7)} B  ≈ ${kb((n / total) * entry).padStart(5)} KB  ${name}`);
  }
}
