/**
 * The definitions of the rules no default race runs (Adamax, NAdam, RAdam) and their
 * compiled-loop source, given to the registry as this module loads (see ./lazy.ts).
 */
import '../../generated/rule-source-more';
import { adamax } from './adamax';
import { provideRules } from './lazy';
import { nadam } from './nadam';
import { radam } from './radam';
import type { UpdateRule } from './rule';

provideRules([adamax, nadam, radam] as unknown as UpdateRule[]);
