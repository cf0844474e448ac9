/**
 * The step loop's source (src/core/loop.ts) as the one-file bundle carries it: that file's
 * JavaScript lives in template literals, which the minifier leaves as written, so its
 * indentation, the spaces around its operators and after its commas, semicolons and braces are
 * dropped before bundling (newlines kept). The rest of the file is TypeScript, where the same
 * holds. A space that matters (`a - -b`) must not appear in loop.ts:
 * tests/unit/squeeze-loop.test.ts compiles the squeezed loop and compares its tokens.
 */
export function squeezeLoop(code: string): string {
  return code
    .replace(/\n[ \t]+/g, '\n')
    .replace(/ ([=!<>]=?=?|[-+*/%?:]|&&|\|\||=>|[-+*/]=) /g, '$1')
    .replace(/([,;{]) /g, '$1')
    .replace(/ \}/g, '}');
}
