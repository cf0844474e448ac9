import { describe, expect, test } from 'vitest';
import { en } from '../../src/i18n/en';
import { ko } from '../../src/i18n/ko';
import { isLoaded, t, toLang, whenLoaded } from '../../src/i18n/index';

const params = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('i18n', () => {
  test('Korean has every English key, non-empty, with the same parameters', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ko[key].trim(), key).not.toBe('');
      expect(params(ko[key]), key).toEqual(params(en[key]));
    }
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
