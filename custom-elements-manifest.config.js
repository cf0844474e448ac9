/**
 * @custom-elements-manifest/analyzer config: `npm run build` writes dist/custom-elements.json
 * from the elements' JSDoc (@element, @attr, @prop, @fires, @csspart, @cssprop) and their lit
 * `static properties`. The manifest is a build output, never hand-edited and not in git, so it
 * cannot drift from the code; scripts/check-manifest.mjs checks what it must contain.
 */

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
 * Two corrections to what the analyzer's lit support produces:
 * - lit's internal reactive state (`{ state: true }` in `static properties`) has no attribute,
 *   but the analyzer lists it as one; drop those.
 * - the elements register through our `define(tag, Class)` helper, not a literal
 *   `customElements.define`, so add each module's `custom-element-definition` export from the
 *   class's `@element` tag.
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
        declaration.members = (declaration.members ?? []).filter((m) => !state.has(m.name));
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
