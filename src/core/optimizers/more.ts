/**
 * What the one-file bundle loads on first use for the update rules: the definitions of the rules
 * no default race runs (Adamax, NAdam, RAdam), their compiled-loop source (and AdamW's), and the
 * portable step loop a page whose Content Security Policy forbids compiling runs. Each is given to
 * the registry or to trajectory() as this module loads (see ./lazy.ts); the library's entries
 * import it up front.
 */
import '../../generated/rule-source-more';
import { portableLoop } from '../../generated/portable-loop';
import { providePortableLoop } from '../trajectory';
import { adamax } from './adamax';
import { provideRules } from './lazy';
import { nadam } from './nadam';
import { radam } from './radam';
import type { UpdateRule } from './rule';

provideRules([adamax, nadam, radam] as unknown as UpdateRule[]);
providePortableLoop(portableLoop);
