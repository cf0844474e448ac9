// After `npm run build`: dist/custom-elements.json, generated from the elements' JSDoc by
// @custom-elements-manifest/analyzer (custom-elements-manifest.config.js), is reachable the way
// tools look for it (package.json `customElements`, `exports["./custom-elements.json"]`) and
// describes the public surface the README documents: the four tags, their attributes,
// properties, `descent-*` events with typed details, CSS parts and custom properties (every
// preset's colour), the playground's slot; no internals; module paths a user can import.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const problems = [];

const viaExports = fileURLToPath(import.meta.resolve('descent-lab/custom-elements.json'));
const viaField = resolve(root, pkg.customElements ?? '');
if (viaExports !== viaField) problems.push(`exports["./custom-elements.json"] (${viaExports}) and "customElements" (${viaField}) differ`);
if (!pkg.files.some((f) => viaField.startsWith(resolve(root, f)))) problems.push(`${pkg.customElements} is not in package.json "files"`);

let manifest;
try {
  manifest = JSON.parse(readFileSync(viaField, 'utf8'));
} catch (error) {
  console.error(`${pkg.customElements} is missing or not JSON (run \`npm run build\`): ${error.message}`);
  process.exit(1);
}

/** Every preset's run colour property, one @cssprop line each on the elements that draw runs. */
const runColors = ['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam', 'amsgrad', 'adamw', 'adamax', 'nadam', 'radam'].map(
  (id) => `--descent-color-${id}`,
);

/** What each element must declare; the README's "Elements" section, kept in step with it. */
const expected = {
  'descent-playground': {
    attributes: ['surface', 'optimizers', 'start', 'steps', 'speed', 'layout', 'autoplay', 'theme', 'lang', 'embed-src'],
    properties: ['config'],
    events: {
      'descent-config-change': 'ConfigChangeDetail',
      'descent-start-change': 'StartChangeDetail',
      'descent-step': 'StepDetail',
      'descent-converge': 'ConvergeDetail',
      'descent-diverge': 'DivergeDetail',
    },
    parts: ['controls', 'play', 'timeline', 'loss-chart', 'error', 'announcer', 'copy-embed', 'disclosure', 'run-legend', 'legend-entry', 'badge'],
    cssProperties: [
      '--descent-font',
      '--descent-height',
      '--descent-focus',
      '--descent-text',
      '--descent-bg',
      '--descent-contour-colors',
      ...runColors,
      '--descent-aspect-ratio',
    ],
  },
  'descent-surface': {
    attributes: ['surface', 'start', 'step', 'optimizers', 'steps', 'no-legend', 'no-run-legend', 'highlight', 'no-axes', 'theme', 'lang'],
    properties: ['runs'],
    events: { 'descent-start-change': 'StartChangeDetail', 'descent-highlight': 'HighlightDetail' },
    parts: ['surface', 'contours', 'trajectory', 'head', 'start-handle', 'critical-point', 'run-legend', 'legend-entry'],
    cssProperties: ['--descent-font', '--descent-muted', '--descent-focus', '--descent-contour-colors', ...runColors],
  },
  'descent-loss-chart': {
    attributes: ['step', 'highlight'],
    properties: ['runs'],
    events: { 'descent-step': 'StepDetail', 'descent-highlight': 'HighlightDetail' },
    parts: ['loss-curve', 'loss-head', 'tooltip', 'cursor'],
    cssProperties: ['--descent-font', '--descent-muted', ...runColors],
  },
  'descent-optimizer': {
    attributes: ['kind', 'label', 'lr'],
    properties: [],
    events: {},
    parts: [],
    cssProperties: [],
  },
};

const elements = new Map();
for (const mod of manifest.modules ?? []) {
  for (const declaration of mod.declarations ?? []) {
    if (declaration.customElement && declaration.tagName) elements.set(declaration.tagName, { mod, declaration });
  }
}

const tags = [...elements.keys()].sort();
if (tags.join() !== Object.keys(expected).sort().join()) problems.push(`tags: expected ${Object.keys(expected).sort()}, got ${tags}`);

for (const [tag, want] of Object.entries(expected)) {
  const found = elements.get(tag);
  if (!found) continue;
  const { mod, declaration } = found;
  const where = `<${tag}>`;
  const names = (list) => new Set((list ?? []).map((x) => x.name));
  const missing = (label, have, need) => {
    for (const name of need) if (!have.has(name)) problems.push(`${where}: ${label} "${name}" missing`);
  };
  const definition = (mod.exports ?? []).find((e) => e.kind === 'custom-element-definition' && e.name === tag);
  if (definition?.declaration?.name !== declaration.name) problems.push(`${where}: no custom-element-definition export`);
  missing('attribute', names(declaration.attributes), want.attributes);
  missing('property', names((declaration.members ?? []).filter((m) => m.kind === 'field' && m.privacy !== 'private')), want.properties);
  missing('CSS part', names(declaration.cssParts), want.parts);
  missing('CSS custom property', names(declaration.cssProperties), want.cssProperties);
  for (const attribute of declaration.attributes ?? []) {
    if (!attribute.description) problems.push(`${where}: attribute "${attribute.name}" has no description`);
  }
  const events = new Map((declaration.events ?? []).map((e) => [e.name, e]));
  for (const [name, detail] of Object.entries(want.events)) {
    const type = events.get(name)?.type?.text;
    if (type !== `CustomEvent<${detail}>`) problems.push(`${where}: event "${name}" should be CustomEvent<${detail}>, is ${type}`);
  }
  for (const name of events.keys()) if (typeof name !== 'string' || !name.startsWith('descent-')) problems.push(`${where}: event "${name}" lacks the descent- prefix`);
}

// Module paths name files users can import: the package entries, as its `exports` resolve them.
const importable = new Set(
  ['descent-lab', 'descent-lab/core', 'descent-lab/bundle'].map((id) => resolve(fileURLToPath(import.meta.resolve(id)))),
);
for (const mod of manifest.modules ?? []) {
  if (!importable.has(resolve(root, mod.path))) problems.push(`module path ${mod.path} is not a file users import (descent-lab's exports)`);
}

// Every preset's colour property on the elements that draw runs, from the preset list itself.
const { presetIds } = await import('descent-lab/core');
for (const tag of ['descent-playground', 'descent-surface', 'descent-loss-chart']) {
  const have = new Set((elements.get(tag)?.declaration.cssProperties ?? []).map((p) => p.name));
  const missing = presetIds.filter((id) => !have.has(`--descent-color-${id}`));
  if (missing.length) problems.push(`<${tag}>: no --descent-color-<preset> for ${missing.join(', ')}`);
}

// The playground's <descent-optimizer> children.
const slots = elements.get('descent-playground')?.declaration.slots ?? [];
if (!slots.some((s) => s.name === '' && s.description?.includes('<descent-optimizer>'))) {
  problems.push('<descent-playground>: no default slot describing its <descent-optimizer> children');
}

// Numbers are numbers.
for (const [tag, names] of [['descent-playground', ['steps', 'speed']], ['descent-surface', ['steps', 'step']], ['descent-loss-chart', ['step']]]) {
  const declaration = elements.get(tag)?.declaration;
  for (const name of names) {
    const field = declaration?.members?.find((m) => m.kind === 'field' && m.name === name);
    const attribute = declaration?.attributes?.find((a) => a.name === name);
    for (const [what, type] of [['property', field?.type?.text], ['attribute', attribute?.type?.text]]) {
      if (!/\bnumber\b/.test(type ?? '') || /\bstring\b/.test(type ?? '')) problems.push(`<${tag}>: ${what} "${name}" should be a number, is ${type}`);
    }
  }
}

// No internals as public API: what the elements call on each other, and private state.
const INTERNAL = ['tick', 'resolvedSurface', 'resolvedStart', 'scales', 'readEntry', 'applyStep', 'uiLang', 'commit'];
for (const [tag, { declaration }] of elements) {
  for (const member of declaration.members ?? []) {
    if (INTERNAL.includes(member.name) || member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('_')) {
      problems.push(`<${tag}>: internal member "${member.name}" listed as API`);
    }
  }
}

if (problems.length) {
  console.error(`${pkg.customElements} does not describe the elements as documented:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const count = (key) => [...elements.values()].reduce((n, { declaration }) => n + (declaration[key]?.length ?? 0), 0);
console.log(
  `${pkg.customElements}: ${elements.size} elements, ${count('attributes')} attributes, ${count('events')} events, ` +
    `${count('cssParts')} CSS parts, ${count('cssProperties')} custom properties`,
);
