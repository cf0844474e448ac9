/**
 * A part of a link or of a `config` that could not be used, in a form other languages can be
 * made from. decodeHash and normalizeConfig list each refusal twice: as English text in `errors`
 * (console warnings, the public API) and as a Refusal, which `<descent-playground>` shows in its
 * language (its `notices`; src/i18n: messageText, Korean in ko-prose.ts: koRefusals).
 */
import type { linkMessages } from './hash';
import type { configMessages } from './normalize';
import type { ParseFailure } from './parse';

/** Which message: a key of hash.ts's linkMessages or normalize.ts's configMessages. */
export type RefusalKey = keyof typeof linkMessages | keyof typeof configMessages;

/**
 * Why a value was refused, filled into its message's `{why}`: a parser's failure (parse.ts, with
 * its `problem`), or the expression compiler's SurfaceError (with its `code`, place and `expr`).
 */
export type RefusalReason =
  | Pick<ParseFailure, 'message' | 'problem' | 'params'>
  | { readonly message: string; readonly code: string; readonly start: number; readonly end: number; readonly expr: string };

export interface Refusal {
  /** The message in English, as in `errors`. */
  readonly message: string;
  readonly key: RefusalKey;
  /** The message's `{name}` parameters (values as the English shows them), without `why`. */
  readonly params: Readonly<Record<string, string | number>>;
  readonly why?: RefusalReason;
}

/** `template` with its `{name}` parameters filled in, in one pass (names it lacks stay as written). */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : m));
}

/**
 * Adds a refusal: its English text (from `messages`, the English templates) to `errors` and the
 * refusal itself to `refusals`.
 */
export function refuse<K extends RefusalKey>(
  messages: Readonly<Record<K, string>>,
  errors: string[],
  refusals: Refusal[] | undefined,
  key: K,
  params: Readonly<Record<string, string | number>> = {},
  why?: RefusalReason,
): void {
  const message = fill(messages[key], why ? { ...params, why: why.message } : params);
  errors.push(message);
  refusals?.push({ message, key, params, ...(why ? { why } : {}) });
}
