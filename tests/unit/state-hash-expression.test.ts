/**
 * encodeHash / decodeHash with a typed-in surface: `expr=` (percent-encoded as typed) and
 * `domain=`, defaults from the compiled surface, specific messages for bad values.
 */
import { describe, expect, it } from 'vitest';
import { compileSurface } from '../../src/core/expression/index';
import { DEFAULT_EXPRESSION_DOMAIN, type Config } from '../../src/state/config';
import { customConfig } from '../../src/state/custom-race';
import { decodeHash, encodeHash } from '../../src/state/hash';

const compile = compileSurface;
const EXPR = 'sin(x)*cos(y) + 0.1*(x^2+y^2)';
const DOMAIN = { x: [-4, 4], y: [-3, 3.5] } as const;

function custom(expr = EXPR, domain: Config['domain'] = DOMAIN): Config {
  return customConfig(compileSurface(expr, { domain }), expr, domain ?? DEFAULT_EXPRESSION_DOMAIN);
}

describe('encodeHash with a typed-in surface', () => {
  it('writes expr (percent-encoded) and domain in place of surface, and nothing that is default', () => {
    expect(encodeHash(custom(), { compile })).toBe('expr=sin(x)*cos(y)%20%2B%200.1*(x%5E2%2By%5E2)&domain=-4,4,-3,3.5');
  });

  it('leaves out the default domain', () => {
    expect(encodeHash(custom('x^2 + y^2', DEFAULT_EXPRESSION_DOMAIN), { compile })).toBe('expr=x%5E2%20%2B%20y%5E2');
  });

  it('without the compiler writes the start and the optimizers in full', () => {
    const hash = encodeHash(custom());
    expect(hash).toMatch(/^expr=[^&]+&domain=-4,4,-3,3\.5&start=[-\d.]+,[-\d.]+&opt=sgd\(lr=[\d.e-]+\),momentum/);
    expect(decodeHash(hash, { compile }).config).toEqual(custom());
  });

  it('keeps a fallback surface other than the default', () => {
    const config = { ...custom(), surface: 'saddle' };
    expect(encodeHash(config, { compile })).toMatch(/^surface=saddle&expr=/);
  });
});

describe('decodeHash with a typed-in surface', () => {
  it('round-trips expressions with ( ) , * ^ + - / % # & = and runs of spaces', () => {
    const exprs = [
      EXPR,
      '(1 - x)^2 + 100 * (y - x^2)^2',
      'max(abs(x), abs(y)) + min(x, y)/10',
      'log(x^2 + 1, 2) + atan2(y, x + 10)',
      '  x^2   +  3*y^2  ',
      'x^2 + y^2 # a comment & more = stuff',
      'hypot(x, y) + 1e-3*x # 50% off, %41 stays',
    ];
    for (const expr of exprs) {
      const config: Config = {
        ...custom(expr),
        start: [0.25, -1.5],
        steps: 450,
        layout: 'grid',
        step: 12,
        optimizers: [
          { kind: 'adam', hyper: { lr: 0.05 }, enabled: true },
          { kind: 'sgd', hyper: { lr: 0.001 }, label: 'slow (SGD)', enabled: false },
        ],
      };
      for (const options of [{ compile }, {}]) {
        const hash = encodeHash(config, options);
        expect(hash.includes(' '), hash).toBe(false);
        const { config: back, errors } = decodeHash(`#${hash}`, { compile });
        expect(errors, hash).toEqual([]);
        expect(back, hash).toEqual(config);
      }
    }
  });

  it('gives the surface its own start and race when the link has only expr', () => {
    const { config, errors } = decodeHash('expr=x%5E2%20%2B%203*y%5E2', { compile });
    expect(errors).toEqual([]);
    const surface = compileSurface('x^2 + 3*y^2');
    expect(config.expr).toBe('x^2 + 3*y^2');
    expect(config.domain).toEqual(DEFAULT_EXPRESSION_DOMAIN);
    expect(config.start).toEqual([...surface.start]);
    expect(config.optimizers.map((e) => e.kind)).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'adadelta', 'rmsprop', 'adam']);
    expect(config.steps).toBe(300);
  });

  it('reads an expression the browser left unencoded', () => {
    const { config, errors } = decodeHash('expr=sin(x)*cos(y)&domain=-3,3,-3,3', { compile });
    expect(errors).toEqual([]);
    expect(config.expr).toBe('sin(x)*cos(y)');
    expect(config.domain).toEqual({ x: [-3, 3], y: [-3, 3] });
  });

  it('reports a bad expression with the compiler\'s message and falls back to the catalog surface', () => {
    const { config, errors } = decodeHash('expr=foo(x)%20%2B%20y&steps=50', { compile });
    expect(errors).toEqual([
      'expr=foo(x) + y in the link: unknown function "foo" at characters 1–3; the functions are sqrt, cbrt, exp, expm1, log, log10, log2, log1p, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, asinh, acosh, atanh, abs, sign, min, max, hypot, pow, square, cube',
    ]);
    expect(config.expr).toBeUndefined();
    expect(config.domain).toBeUndefined();
    expect(config.surface).toBe('rosenbrock');
    expect(config.steps).toBe(50);
  });

  it('reports an empty expression, a bad domain and a domain without expr specifically', () => {
    expect(decodeHash('expr=%20%20', { compile }).errors).toEqual([
      'expr in the link is empty; type an expression in x and y, e.g. "x^2 + 3*y^2"',
    ]);
    expect(decodeHash('expr=x*y&domain=1,2,3', { compile }).errors).toEqual([
      'domain=1,2,3 in the link must be four numbers "xmin xmax ymin ymax", e.g. "-4 4 -3 3"',
    ]);
    expect(decodeHash('expr=x*y&domain=2,1,0,1', { compile }).errors).toEqual([
      'domain=2,1,0,1 in the link must have xmin < xmax, got xmin 2 and xmax 1',
    ]);
    const bad = decodeHash('expr=x*y&domain=2,1,0,1', { compile }).config;
    expect(bad.domain).toEqual(DEFAULT_EXPRESSION_DOMAIN);
    expect(decodeHash('surface=saddle&domain=-1,1,-1,1').errors).toEqual([
      'domain in the link is the window of a typed-in surface and needs expr; ignored',
    ]);
  });

  it('says that an expression needs the compiler when none is given', () => {
    const { config, errors } = decodeHash('expr=x*y');
    expect(errors).toEqual(['expr in the link needs the expression module: decode with { compile } from loadExpressions()']);
    expect(config.expr).toBeUndefined();
  });
});
