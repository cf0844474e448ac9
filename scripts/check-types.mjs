// After `npm run build`: the published types work under every moduleResolution a consumer may
// use, not just `bundler`.
//
// 1. @arethetypeswrong/cli packs the package as npm would and resolves every entry point as
//    node16 (from ESM and from CommonJS) and bundler do. Profile node16: `node10` (TypeScript's
//    pre-`exports` resolution) is not supported: the subpaths need `exports`. Rule
//    cjs-resolves-to-esm is ignored on purpose: the entries are ESM only and `require()` loads
//    them on Node >= 20.19 (require(esm), no flag), which scripts/check-node-require.mjs checks.
//    custom-elements.json is data, not a module with types.
// 2. tests/types: an ESM (.mts) and a CommonJS (.cts) consumer compiled under
//    `moduleResolution: nodenext` with this repo's TypeScript against dist/types, with
//    skipLibCheck off, including `// @ts-expect-error` lines that need `optimizer` to be typed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
const run = (label, command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`check-types: ${label} failed`);
    process.exit(result.status ?? 1);
  }
};

// The tarball npm would publish (packed here rather than with attw --pack, to keep npm's
// devEngines warning on Node < 22.13 out of the output).
const dir = mkdtempSync(join(tmpdir(), 'descent-lab-attw-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [{ filename }] = JSON.parse(
  execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
);
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
run('attw', bin('attw'), [
  join(dir, filename),
  '--profile',
  'node16',
  '--ignore-rules',
  'cjs-resolves-to-esm',
  '--exclude-entrypoints',
  'custom-elements.json',
  '--format',
  'table-flipped',
]);
run('tsc -p tests/types (moduleResolution: nodenext)', bin('tsc'), ['-p', 'tests/types/tsconfig.json']);
console.log('descent-lab types: attw clean (node16 from ESM and CJS, bundler); an ESM and a CJS consumer type-check under nodenext');
