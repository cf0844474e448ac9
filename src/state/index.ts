/** descent-lab/state: the Config type, its defaults, its parsers and its URL-hash codec. */
export * from './config';
export { normalizeConfig } from './normalize';
export * from './parse';
export { encodeHash, decodeHash, decodeEntry, defaultEntries } from './hash';
export type { DecodedHash, HashOptions } from './hash';
export type { Refusal, RefusalKey, RefusalReason } from './refusal';
export { customConfig, customLearningRates, customRace, surfaceScales, withCustomRace, CUSTOM_STEPS } from './custom-race';
export type { SurfaceCompiler, SurfaceScales } from './custom-race';
export { embedSnippet, escapeHtml, optimizerAttributes, playgroundAttributes, BUNDLE_URL, VERSION } from './embed';
export type { EmbedOptions } from './embed';
