import { describe, expect, it } from 'vitest';
import {
  checkHyper,
  hyperKey,
  parseDomain,
  parseExpression,
  parseHyperValue,
  parseLayout,
  parseNumber,
  parsePresetList,
  parseSpeed,
  parseStart,
  parseSteps,
  parseSurface,
} from '../../src/state/parse';

describe('parseNumber', () => {
  it('accepts plain decimals and exponents only', () => {
    expect(parseNumber(' -1.5e-3 ')).toBe(-0.0015);
    expect(parseNumber('.5')).toBe(0.5);
    for (const bad of ['', '0x10', 'Infinity', '1,5', 'abc', '1e999']) expect(parseNumber(bad)).toBeUndefined();
  });
});

describe('parseStart', () => {
  it('reads "x y" and "x,y"', () => {
    expect(parseStart('-1.5 2')).toEqual({ ok: true, value: [-1.5, 2] });
    expect(parseStart('0.1,-3')).toEqual({ ok: true, value: [0.1, -3] });
  });
  it('explains what it wanted', () => {
    const r = parseStart('1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/two numbers "x y"/);
  });
  it('with a domain, refuses a point off the map and names the domain; edges are on it', () => {
    const domain = { x: [-2, 2], y: [-1, 3] } as const;
    expect(parseStart('2 -1', domain)).toEqual({ ok: true, value: [2, -1] });
    for (const text of ['2.01 0', '0 -1.5', '50 50']) {
      const r = parseStart(text, domain);
      expect(r.ok, text).toBe(false);
      expect(!r.ok && r.message).toBe("is outside the surface's domain (x ∈ [-2, 2], y ∈ [-1, 3])");
      expect(!r.ok && r.problem).toBe('startOutside');
      expect(!r.ok && r.params).toEqual({ domain: 'x ∈ [-2, 2], y ∈ [-1, 3]' });
    }
  });
});

describe('parseSurface, parseSteps, parseSpeed, parseLayout', () => {
  it('lists the catalog ids for an unknown surface', () => {
    const r = parseSurface('nope');
    expect(!r.ok && r.message).toMatch(/not a catalog surface; use one of .*rosenbrock/);
    expect(parseSurface('saddle')).toEqual({ ok: true, value: 'saddle' });
  });
  it('wants whole steps in range, positive speeds and a known layout', () => {
    expect(parseSteps('500')).toEqual({ ok: true, value: 500 });
    expect(parseSteps('2.5').ok).toBe(false);
    expect(parseSteps('0').ok).toBe(false);
    expect(parseSpeed('0').ok).toBe(false);
    expect(parseSpeed('120')).toEqual({ ok: true, value: 120 });
    expect(parseLayout('grid')).toEqual({ ok: true, value: 'grid' });
    expect(parseLayout('map')).toEqual({ ok: true, value: 'map' });
    expect(!parseLayout('tiles').ok && (parseLayout('tiles') as { message: string }).message).toBe('must be overlay, grid or map');
  });
});

describe('parsePresetList', () => {
  it('keeps known ids in order and reports the rest', () => {
    expect(parsePresetList('sgd  adam nope adam')).toEqual({ ids: ['sgd', 'adam', 'adam'], unknown: ['nope'] });
  });
});

describe('hyperKey and parseHyperValue', () => {
  it('maps kebab-case attribute names to camelCase options', () => {
    expect(hyperKey('adam', 'weight-decay')).toBe('weightDecay');
    expect(hyperKey('adam', 'beta1')).toBe('beta1');
    expect(hyperKey('sgd', 'beta1')).toBeUndefined();
  });
  it("uses the core's validation and message", () => {
    expect(parseHyperValue('adam', 'lr', '0.05')).toEqual({ ok: true, value: 0.05 });
    const r = parseHyperValue('adam', 'lr', '-1');
    expect(!r.ok && r.message).toBe('option "lr" must be a number >= 0, got -1');
    expect(parseHyperValue('nesterov', 'nesterov', 'false').ok).toBe(true);
    expect(parseHyperValue('adam', 'amsgrad', 'maybe').ok).toBe(false);
  });
  it('checkHyper reports combinations the core refuses', () => {
    expect(checkHyper('sgd', { nesterov: true }).ok).toBe(false);
  });
});

describe('parseExpression and parseDomain', () => {
  it('takes any non-blank expression text as it is (the compiler checks the rest)', () => {
    expect(parseExpression(' sin(x) ')).toEqual({ ok: true, value: ' sin(x) ' });
    expect(parseExpression('  ')).toMatchObject({ ok: false, message: 'is empty; type an expression in x and y, e.g. "x^2 + 3*y^2"' });
  });

  it('reads "xmin xmax ymin ymax" with spaces or commas and names what is wrong', () => {
    expect(parseDomain('-4 4 -3 3.5')).toEqual({ ok: true, value: { x: [-4, 4], y: [-3, 3.5] } });
    expect(parseDomain('-4,4, -3,3')).toEqual({ ok: true, value: { x: [-4, 4], y: [-3, 3] } });
    expect(parseDomain('-4 4 -3')).toMatchObject({ ok: false, message: 'must be four numbers "xmin xmax ymin ymax", e.g. "-4 4 -3 3"' });
    expect(parseDomain('a b c d')).toMatchObject({ ok: false, message: 'must be four numbers "xmin xmax ymin ymax", e.g. "-4 4 -3 3"' });
    expect(parseDomain('4 -4 0 1')).toMatchObject({ ok: false, message: 'must have xmin < xmax, got xmin 4 and xmax -4' });
    expect(parseDomain('0 1 2 2')).toMatchObject({ ok: false, message: 'must have ymin < ymax, got ymin 2 and ymax 2' });
  });
});

describe('parse failures carry what was wrong, for other languages', () => {
  it('names the problem and its values', () => {
    expect(parseDomain('4 -4 0 1')).toMatchObject({ problem: 'domainX', params: { x0: 4, x1: -4 } });
    expect(parseExpression(' ')).toMatchObject({ problem: 'expression' });
  });
});

