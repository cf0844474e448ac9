/**
 * Whether the reader has changed the surface's default race (state/config.ts `defaultRace`): the
 * "Default race" button restores it (the "Reset" button only rewinds to step 0), and the race's
 * story is shown only while the paths on the map are the ones it describes.
 */
import type { Surface } from '../../core/types';
import { defaultRace, sameEntries, type Config } from '../../state/config';

/**
 * 0: the default race is shown; 1: only its speed differs (the paths are the story's); 2: the
 * runners, start or steps differ.
 */
export function raceChange(config: Config, surface: Surface): 0 | 1 | 2 {
  const race = defaultRace(surface);
  const [x, y] = race.start;
  if (!sameEntries(config.optimizers, race.optimizers) || config.start[0] !== x || config.start[1] !== y || config.steps !== race.steps) return 2;
  return config.speed === race.speed ? 0 : 1;
}
