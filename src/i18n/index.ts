/**
 * UI strings in English and Korean. `t(lang, key, params)` looks a string up and fills in its
 * `{name}` parameters. English is built in; Korean is a small lazy chunk, loaded the first time a
 * Korean widget renders (`t` answers in English until then, and `whenLoaded` says when to render
 * again).
 *
 * An element's language: its own `lang` attribute, else the nearest `lang` above it, looking
 * through shadow roots to their hosts (a panel inside a playground follows the playground).
 */
import { en, type StringKey, type Strings } from './en';

export type Lang = 'en' | 'ko';
export const langs: readonly Lang[] = ['en', 'ko'];
export type { StringKey, Strings };

const loaded: Partial<Record<Lang, Strings>> = { en };
let koLoading: Promise<void> | undefined;

/** A BCP 47 tag ("ko", "ko-KR", "en-GB", "") as one of ours; anything else is English. */
export function toLang(tag: string | null | undefined): Lang {
  return /^ko(-|$)/i.test(tag?.trim() ?? '') ? 'ko' : 'en';
}

/** The language an element shows: its nearest `lang`, through shadow roots. */
export function langOf(element: Element): Lang {
  let node: Element | null = element;
  while (node) {
    const holder: Element | null = node.closest('[lang]');
    if (holder) return toLang(holder.getAttribute('lang'));
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return 'en';
}

/** Whether `lang`'s strings are here (English always is). */
export function isLoaded(lang: Lang): boolean {
  return loaded[lang] !== undefined;
}

/** Loads `lang`'s strings once; resolves when they are here (at once for English). */
export function whenLoaded(lang: Lang): Promise<void> {
  if (lang === 'en' || loaded[lang]) return Promise.resolve();
  koLoading ??= import('./ko').then(
    (m) => {
      loaded.ko = m.ko;
    },
    () => {
      koLoading = undefined;
    },
  );
  return koLoading;
}

/** The string `key` in `lang` (English while Korean loads), with `{name}` parameters filled in. */
export function t(lang: Lang, key: StringKey, params?: Readonly<Record<string, string | number>>): string {
  const text = (loaded[lang] ?? en)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
