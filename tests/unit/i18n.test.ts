import { describe, expect, test } from 'vitest';
import { en as core } from '../../src/i18n/en';
import { enField } from '../../src/i18n/en-field';
import { enSettings } from '../../src/i18n/en-settings';
import { enInspect } from '../../src/i18n/en-inspect';
import { enTraining } from '../../src/i18n/en-training';
import { enMap } from '../../src/i18n/en-map';
import { enExport } from '../../src/i18n/en-export';
import { enRule } from '../../src/i18n/en-rule';
import { enEmbed } from '../../src/i18n/en-embed';
import { ko as koCore } from '../../src/i18n/ko';
import { koInspect } from '../../src/i18n/ko-inspect';
import { addStrings, isLoaded, t, toLang, whenLoaded } from '../../src/i18n/index';

/** Every English string: the bundle's, the expression field's, the further settings', the inner-state view's, training's, the map layout's and the export menu's (their lazy chunks add them). */
const en = { ...core, ...enField, ...enSettings, ...enInspect, ...enTraining, ...enMap, ...enExport, ...enRule, ...enEmbed };

/** Every Korean string: the Korean set's, and the inner-state view's (its chunk adds them). */
const ko = { ...koCore, ...koInspect };

const params = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('i18n', () => {
  test('Korean has every English key, non-empty, with the same parameters', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ko[key].trim(), key).not.toBe('');
      expect(params(ko[key]), key).toEqual(params(en[key]));
    }
  });

  test("the inner-state view's Korean is not in the Korean set every Korean page loads, only in its chunk", () => {
    expect(Object.keys(koInspect).filter((k) => k in koCore)).toEqual([]);
    expect(Object.keys(koInspect).sort()).toEqual(Object.keys(enInspect).sort());
  });

  test("the expression field's English strings are not in the bundle's set, and are there once its chunk adds them", () => {
    expect(Object.keys(enField).filter((k) => k in core)).toEqual([]);
    expect(t('en', 'expressionBusy')).toBeUndefined();
    addStrings('en', enField);
    expect(t('en', 'expressionBusy')).toBe('Finding critical points…');
    expect(t('en', 'boundNotNumber', { bound: 'x min', text: 'abc' })).toBe('x min must be a number, got "abc".');
    expect(t('en', 'play')).toBe('Play');
  });

  test("the further settings' English strings come with their chunk", () => {
    expect(Object.keys(enSettings).filter((k) => k in core)).toEqual([]);
    expect(t('en', 'noiseMustBe')).toBeUndefined();
    addStrings('en', enSettings);
    expect(t('en', 'settingsOf', { name: 'Adam' })).toBe('Adam settings');
  });

  test("the inner-state view's English strings come with its chunk", () => {
    expect(Object.keys(enInspect).filter((k) => k in core)).toEqual([]);
    expect(t('en', 'inspectLegend')).toBeUndefined();
    addStrings('en', enInspect);
    expect(t('en', 'inspectScale', { factor: 10 })).toBe('arrows × 10');
  });

  test("training's English strings (batch sizes, schedules, the data panel) come with its chunk", () => {
    expect(Object.keys(enTraining).filter((k) => k in core)).toEqual([]);
    expect(t('en', 'dataHeading')).toBeUndefined();
    addStrings('en', enTraining);
    expect(t('en', 'fullOption', { n: 128 })).toBe('full (128)');
  });

  test('toLang maps BCP 47 tags to en or ko', () => {
    expect(toLang('ko')).toBe('ko');
    expect(toLang('ko-KR')).toBe('ko');
    expect(toLang('KO')).toBe('ko');
    expect(toLang('en-GB')).toBe('en');
    expect(toLang('kok')).toBe('en');
    expect(toLang(null)).toBe('en');
  });

  test('t fills parameters; Korean answers in English until loaded, then in Korean', async () => {
    expect(t('en', 'announceConverged', { name: 'Adam', k: 212 })).toBe('Adam converged at step 212');
    expect(t('en', 'play')).toBe('Play');
    if (!isLoaded('ko')) expect(t('ko', 'play')).toBe('Play');
    await whenLoaded('ko');
    expect(t('ko', 'play')).toBe('재생');
    expect(t('ko', 'announceDiverged', { name: 'SGD', k: 14 })).toBe('SGD 발산: 14단계');
  });
});
