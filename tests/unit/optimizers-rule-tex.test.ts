import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { optimizers, presetIds, resolveHyper, rules } from '../../src/core/optimizers/index';
// The catalog's presets and rules (Adamax, ..., Schedule-free AdamW), as the library's entries load it.
import '../../src/core/optimizers/more';
import { allRuleVariants, ruleVariant, variantTex } from '../../src/core/optimizers/rule-tex';
import { renderMoreRulesModule, renderRulesModule } from '../../scripts/render-rules';

const root = resolve(import.meta.dirname, '../..');

/** The TeX each legend symbol is written with in the rows. */
const TEX: Record<string, RegExp> = {
  γ: /\\gamma\b/,
  μ: /\\mu\b/,
  τ: /\\tau\b/,
  λ: /\\lambda\b/,
  ε: /\\epsilon\b/,
  'β₁': /\\beta_1/,
  'β₂': /\\beta_2/,
  η: /\\eta\b/,
  ρ: /\\rho\b/,
  α: /\\alpha\b/,
  ψ: /\\psi\b/,
  // Adagrad's sum, which starts at s₀ (AdaBelief's s is its own, starting at 0).
  's₀': /s_\{t-1\} \+ g_t\^2/,
  'η₊': /\\eta_\+/,
  'η₋': /\\eta_-/,
  'Δₘᵢₙ': /\\Delta_\{\\min\}/,
  'Δₘₐₓ': /\\Delta_\{\\max\}/,
  't₀': /t_0\b/,
  'λ_wd': /\\lambda_\{\\mathrm\{wd\}\}/,
  'β₃': /\\beta_3/,
  κ: /\\kappa\b/,
  T: /t\/T\b/,
  r: /t\^r\b/,
  p: /\^p\b/,
  // L-BFGS's budgets and tolerances, and its history's length m.
  K: /\bK \\text\{ iterations/,
  E: /\bE \\text\{ evaluations/,
  'ε_g': /\\epsilon_g\b/,
  'ε_Δ': /\\epsilon_\\Delta\b/,
  m: /\\text\{last \} m\b/,
  // Adafactor's (τ is beta2Decay there, in t^{τ}), the clipping threshold d.
  'ε₁': /\\epsilon_1\b/,
  'ε₂': /\\epsilon_2\b/,
  d: /\) \/ d\\bigr\)/,
  // Newton's and saddle-free Newton's damping.
  δ: /\\delta\b/,
};

describe('src/generated/rules.mathml.ts', () => {
  it('is what scripts/render-rules.ts writes today (run `npx tsx scripts/render-rules.ts` after editing a rule)', () => {
    expect(readFileSync(resolve(root, 'src/generated/rules.mathml.ts'), 'utf8')).toBe(renderRulesModule());
    expect(readFileSync(resolve(root, 'src/generated/rules-more.mathml.ts'), 'utf8')).toBe(renderMoreRulesModule());
  });

  it('has no tables, piecewise braces or TeX annotations: one <math> per side of each row', () => {
    const text = renderRulesModule() + renderMoreRulesModule();
    expect(text).not.toMatch(/<mtable|<annotation|<semantics|stretchy="true">\{/);
    for (const v of allRuleVariants().values()) {
      const entry = new RegExp(`"${v.key.replace(/\+/g, '\\+')}": html\`(.*)\`,`).exec(text);
      expect(entry, v.key).not.toBeNull();
      expect(entry![1].match(/<math>/g)).toHaveLength(2 * v.rows.length);
    }
  });
});

describe('ruleVariant', () => {
  it("each preset's rule is its own: SGD without a buffer, Momentum without a nesterov branch", () => {
    const rule = (id: string) => optimizers[id as keyof typeof optimizers].rule;
    expect(rule('sgd')).not.toMatch(/b_|\\mu|\\tau|cases|nesterov/);
    expect(rule('momentum')).toMatch(/b_t &= \\mu\\, b_\{t-1\} \+ \(1-\\tau\)/);
    expect(rule('momentum')).not.toMatch(/cases|nesterov|otherwise/);
    expect(rule('nesterov')).toMatch(/\\gamma\\,\(g_t \+ \\mu\\, b_t\)/);
    expect(rule('nesterov')).not.toMatch(/\\tau/);
    expect(rule('adam')).not.toMatch(/\\max/);
    expect(rule('amsgrad')).toMatch(/\\max/);
    expect(rule('adamw')).toMatch(/\\leftarrow \(1-\\gamma\\lambda\)/);
    expect(rule('adamw')).not.toMatch(/\+ \\lambda/);
    for (const id of presetIds) expect(rule(id), id).not.toMatch(/\\begin\{cases\}/);
  });

  it('follows the options a run sets: SGD given momentum, RMSprop centered with momentum, NAdam decoupled', () => {
    expect(ruleVariant('sgd', resolveHyper('sgd', { momentum: 0.5 }))?.key).toBe('sgd+momentum');
    expect(ruleVariant('sgd', resolveHyper('nesterov', { momentum: 0.5 }))?.key).toBe('sgd+nesterov');
    expect(ruleVariant('rmsprop', resolveHyper('rmsprop', { centered: true, momentum: 0.9 }))?.key).toBe(
      'rmsprop+centered+momentum',
    );
    expect(ruleVariant('nadam', resolveHyper('nadam', { decoupledWeightDecay: true }))?.key).toBe('nadam+decoupled');
    expect(ruleVariant('nosuchrule', {})).toBeUndefined();
  });

  it("follows the catalog's options: AdaBelief's flags, Adan's noProx, schedule-free's warmup, decayAtZ and innerMomentum", () => {
    const adabelief = {
      amsgrad: false,
      weightDecouple: true,
      fixedDecay: false,
      rectify: true,
      degeneratedToSgd: true,
    };
    const key = (id: string, h: Record<string, unknown>) => ruleVariant(id, h as never)?.key;
    expect(key('adabelief', adabelief)).toBe('adabelief+rectify+decoupled');
    // The package's rectified steps ignore the running max: amsgrad changes nothing there.
    expect(key('adabelief', { ...adabelief, amsgrad: true })).toBe('adabelief+rectify+decoupled');
    expect(key('adabelief', { ...adabelief, rectify: false, amsgrad: true })).toBe('adabelief+amsgrad+decoupled');
    expect(key('adabelief', { ...adabelief, degeneratedToSgd: false, fixedDecay: true })).toBe('adabelief+rectify+nosgd+fixeddecay');
    // fixedDecay only matters with weightDecouple.
    expect(key('adabelief', { ...adabelief, weightDecouple: false, fixedDecay: true })).toBe('adabelief+rectify');
    expect(variantTex(ruleVariant('adabelief', { ...adabelief, rectify: false })!)).toMatch(/\(g_t - m_t\)\^2 \+ \\epsilon/);
    expect(key('adan', { noProx: false })).toBe('adan');
    expect(key('adan', { noProx: true })).toBe('adan+noprox');
    const sf = { warmupSteps: 0, decayAtZ: false, innerMomentum: 0 };
    expect(key('adamwschedulefree', sf)).toBe('adamwschedulefree');
    expect(key('adamwschedulefree', { warmupSteps: 1, decayAtZ: true, innerMomentum: 0.9 })).toBe(
      'adamwschedulefree+warmup+decayatz+innermomentum',
    );
    for (const id of ['rprop', 'asgd', 'lion', 'yogi', 'newton', 'saddlefreenewton']) expect(key(id, {})).toBe(id);
  });

  it("follows the second-order and modern ones' options: L-BFGS's line search and maxEval, Adafactor's decay, SAM's ASAM and SGD flags", () => {
    const key = (id: string, h: Record<string, unknown>) => ruleVariant(id, resolveHyper(id === 'saddlefreenewton' ? 'saddle-free-newton' : id, h as never))?.key;
    expect(key('lbfgs', {})).toBe('lbfgs');
    expect(key('lbfgs', { strongWolfe: true })).toBe('lbfgs+strongwolfe');
    expect(key('lbfgs', { maxEval: 30 })).toBe('lbfgs+maxeval');
    // maxEval 0 is torch's None: ⌊5K/4⌋ evaluations, shown as such.
    expect(variantTex(ruleVariant('lbfgs', resolveHyper('lbfgs', {}))!)).toMatch(/\\lfloor 5K\/4 \\rfloor/);
    expect(key('adafactor', {})).toBe('adafactor');
    expect(key('adafactor', { weightDecay: 0.1 })).toBe('adafactor+weightdecay');
    expect(key('sam', {})).toBe('sam');
    expect(key('sam', { adaptive: true, momentum: 0.9 })).toBe('sam+adaptive+momentum');
    expect(key('sam', { momentum: 0.9, nesterov: true })).toBe('sam+nesterov');
    expect(key('newton', {})).toBe('newton');
    expect(key('saddlefreenewton', {})).toBe('saddlefreenewton');
    expect(variantTex(ruleVariant('saddlefreenewton', {})!)).toMatch(/\|H_t\| &= V\\, \|\\Lambda\|\\, V\^\\top/);
  });

  it('knows every update rule in the registry (a new rule needs its rows in rule-tex.ts)', () => {
    const missing = Object.keys(rules).filter((id) => ruleVariant(id, rules[id as keyof typeof rules].defaults) === undefined);
    expect(missing).toEqual([]);
  });

  it("every legend symbol is one of the rule's controls and appears in its rows; every control letter in the rows is in the legend", () => {
    for (const v of allRuleVariants().values()) {
      const ruleId = v.key.split('+')[0] as keyof typeof rules;
      const tex = variantTex(v);
      for (const s of v.symbols) {
        expect(TEX[s.text], `${v.key}: how ${s.text} is written (add it to TEX)`).toBeInstanceOf(RegExp);
        expect(Object.keys(rules[ruleId].spec), `${v.key}: ${s.key}`).toContain(s.key);
        expect(tex, `${v.key}: ${s.text}`).toMatch(TEX[s.text]);
      }
      for (const [text, pattern] of Object.entries(TEX)) {
        // μ in NAdam is its momentum schedule μₜ, not a control.
        if (pattern.test(tex) && !(text === 'μ' && ruleId === 'nadam')) {
          expect(v.symbols.map((s) => s.text), `${v.key} uses ${text}`).toContain(text);
        }
      }
    }
  });

  it("only plain SGD is the paper's own rule (its torch-vs-paper note is about momentum)", () => {
    const asPaper = [...allRuleVariants().values()].filter((v) => v.asPaper).map((v) => v.key);
    expect(asPaper).toEqual(['sgd']);
  });

  it('every variant is valid TeX (KaTeX renders it strictly)', () => {
    for (const v of allRuleVariants().values()) {
      expect(() => katex.renderToString(variantTex(v), { throwOnError: true, displayMode: true }), v.key).not.toThrow();
    }
  });
});
