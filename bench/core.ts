/**
 * `npm run bench` (core part): ns per step of `trajectory()` for every preset on Rosenbrock,
 * against a hand-inlined loop doing the same work and against @tensorflow/tfjs-core's optimizer
 * of the same name (CPU backend) applying the same gradients, all in this one process.
 * Targets (issue "Headless core"): trajectory within 1.25x of the inlined loop, and over 1000x
 * faster than tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { optimizers, presetIds, resolveHyper, surfaces, trajectory } from '../src/core/index';
import { inlinedRosenbrock } from './inlined';
import { nsPerUnit, pairedRatio, table } from './util';

const surface = surfaces.rosenbrock;
const start: [number, number] = [-1.5, 2];
const steps = 1000;

/** Learning rates that keep every preset on Rosenbrock from diverging, so all run 1000 steps. */
const hyperFor: Record<string, Record<string, number | boolean>> = {
  sgd: { lr: 2e-4 },
  momentum: { lr: 1e-4 },
  nesterov: { lr: 1e-4 },
  adagrad: { lr: 0.05 },
  adadelta: {},
  rmsprop: { lr: 1e-3 },
  adam: { lr: 0.01 },
  amsgrad: { lr: 0.01 },
  adamw: { lr: 0.01 },
  adamax: { lr: 0.01 },
  nadam: { lr: 0.01 },
  radam: { lr: 0.01 },
};

type TfOptimizer = tf.Optimizer;
function tfOptimizer(id: string, h: Record<string, number | boolean>): TfOptimizer | undefined {
  const n = (k: string) => Number(h[k]);
  switch (id) {
    case 'sgd':
      return tf.train.sgd(n('lr'));
    case 'momentum':
      return tf.train.momentum(n('lr'), n('momentum'), false);
    case 'nesterov':
      return tf.train.momentum(n('lr'), n('momentum'), true);
    case 'adagrad':
      return tf.train.adagrad(n('lr'));
    case 'adadelta':
      return tf.train.adadelta(n('lr'), n('rho'), n('eps'));
    case 'rmsprop':
      return tf.train.rmsprop(n('lr'), n('alpha'), 0, n('eps'));
    case 'adam':
      return tf.train.adam(n('lr'), n('beta1'), n('beta2'), n('eps'));
    case 'adamax':
      return tf.train.adamax(n('lr'), n('beta1'), n('beta2'), n('eps'));
    default:
      return undefined; // tfjs-core has no AMSGrad, AdamW, NAdam or RAdam
  }
}

/** ns per step of tfjs-core applying our Rosenbrock gradients to a 2-vector variable. */
function tfNsPerStep(opt: TfOptimizer, tfSteps: number): number {
  const v = tf.variable(tf.tensor1d(start));
  const xs = new Float64Array(tfSteps + 1);
  const grad = new Float64Array(2);
  const t0 = performance.now();
  for (let t = 1; t <= tfSteps; t++) {
    const [x, y] = v.dataSync();
    surface.grad(x, y, grad);
    tf.tidy(() => opt.applyGradients([{ name: v.name, tensor: tf.tensor1d([grad[0], grad[1]]) }]));
    xs[t] = surface.f(x, y);
  }
  const ns = ((performance.now() - t0) * 1e6) / tfSteps;
  v.dispose();
  opt.dispose();
  return ns;
}

export async function benchCore(): Promise<string> {
  await tf.setBackend('cpu');
  const rows: (string | number)[][] = [];
  for (const id of presetIds) {
    const h = resolveHyper(id, hyperFor[id]);
    const inlined = inlinedRosenbrock(id, h, surface.domain);
    const ours = () => trajectory({ surface, optimizer: id, hyper: hyperFor[id], start, steps });
    // The baseline must compute the same path, or the comparison means nothing.
    const a = ours();
    const b = inlined(steps, start[0], start[1]);
    const dx = Math.abs(a.x[steps] - b.x[steps]) + Math.abs(a.y[steps] - b.y[steps]);
    if (a.status !== 'ok' || !(dx < 1e-9 * (1 + Math.abs(a.x[steps])))) {
      throw new Error(`${id}: inlined loop and trajectory() disagree (status ${a.status}, |Δ| = ${dx})`);
    }
    for (let i = 0; i < 5; i++) (ours(), inlined(steps, start[0], start[1])); // warm up both
    const med = pairedRatio(
      () => nsPerUnit(ours, steps, 80),
      () => nsPerUnit(() => inlined(steps, start[0], start[1]), steps, 80),
      15,
    );
    const opt = tfOptimizer(id, h);
    const tfNs = opt ? tfNsPerStep(opt, 300) : NaN;
    rows.push([
      optimizers[id].label,
      med.ours.toFixed(1),
      med.baseline.toFixed(1),
      `${med.ratio.toFixed(2)}x`,
      opt ? (tfNs / 1000).toFixed(1) : '—',
      opt ? `${Math.round(tfNs / med.ours).toLocaleString('en-US')}x` : 'no tfjs-core equivalent',
    ]);
  }
  return table(
    ['preset', 'trajectory() ns/step', 'inlined ns/step', 'ours / inlined (median of paired runs)', 'tfjs-core µs/step', 'tfjs-core / ours'],
    rows,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Rosenbrock from (${start}), ${steps} steps per run, Node ${process.version}\n`);
  console.log(await benchCore());
}
