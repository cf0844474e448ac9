/**
 * The English string of "Copy embed code"'s lazy chunk (descent-playground/embed-copy.ts), which
 * adds it with addStrings('en', …). The Korean set (ko.ts) has it. (One file per chunk: a module
 * two chunks share becomes a chunk of its own, one more request.)
 */
export const enEmbed = {
  embedCode: 'Embed code',
};
