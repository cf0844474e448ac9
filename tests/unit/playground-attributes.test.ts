/**
 * The playground's configuration properties as they follow the UI (configProperties) read back
 * (attributeTexts, then readAttributes, the element's own path) to the configuration shown:
 * surface, start, steps, speed, layout and the optimizers' kinds. Numbers stay numbers.
 */
import { describe, expect, it } from 'vitest';
import { attributeTexts, configProperties, numberAttribute, readAttributes } from '../../src/components/descent-playground/attributes';
import { defaultConfig, type Config } from '../../src/state/config';
import { surfaceIds } from '../../surfaces/index';

describe('configProperties', () => {
  for (const id of surfaceIds) {
    it(`reads back to what is shown: ${id}, start moved, steps and speed changed, grid, one optimizer dropped`, () => {
      const base = defaultConfig(id);
      const [x, y] = base.start;
      const shown: Config = {
        ...base,
        start: [x + 0.125, y - 0.25],
        steps: base.steps + 17,
        speed: base.speed * 2,
        layout: 'grid',
        optimizers: base.optimizers.slice(1),
      };
      const properties = configProperties(shown);
      expect(typeof properties.steps).toBe('number');
      expect(typeof properties.speed).toBe('number');
      expect(properties.start).toBe(`${x + 0.125} ${y - 0.25}`);
      const { config, errors } = readAttributes(attributeTexts(properties), [], 'en', undefined);
      expect(errors).toEqual([]);
      expect(config.surface).toBe(id);
      expect(config.start).toEqual(shown.start);
      expect([config.steps, config.speed, config.layout]).toEqual([shown.steps, shown.speed, 'grid']);
      expect(config.optimizers.map((e) => e.kind)).toEqual(shown.optimizers.map((e) => e.kind));
    });
  }

  it('writes a typed-in surface as expression and domain', () => {
    const shown: Config = { ...defaultConfig('saddle'), expr: 'x^2 + 3*y^2', domain: { x: [-4, 4], y: [-3, 2.5] } };
    expect(configProperties(shown)).toMatchObject({ surface: 'saddle', expression: 'x^2 + 3*y^2', domain: '-4 4 -3 2.5' });
    expect(configProperties(defaultConfig('saddle'))).toMatchObject({ expression: null, domain: null });
  });
});

describe('numberAttribute', () => {
  it('reads numbers as numbers and keeps other text, so the message can quote it', () => {
    expect(numberAttribute.fromAttribute('300')).toBe(300);
    expect(numberAttribute.fromAttribute(' 2.5e2 ')).toBe(250);
    expect(numberAttribute.fromAttribute(null)).toBeNull();
    expect(numberAttribute.fromAttribute('fast')).toBe('fast');
    expect(numberAttribute.fromAttribute('')).toBe('');
    const { errors } = readAttributes(
      attributeTexts({ surface: null, expression: null, domain: null, optimizers: null, start: null, layout: null, steps: numberAttribute.fromAttribute('fast'), speed: null }),
      [],
      'en',
      undefined,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"fast"');
  });
});
