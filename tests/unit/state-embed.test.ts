import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
// The whole catalog, as the package's entries load it (the bundle loads surfaces one by one).
import '../../surfaces/index';
// A configuration that names a catalog preset (AdamW here) exists only once the catalog is loaded.
import '../../src/core/optimizers/more';
import { defaultConfig, type Config } from '../../src/state/config';
import { BUNDLE_URL, CDN_NOTE, embedSnippet, escapeHtml, optimizerAttributes, playgroundAttributes, VERSION } from '../../src/state/embed';
import { setBundleUrl } from '../../src/state/bundle-url';
import { getSurface } from '../../src/state/config';
import { compileSurface } from '../../src/core/expression/index';

describe('embedSnippet', () => {
  test('VERSION is package.json version, and the default src names it', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(BUNDLE_URL).toBe(`https://cdn.jsdelivr.net/npm/descent-lab@${pkg.version}/dist/bundle/descent-lab.js`);
  });

  test('src: the one given, else where the bundle was loaded from, else the CDN form under a comment saying when it works', () => {
    const config = defaultConfig('saddle');
    const firstLines = (code: string) => code.split('\n').slice(0, 2);
    // No src and no bundle loaded (the npm library): jsDelivr's URL, and a note that it serves
    // the package only once this version is on npm, naming the file to point at meanwhile.
    expect(firstLines(embedSnippet(config))).toEqual([CDN_NOTE, `<script type="module" src="${BUNDLE_URL}"></script>`]);
    expect(CDN_NOTE).toMatch(/^<!-- .*descent-lab@0\.1\.0.*published on npm.*dist\/bundle\/descent-lab\.js.* -->$/);
    expect(CDN_NOTE).toContain(`descent-lab@${VERSION}`);
    // The page loaded the single-file bundle (src/bundle.ts records its import.meta.url).
    setBundleUrl('https://blog.example/assets/descent-lab/descent-lab.js');
    try {
      expect(firstLines(embedSnippet(config))[0]).toBe('<script type="module" src="https://blog.example/assets/descent-lab/descent-lab.js"></script>');
      // An explicit src wins over both; no document here, so a relative one stays as given.
      expect(firstLines(embedSnippet(config, { src: 'dist/bundle/descent-lab.js' }))[0]).toBe(
        '<script type="module" src="dist/bundle/descent-lab.js"></script>',
      );
    } finally {
      setBundleUrl(undefined);
    }
    expect(embedSnippet(config)).toContain(CDN_NOTE);
  });

  test('a default race: the surface, one child per optimizer with its race lr, the src given', () => {
    const code = embedSnippet(defaultConfig('rosenbrock'), { src: '/b.js', fallback: '' });
    const lines = code.trim().split('\n');
    expect(lines[0]).toBe('<script type="module" src="/b.js"></script>');
    expect(lines[1]).toBe('<descent-playground surface="rosenbrock">');
    expect(lines.at(-1)).toBe('</descent-playground>');
    expect(lines.filter((l) => l.includes('<descent-optimizer kind='))).toHaveLength(defaultConfig('rosenbrock').optimizers.length);
    expect(code).toContain('<descent-optimizer kind="adam" lr="');
  });

  test('only what differs from the surface defaults is written', () => {
    const base = defaultConfig('two-wells');
    const config: Config = { ...base, start: [0.5, -1], steps: 123, speed: 30, layout: 'grid' };
    expect(playgroundAttributes(config)).toEqual([
      ['surface', 'two-wells'],
      ['start', '0.5 -1'],
      ['steps', '123'],
      ['speed', '30'],
      ['layout', 'grid'],
    ]);
    expect(playgroundAttributes(base)).toEqual([['surface', 'two-wells']]);
  });

  test('children: non-default options in kebab-case, options the race sets, label, noise, disabled', () => {
    const race = getSurface('rosenbrock');
    const attrs = optimizerAttributes(
      { kind: 'adamw', hyper: { lr: 0.02, weightDecay: 0.5, amsgrad: true, beta1: 0.9 }, enabled: false, label: 'W "fast"', noise: 0.1 },
      race,
    );
    expect(attrs).toEqual([
      ['kind', 'adamw'],
      ['lr', '0.02'],
      ['weight-decay', '0.5'],
      ['amsgrad', 'true'],
      ['label', 'W "fast"'],
      ['noise', '0.1'],
      ['disabled', ''],
    ]);
    // An option the race sets is written even at the preset's default (the element would fill it from the race).
    const raced = race.race?.optimizers.find((r) => r.optimizer === 'adam');
    expect(raced?.hyper?.lr).toBeDefined();
    expect(optimizerAttributes({ kind: 'adam', hyper: { lr: 0.001 }, enabled: true }, race)).toEqual([
      ['kind', 'adam'],
      ['lr', '0.001'],
    ]);
  });

  test('a typed-in surface: expression and domain, escaped; its defaults left out when it can be compiled', () => {
    const expr = 'x^2 + 3*y^2 < "1" & 2';
    const domain = { x: [-4, 4] as [number, number], y: [-3, 3] as [number, number] };
    const config: Config = { ...defaultConfig(), expr: 'x^2 + 3*y^2', domain, start: [1, 2] };
    const compiled = playgroundAttributes(config, compileSurface);
    expect(compiled.slice(0, 2)).toEqual([
      ['expression', 'x^2 + 3*y^2'],
      ['domain', '-4 4 -3 3'],
    ]);
    expect(compiled.find(([k]) => k === 'start')).toEqual(['start', '1 2']);
    expect(escapeHtml(expr)).toBe('x^2 + 3*y^2 &lt; &quot;1&quot; &amp; 2');
    const code = embedSnippet({ ...config, expr }, { src: 'x.js', attributes: { theme: 'dark', lang: null } });
    expect(code).toContain('expression="x^2 + 3*y^2 &lt; &quot;1&quot; &amp; 2"');
    expect(code).toContain(' theme="dark"');
    expect(code).not.toContain('lang=');
    expect(code).toMatch(/<p>Gradient-descent optimizers racing on f\(x, y\) = .*needs JavaScript.\)<\/p>/);
  });
});
