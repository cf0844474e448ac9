/**
 * Derives, from each update rule's one definition (src/core/optimizers/*.ts), the source text
 * that trajectory()'s compiled loops write in, and the portable loop a strict Content Security
 * Policy leaves; writes them to src/generated/rule-source.ts and src/generated/portable-loop.ts.
 *
 *   npx tsx scripts/gen-rule-source.ts           (write the files)
 *   npx tsx scripts/gen-rule-source.ts --check   (exit 1 if they are not what it would write)
 *
 * It reads each definition's `perStep` and `coordinate` as their own text (Function#toString)
 * and rewrites, with acorn's syntax tree and magic-string:
 *   h.<boolean option>, h.<number option> === 0 / !== 0  → decided per compiled loop: `${...}`
 *   h.<number option>                                     → the loop's local for it
 *   c.p, c.g, c.<tensor>                                  → the loop's locals for coordinate i
 *   c.effectiveLr = …;                                    → kept only in the recording loop
 *   k.<name>                                              → the loop's local for it
 *   a name in the definition's `constants`                → its value, as a literal
 * and refuses anything else from outside the functions (only `Math` is allowed), a local that
 * would take a name of the loop, and a write to an option. README.md in the rules' folder states
 * the rules a definition follows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'acorn';
import MagicString from 'magic-string';
import { LOOP_PARAMS, isLoopName, local, loopBody } from '../src/core/loop';
import { optimizers, rules } from '../src/core/optimizers/index';
// The rarer rules' definitions (the registry holds stand-ins until they arrive).
import '../src/core/optimizers/more';
import { fallbackRace } from '../src/state/config';
import { surfaces } from '../surfaces/index';
import type { RuleDefinition } from '../src/core/optimizers/rule';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => !!value && typeof (value as Node).type === 'string';

/** Visits every node under `node` with its parent, skipping the children of a node the visitor returns false for. */
function walk(node: Node, visit: (n: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (visit(node, parent) === false) return;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const v of value) if (isNode(v)) walk(v, visit, node);
    if (isNode(value)) walk(value, visit, node);
  }
}

/** The function node of a function's text: an arrow, a function expression or a method. */
function functionNode(text: string): { node: Node; source: string } {
  for (const source of [`(${text})`, `({ ${text} })`]) {
    let ast: Node;
    try {
      ast = parse(source, { ecmaVersion: 'latest' }) as unknown as Node;
    } catch {
      continue;
    }
    let found: Node | undefined;
    walk(ast, (n) => {
      if (!found && (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression')) found = n;
    });
    if (found) return { node: found, source };
  }
  throw new Error(`not a function: ${text.slice(0, 80)}`);
}

const isMember = (n: Node, object: string | undefined) =>
  object !== undefined &&
  n.type === 'MemberExpression' &&
  !n.computed &&
  (n.object as Node).type === 'Identifier' &&
  (n.object as Node).name === object;
const property = (n: Node) => (n.property as Node).name as string;

/**
 * One of the definition's functions as the body of a template literal: `${...}` holes for what
 * the compiled loop decides (`h`), its coordinate (`i`) and whether it records (`record`).
 */
function templateOf(
  id: string,
  which: 'perStep' | 'coordinate',
  fn: (...args: never[]) => void,
  definition: RuleDefinition,
  kNames: string[],
): string {
  const where = `${id}.${which}`;
  const { node, source } = functionNode(fn.toString());
  const params = (node.params as Node[]).map((p) => (p.type === 'Identifier' ? (p.name as string) : undefined));
  const [hName, tName, kName, cName] = params;
  const body = node.body as Node;
  if (body.type !== 'BlockStatement') throw new Error(`${where}: write the function with a block body`);
  const text = source.slice(body.start + 1, body.end - 1);
  if (/[`\\]|\$\{/.test(text)) throw new Error(`${where}: a backtick, backslash or \${ in the rule's text`);
  const out = new MagicString(source);
  const defaults = definition.defaults;
  const constants = definition.constants ?? {};
  const tensors: readonly string[] = definition.tensors;

  // The function's own locals: declared names (no shadowing across blocks is needed by any rule).
  const locals = new Set<string>();
  walk(body, (n) => {
    if (n.type === 'VariableDeclarator' && (n.id as Node).type === 'Identifier') locals.add((n.id as Node).name as string);
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration') {
      throw new Error(`${where}: no functions inside a rule`);
    }
  });
  for (const name of locals) {
    if (isLoopName(name) || name in constants) {
      throw new Error(`${where}: the local ${name} would take a name of the step loop or a constant; rename it`);
    }
  }

  const option = (n: Node) => {
    const name = property(n);
    if (!(name in defaults)) throw new Error(`${where}: h.${name} is not an option of the rule`);
    return name;
  };
  walk(body, (n, parent) => {
    // h.x === 0, h.x !== 0: decided per compiled loop (its shape says which options are 0).
    if (
      n.type === 'BinaryExpression' &&
      (n.operator === '===' || n.operator === '!==') &&
      isMember(n.left as Node, hName) &&
      (n.right as Node).type === 'Literal' &&
      (n.right as Node).value === 0
    ) {
      const name = option(n.left as Node);
      if (typeof defaults[name] !== 'number') throw new Error(`${where}: h.${name} is not a number`);
      out.update(n.start, n.end, `\${h.${name} ${n.operator as string} 0}`);
      return false;
    }
    if (isMember(n, hName)) {
      const name = option(n);
      if (parent && (parent.type === 'AssignmentExpression' || parent.type === 'UpdateExpression') && (parent.left ?? parent.argument) === n) {
        throw new Error(`${where}: writes the option h.${name}`);
      }
      out.update(n.start, n.end, typeof defaults[name] === 'boolean' ? `\${h.${name}}` : local.option(Object.keys(defaults).indexOf(name)));
      return false;
    }
    if (isMember(n, kName)) {
      const name = property(n);
      if (!kNames.includes(name)) kNames.push(name);
      out.update(n.start, n.end, local.k(kNames.indexOf(name)));
      return false;
    }
    if (isMember(n, cName)) {
      const name = property(n);
      if (name === 'p' || name === 'g') out.update(n.start, n.end, `${name}\${i}`);
      else if (name === 'effectiveLr') {
        const statement =
          parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === n ? parent : undefined;
        if (!statement) throw new Error(`${where}: c.effectiveLr may only be assigned (c.effectiveLr = ...)`);
        out.update(n.start, n.end, `eff\${i}`);
        // Only the recording loop computes it.
        out.prependLeft(statement.start, '${record ? `');
        out.appendLeft(statement.end, ";` : ''}");
      } else if (tensors.includes(name)) out.update(n.start, n.end, local.tensor(tensors.indexOf(name), '${i}'));
      else throw new Error(`${where}: c.${name} is not p, g, effectiveLr or a tensor of the rule`);
      return false;
    }
    if (isMember(n, 'Math')) return false;
    if (n.type === 'Identifier') {
      const name = n.name as string;
      if (parent && parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
      if (name === tName) out.update(n.start, n.end, 't');
      else if (name in constants) out.update(n.start, n.end, literal(constants[name]));
      else if (!locals.has(name) && name !== 'undefined') {
        throw new Error(`${where}: ${name} comes from outside the rule; list it in the definition's constants`);
      }
    }
  });
  // The effective step size's statement ends with its own `;` inside the hole: drop the one after it.
  // (Up to the body's closing brace and without it: a statement just before it keeps what was appended to it.)
  return out
    .slice(body.start + 1, body.end)
    .replace(/\}$/, '')
    .replace(/;` : ''};/g, ";` : ''}")
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** A constant as a short, exact literal: powers of two as 2**k. */
function literal(value: number | boolean): string {
  if (typeof value === 'number' && value > 0) {
    const k = Math.log2(value);
    if (Number.isInteger(k) && 2 ** k === value) return `2**${k}`;
  }
  return String(value);
}

function ruleSource(id: string, definition: RuleDefinition): string {
  // Carried numbers first, then the step's own, in the order the functions first use them.
  const kNames = Object.keys(definition.carry?.(definition.defaults) ?? {});
  const perStep = definition.perStep ? templateOf(id, 'perStep', definition.perStep, definition, kNames) : undefined;
  const coordinate = templateOf(id, 'coordinate', definition.coordinate, definition, kNames);
  return `  ${id}: {
    k: ${JSON.stringify(kNames)},${perStep ? `\n    perStep: (h) => \`${perStep}\`,` : ''}
    coordinate: (h, i, record) => \`${coordinate}\`,
  },`;
}

/** The portable loop's parameters' types, in LOOP_PARAMS's order. */
const PARAM_TYPES: Record<(typeof LOOP_PARAMS)[number], string> = {
  surface: 'Surface',
  options: 'Float64Array',
  s: 'Float64Array',
  xs: 'Float64Array',
  ys: 'Float64Array',
  loss: 'Float64Array',
  steps: 'number',
  xLo: 'number',
  xHi: 'number',
  yLo: 'number',
  yHi: 'number',
  sd: 'number',
  seed: 'number',
  nextState: '(s: number) => number',
  uniform: '(s: number) => number',
  recState: 'Float64Array[] | null',
  recGrad: 'Float64Array | null',
  recLr: 'Float64Array | null',
  step: 'UpdateRule["step"]',
  h: 'Hyper',
  sched: 'LoopSchedule | null',
};

/**
 * The portable loop's TypeScript: the step loop of core/loop.ts calling the rule's `step`, with
 * the state in the run's Float64Array (plain arrays for the iterate and gradient: once `step` is
 * inlined, escape analysis keeps them in registers, which typed arrays defeat).
 */
function portableLoopSource(): string {
  const setup = 'const P = [NaN, NaN];\n  const G = [NaN, NaN];\n  const E = [NaN, NaN];';
  const step = `
      P[0] = p0;
      P[1] = p1;
      G[0] = g0;
      G[1] = g1;
      step(P, G, s, t, h, recGrad === null ? undefined : E);
      p0 = P[0];
      p1 = P[1];
      eff0 = E[0];
      eff1 = E[1];
    `;
  const recordState = (at: string) =>
    `for (let j = 0; j < recState!.length; j++) { recState![j][2 * ${at}] = s[2 * j]; recState![j][2 * ${at} + 1] = s[2 * j + 1]; }`;
  // The step's lr and cycled momentum go into the run's own copy of the options (see LoopSchedule).
  const schedule =
    'const w = h as Record<string, number | boolean>; w.lr = sched.lr[t - 1]; if (sched.momentum !== null) { w[sched.option] = sched.momentum[t - 1]; if (sched.powerSlot >= 0) s[sched.powerSlot] = Math.pow(sched.momentum[t - 1], t - 1); }';
  const body = loopBody({ setup, step, recordState, schedule }, 'dynamic', 'dynamic')
    .replace(/\brecGrad\[/g, 'recGrad![')
    .replace(/\brecLr\[/g, 'recLr![')
    .replace('let l;', 'let l: number;')
    .replace('surface.valueAndGrad(', 'surface.valueAndGrad!(');
  return `export function portableLoop(${LOOP_PARAMS.map((name) => `${name}: ${PARAM_TYPES[name]}`).join(', ')}): number {${body}
}`;
}

const header = (what: string) =>
  `// Generated by scripts/gen-rule-source.ts from ${what}: do not edit (npm run gen).\n`;

/**
 * The rules some surface's default race runs (and the playground's fallback race), whose source
 * comes with trajectory(); the others' comes in a module of its own, which the one-file bundle
 * loads the first time one of them runs (the portable loop runs it until then, with the same
 * numbers) and the library's entries load up front.
 */
const first = new Set(
  [...Object.values(surfaces).flatMap((s) => s.race?.optimizers ?? []), ...fallbackRace.optimizers].map(
    (entry) => optimizers[entry.optimizer].ruleId,
  ),
);
const sourcesOf = (ids: string[]) => ids.map((id) => ruleSource(id, rules[id as keyof typeof rules].definition));
// (Not the whole-vector rules: core/whole-loop.ts runs them as they are written.)
const ids = Object.keys(rules).filter((id) => !rules[id as keyof typeof rules].whole);

const files: Record<string, string> = {
  'src/generated/rule-source.ts': [
    header("the update rules' definitions (src/core/optimizers)"),
    "/* eslint-disable */\nimport type { RuleSource } from '../core/optimizers/rule';\n",
    "/** The source for the compiled loops of the rules the default races run, by rule id (the others': rule-source-more.ts). */",
    'export const ruleSources: { readonly [id: string]: RuleSource } = {',
    ...sourcesOf(ids.filter((id) => first.has(id as never))),
    '};',
    '',
  ].join('\n'),
  'src/generated/rule-source-more.ts': [
    header("the update rules' definitions (src/core/optimizers)"),
    "/* eslint-disable */\nimport { provideRuleSources } from '../core/trajectory';\n",
    '/** The other rules\' source for the compiled loops (see rule-source.ts), given to trajectory() as this module loads. */',
    'provideRuleSources({',
    ...sourcesOf(ids.filter((id) => !first.has(id as never))),
    '});',
    '',
  ].join('\n'),
  'src/generated/portable-loop.ts': [
    header('the step loop (src/core/loop.ts)'),
    "/* eslint-disable */\nimport type { LoopSchedule } from '../core/loop';\nimport type { Hyper, UpdateRule } from '../core/optimizers/rule';\nimport type { Surface } from '../core/types';\n",
    '/** trajectory()\'s step loop where a Content Security Policy forbids compiling: it calls the rule\'s `step`. */',
    portableLoopSource(),
    '',
  ].join('\n'),
};

const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = false;
for (const [path, text] of Object.entries(files)) {
  const file = resolve(root, path);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // not there yet
  }
  if (current === text) continue;
  if (check) {
    console.error(`${path} is not what scripts/gen-rule-source.ts writes: run npm run gen`);
    stale = true;
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
