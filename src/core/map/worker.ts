/**
 * Convergence maps off the page's main thread: a module Worker that computes bands of a map
 * (`convergenceMap` with `rows`) and replies with their arrays (transferred, not copied). It loads
 * a catalog surface's module, the rarer rules and the schedules only when a band needs them, and
 * the expression compiler only for a typed-in surface or a Hessian (Newton's rules).
 */
import { convergenceMap } from '../convergence-map';
import { loadOptimizers } from '../optimizers/index';
import { loadSchedules } from '../trajectory';
import { findSurface } from '../registry';
import { isSurfaceId, loadSurface } from '../../state/surfaces';
import type { Surface } from '../types';
import type { BandReply, BandRequest } from './protocol';

const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<BandRequest>) => void): void;
  postMessage(reply: BandReply, transfer?: Transferable[]): void;
};

const compiled = new Map<string, Surface>();

async function surfaceFor(input: BandRequest['options']['surface']): Promise<Surface> {
  if (typeof input === 'string') return findSurface(input) ?? (isSurfaceId(input) ? loadSurface(input) : Promise.reject(new Error(`unknown surface ${input}`)));
  const key = `${input.expr}|${input.domain.x}|${input.domain.y}`;
  let surface = compiled.get(key);
  if (!surface) {
    const { compileSurface } = await import('../expression/index');
    surface = compileSurface(input.expr, { domain: { x: [input.domain.x[0], input.domain.x[1]], y: [input.domain.y[0], input.domain.y[1]] } });
    compiled.set(key, surface);
  }
  return surface;
}

scope.addEventListener('message', (event) => void band(event.data));

async function band({ id, options }: BandRequest): Promise<void> {
  try {
    const surface = await surfaceFor(options.surface);
    if (options.schedule !== undefined) await loadSchedules();
    let map;
    for (let attempt = 1; !map; attempt++) {
      try {
        map = convergenceMap({ ...options, surface });
      } catch (error) {
        // A rarer rule still loading here, then what its first run asks for (Newton's: the
        // expression compiler, for the surface's Hessian): load it, then the band.
        if (!(attempt < 3 && error instanceof Error && /is loading/.test(error.message))) throw error;
        await loadOptimizers();
      }
    }
    const { basin, steps, loss, tolerance } = map;
    scope.postMessage({ id, basin, steps, loss, tolerance }, [basin.buffer, steps.buffer, loss.buffer]);
  } catch (error) {
    scope.postMessage({ id, failed: error instanceof Error ? error.message : String(error) });
  }
}
