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
import type { Message } from './ko-prose';

export type Lang = 'en' | 'ko';
export const langs: readonly Lang[] = ['en', 'ko'];
export type { StringKey, Strings };

// English without the expression field's and the further settings' strings until their chunks add them (addStrings).
const loaded: Partial<Record<Lang, Strings>> = { en: en as Strings };
let koLoading: Promise<void> | undefined;
/** Korean prose for catalog surfaces and optimizers (ko-prose.ts), loaded with the strings. */
let koProse: typeof import('./ko-prose') | undefined;

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
  koLoading ??= Promise.all([import('./ko'), import('./ko-prose')]).then(
    ([m, p]) => {
      // (Without the inner-state view's strings: its chunk adds them, ko-inspect.ts.)
      loaded.ko = m.ko as Strings;
      koProse = p;
    },
    () => {
      koLoading = undefined;
    },
  );
  return koLoading;
}

/**
 * Adds strings a lazy chunk brings (the expression field's English, en-field.ts; en-settings.ts;
 * the inner-state view's Korean, once the Korean set is here: ko-inspect.ts).
 */
export function addStrings(lang: Lang, strings: Partial<Strings>): void {
  loaded[lang] = { ...loaded[lang], ...strings } as Strings;
}

/** The string `key` in `lang` (English while Korean loads), with `{name}` parameters filled in. */
export function t(lang: Lang, key: StringKey, params?: Readonly<Record<string, string | number>>): string {
  const text = (loaded[lang] ?? loaded.en!)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** What the UI shows of a surface: its name, one-line note and race story. */
export interface SurfaceText {
  readonly label: string;
  readonly note: string;
  readonly story?: string;
}

/**
 * A surface's name, note and story in `lang`: the Korean translation for a catalog surface on a
 * Korean widget (once loaded), else the surface's own English.
 */
export function surfaceText(
  surface: { readonly id: string; readonly label: string; readonly note: string; readonly race?: { readonly story?: string } },
  lang: Lang,
): SurfaceText {
  const ko = lang === 'ko' ? koProse?.koSurfaces[surface.id.startsWith('expr:') ? 'expr' : surface.id] : undefined;
  // (A story left out is an undefined `story`: cheaper in the bundle than a spread, alike to readers.)
  return ko ? { label: ko.label || surface.label, note: ko.note, story: ko.story } : { label: surface.label, note: surface.note, story: surface.race?.story };
}

/** A surface's name in `lang` by id (for pickers that list surfaces not loaded yet). */
export function surfaceName(id: string, english: string, lang: Lang): string {
  return (lang === 'ko' && koProse?.koSurfaces[id]?.label) || english;
}

/** A run's label in `lang`: a surface race's descriptive label ("SGD, noisy gradients") translated. */
export function raceLabel(surfaceId: string, english: string, lang: Lang): string {
  return (lang === 'ko' && koProse?.koSurfaces[surfaceId]?.raceLabels?.[english]) || english;
}

/** A preset's one-line summary and its rule's torch-vs-paper note in `lang`. */
export function presetText(
  preset: { readonly id: string; readonly summary: string; readonly differs?: string },
  lang: Lang,
): { readonly summary: string; readonly differs?: string } {
  const ko = lang === 'ko' ? koProse?.koRules[preset.id] : undefined;
  return { summary: ko?.summary ?? preset.summary, differs: ko ? ko.differs : preset.differs };
}

/** A hyperparameter's tooltip in `lang` (rule id, key, the English `doc`). */
export function hyperDoc(ruleId: string, key: string, english: string, lang: Lang): string {
  return (lang === 'ko' && koProse?.koHyperDocs[ruleId]?.[key]) || english;
}

/** The Korean prose module once a Korean widget has loaded it (for formatters in lazy chunks). */
export function loadedKoProse(): typeof import('./ko-prose') | undefined {
  return koProse;
}

/**
 * A message in `lang`: a parse failure (why a value was refused, src/state/parse.ts), a refusal of
 * a link or a `config` (src/state/refusal.ts), or a text (the core's refusal of a run, an
 * OptionError's message) in Korean once that is loaded (ko-prose.ts: koMessage; a text its
 * wording does not match stays as it is), else its English `message`, or the text.
 */
export function messageText(message: string | Message, lang: Lang): string {
  return (lang === 'ko' && koProse?.koMessage(message)) || (message as Message).message || (message as string);
}
