import { describe, expect, test } from 'vitest';
import { koHyperDocs as koHyperDocsFirst, koRules as koRulesFirst, koSurfaces } from '../../src/i18n/ko-prose';
import { koHyperDocsMore, koRulesMore } from '../../src/i18n/ko-prose-more';

// The Korean a first visit carries (the default races' presets) and the catalog's, fetched when
// one of its presets is shown: together they cover every preset, and neither repeats the other.
const koRules = { ...koRulesFirst, ...koRulesMore };
const koHyperDocs = { ...koHyperDocsFirst, ...koHyperDocsMore };
import { optimizers, presetIds, rules } from '../../src/core/optimizers/index';
// The English summaries and torch notes come with the rules' TeX (as the library's entries load it).
import '../../src/core/optimizers/rule-tex';
import { moreRules } from '../../src/core/optimizers/rule-tex-more';
import { moreProse } from '../../src/core/optimizers/rule-prose-more';
import { provideMoreProse, provideMoreRules } from '../../src/core/optimizers/rule-tex';
// As the library's entries do (the bundle: with the catalog's MathML).
provideMoreRules(moreRules);
provideMoreProse(moreProse);
import '../../src/core/optimizers/hyper-docs';
// The catalog's presets and rules (Adamax, ..., Schedule-free AdamW), as the library's entries load it.
import '../../src/core/optimizers/more';
import { surfaceIds, surfaces } from '../../surfaces/index';

const hangul = /[가-힣]/;
const numbers = (text: string) => [...text.matchAll(/\d+(\.\d+)?/g)].map((m) => m[0]);
// Math in the notes on torch and in the tooltips: Greek letters, sub- and superscripts, arrows, √, −.
const symbols = (text: string) => [...new Set([...text].filter((c) => /[^\x00-\x7F]/.test(c) && !hangul.test(c)))];

/** Every number of the English text appears in the Korean, as written (no dropped facts). */
function keepsNumbers(en: string, ko: string, where: string) {
  for (const n of numbers(en)) expect(ko.includes(n), `${where}: ${n} of "${en}" missing in "${ko}"`).toBe(true);
}

describe('Korean prose for the surfaces', () => {
  test('one entry per catalog surface and one for every typed-in surface (expr), none for an unknown id', () => {
    expect(Object.keys(koSurfaces).sort()).toEqual([...surfaceIds, 'expr'].sort());
  });

  test('a typed-in surface: its expression as its name, its note and its race story in Korean', async () => {
    const { compileSurface } = await import('../../src/core/expression/index');
    const { withCustomRace } = await import('../../src/state/custom-race');
    const { surfaceText, whenLoaded } = await import('../../src/i18n/index');
    await whenLoaded('ko');
    const s = withCustomRace(compileSurface('x^2 + 3*y^2'));
    const ko = surfaceText(s, 'ko');
    expect(ko.label).toBe('x^2 + 3*y^2');
    expect(ko.note).toMatch(hangul);
    expect(ko.story).toMatch(hangul);
    expect(surfaceText(s, 'en').note).toBe('Your own surface, typed in.');
  });

  test.each(surfaceIds)('%s: label, note, and a story exactly when the race has one', (id) => {
    const en = surfaces[id];
    const ko = koSurfaces[id];
    expect(ko.label.trim()).not.toBe('');
    expect(ko.note.trim()).not.toBe('');
    expect(ko.note).toMatch(hangul);
    expect(ko.note).not.toContain('\n');
    keepsNumbers(en.label, ko.label, `${id} label`);
    keepsNumbers(en.note, ko.note, `${id} note`);
    if (en.race?.story) {
      expect(ko.story?.trim()).toBeTruthy();
      expect(ko.story).toMatch(hangul);
      keepsNumbers(en.race.story, ko.story as string, `${id} story`);
    } else {
      expect(ko.story).toBeUndefined();
    }
  });

  test.each(surfaceIds)('%s: the prose labels of race entries are translated, and only those', (id) => {
    const presetLabels = new Set(presetIds.map((p) => optimizers[p].label));
    const labels = (surfaces[id].race?.optimizers ?? []).flatMap((e) => (e.label ? [e.label] : []));
    const prose = labels.filter((l) => !presetLabels.has(l));
    const ko = koSurfaces[id].raceLabels ?? {};
    expect(Object.keys(ko).sort()).toEqual(prose.sort());
    for (const [en, text] of Object.entries(ko)) {
      expect(text).toMatch(hangul);
      keepsNumbers(en, text, `${id} race label`);
    }
  });
});

describe('Korean prose for the optimizers', () => {
  test('one entry per preset, none for an unknown id', () => {
    expect(Object.keys(koRules).sort()).toEqual([...presetIds].sort());
    expect(Object.keys(koRulesFirst).filter((k) => k in koRulesMore)).toEqual([]);
    expect(Object.keys(koHyperDocsFirst).filter((k) => k in koHyperDocsMore)).toEqual([]);
    // The first table is the default races' (and AMSGrad's and AdamW's, Adam's rule): no more.
    expect(Object.keys(koRulesFirst).sort()).toEqual(['adadelta', 'adagrad', 'adam', 'adamw', 'amsgrad', 'momentum', 'nesterov', 'rmsprop', 'sgd']);
  });

  test.each(presetIds)('%s: summary, and differs exactly when the English has it', (id) => {
    const en = optimizers[id];
    const ko = koRules[id];
    expect(ko.summary).toMatch(hangul);
    keepsNumbers(en.summary, ko.summary, `${id} summary`);
    if (en.differs) {
      expect(ko.differs).toMatch(hangul);
      keepsNumbers(en.differs, ko.differs as string, `${id} differs`);
      for (const c of symbols(en.differs)) expect(ko.differs, `${id} differs: ${c}`).toContain(c);
    } else {
      expect(ko.differs).toBeUndefined();
    }
  });

  test('presets that share an update rule share its Korean differs', () => {
    for (const id of presetIds) {
      const same = presetIds.filter((p) => optimizers[p].ruleId === optimizers[id].ruleId);
      for (const p of same) expect(koRules[p].differs, `${id} vs ${p}`).toBe(koRules[id].differs);
    }
  });

  test('one tooltip per hyperparameter of every update rule, none for an unknown one', () => {
    expect(Object.keys(koHyperDocs).sort()).toEqual(Object.keys(rules).sort());
    for (const [ruleId, rule] of Object.entries(rules)) {
      const spec = rule.spec as Readonly<Record<string, { doc: string }>>;
      const ko = koHyperDocs[ruleId];
      expect(Object.keys(ko).sort(), ruleId).toEqual(Object.keys(spec).sort());
      for (const [key, { doc }] of Object.entries(spec)) {
        expect(ko[key], `${ruleId}.${key}`).toMatch(hangul);
        keepsNumbers(doc, ko[key], `${ruleId}.${key}`);
        for (const c of symbols(doc)) expect(ko[key], `${ruleId}.${key}: ${c}`).toContain(c);
      }
    }
  });
});
