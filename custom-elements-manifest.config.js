/**
 * @custom-elements-manifest/analyzer config: `npm run build` writes dist/custom-elements.json
 * from the elements' JSDoc (@element, @attr, @prop, @fires, @csspart, @cssprop, @slot) and their
 * lit `static properties`. The manifest is a build output, never hand-edited and not in git, so it
 * cannot drift from the code; scripts/check-manifest.mjs checks what it must contain.
 *
 * Runs after the library build (`npm run build`): the preset list comes from dist/lib/core.js.
 */
import { readFileSync } from 'node:fs';

/** The module every element is imported from: `import 'descent-lab'` (package.json exports "."). */
const LIBRARY_MODULE = 'dist/lib/index.js';
/** Elements that draw runs, so take each preset's colour property. */
const RUN_ELEMENTS = new Set(['DescentPlayground', 'DescentSurface', 'DescentLossChart']);

/**
 * `--descent-color-<preset>` for every preset, generated from the preset list (dist/lib/core.js)
 * and the default colours (src/render/colors.ts's presetColors), so a new preset is documented
 * without anyone writing a line. The JSDoc may name a few too (an example in prose); the
 * generated entries replace those of the same name.
 */
async function presetColorProperties() {
  const { optimizers, presetIds } = await import('./dist/lib/core.js');
  const source = readFileSync(new URL('./src/render/colors.ts', import.meta.url), 'utf8');
  const block = /presetColors[^=]*=\s*\{([\s\S]*?)\};/.exec(source)?.[1] ?? '';
  const colors = Object.fromEntries([...block.matchAll(/([a-z0-9]+):\s*'(#[0-9a-f]{3,8})'/gi)].map((m) => [m[1], m[2]]));
  // The catalog's others: [id, label, rule, colour] rows in src/core/optimizers/more.ts.
  const more = readFileSync(new URL('./src/core/optimizers/more.ts', import.meta.url), 'utf8');
  for (const m of more.matchAll(/\['([a-z0-9-]+)', '[^']*', '[a-z0-9]+', '(#[0-9a-f]{6})'\]/gi)) colors[m[1]] ??= m[2];
  return presetIds.map((id) => {
    if (!colors[id]) throw new Error(`custom-elements-manifest.config.js: no default colour for preset "${id}" in src/render/colors.ts`);
    return {
      name: `--descent-color-${id}`,
      description: `${optimizers[id].label}'s run colour: its path, head, loss curve and legend swatch (the dark theme sets some lighter ones).`,
      default: colors[id],
    };
  });
}
const presetColors = await presetColorProperties();

/** Names of the `static properties` entries declared `{ state: true }` in a class. */
function stateProperties(ts, classNode) {
  const names = new Set();
  for (const member of classNode.members ?? []) {
    const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    if (!isStatic || !ts.isPropertyDeclaration(member) || member.name?.getText() !== 'properties') continue;
    const init = member.initializer;
    if (!init || !ts.isObjectLiteralExpression(init)) continue;
    for (const prop of init.properties) {
      if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
      const state = prop.initializer.properties.some(
        (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'state' && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
      );
      if (state) names.add(prop.name.getText().replace(/^['"]|['"]$/g, ''));
    }
  }
  return names;
}

/**
 * Corrections to what the analyzer's lit support produces:
 * - lit's internal reactive state (`{ state: true }` in `static properties`) has no attribute,
 *   but the analyzer lists it as one; drop those.
 * - the elements register through our `define(tag, Class)` helper, not a literal
 *   `customElements.define`, so add each module's `custom-element-definition` export from the
 *   class's `@element` tag.
 * - private and protected members are implementation, not API: dropped (members the elements
 *   call on each other are tagged `@internal`, which the analyzer drops itself).
 * - every preset's colour property on the elements that draw runs (presetColorProperties).
 * - module paths: the analyzer names the source files (src/components/…/descent-*.ts), which are
 *   not published. Users import the elements from the package entry, so the element modules
 *   become one module, dist/lib/index.js (what `import 'descent-lab'` loads), holding the four
 *   classes and their definitions; helpers exported only for the elements' own use are left out.
 */
function descentLab() {
  const stateByClass = new Map();
  return {
    name: 'descent-lab',
    analyzePhase({ ts, node }) {
      if (ts.isClassDeclaration(node) && node.name) stateByClass.set(node.name.getText(), stateProperties(ts, node));
    },
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        if (!declaration.customElement) continue;
        const state = stateByClass.get(declaration.name) ?? new Set();
        declaration.attributes = (declaration.attributes ?? []).filter((a) => !state.has(a.fieldName));
        declaration.members = (declaration.members ?? []).filter(
          (m) => !state.has(m.name) && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('_'),
        );
        if (RUN_ELEMENTS.has(declaration.name)) {
          const generated = new Set(presetColors.map((p) => p.name));
          declaration.cssProperties = [...(declaration.cssProperties ?? []).filter((p) => !generated.has(p.name)), ...presetColors];
        }
        if (!declaration.tagName) continue;
        moduleDoc.exports ??= [];
        const defined = moduleDoc.exports.some((e) => e.kind === 'custom-element-definition' && e.name === declaration.tagName);
        if (!defined) {
          moduleDoc.exports.push({
            kind: 'custom-element-definition',
            name: declaration.tagName,
            declaration: { name: declaration.name, module: moduleDoc.path },
          });
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      const merged = { kind: 'javascript-module', path: LIBRARY_MODULE, declarations: [], exports: [] };
      const oldPaths = new Set();
      for (const mod of modules) {
        oldPaths.add(mod.path);
        const elements = (mod.declarations ?? []).filter((d) => d.customElement);
        merged.declarations.push(...elements);
        for (const element of elements) {
          merged.exports.push({ kind: 'js', name: element.name, declaration: { name: element.name, module: LIBRARY_MODULE } });
        }
        for (const e of mod.exports ?? []) {
          if (e.kind === 'custom-element-definition') merged.exports.push({ ...e, declaration: { ...e.declaration, module: LIBRARY_MODULE } });
        }
      }
      // References between the elements (types, inherited members) name the merged module.
      const repath = (value) => {
        if (Array.isArray(value)) return value.forEach(repath);
        if (!value || typeof value !== 'object') return;
        if (typeof value.module === 'string' && oldPaths.has(value.module)) value.module = LIBRARY_MODULE;
        Object.values(value).forEach(repath);
      };
      repath(merged.declarations);
      customElementsManifest.modules = [merged];
    },
  };
}

export default {
  // One module per element (`<tag>/<tag>.ts`); styles and helpers hold no public API.
  globs: ['src/components/descent-*/descent-*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json already points at dist/custom-elements.json; never rewrite it.
  packagejson: false,
  plugins: [descentLab()],
};
