/**
 * index.html's own settings, kept in the URL hash beside the race's configuration:
 * `lang=en|ko` and `theme=auto|light|dark`. Without them the page follows the browser: its
 * language (ko-KR and other ko tags: Korean) and `prefers-color-scheme` (theme auto).
 */
import { toLang, type Lang } from '../i18n/index';
import type { Theme } from '../components/shared/theme';

export interface PageSettings {
  /** Set by the link (or the switch); undefined: the browser's language. */
  readonly lang?: Lang;
  /** Set by the link (or the switch); undefined: auto. */
  readonly theme?: Theme;
}

const THEMES: readonly string[] = ['auto', 'light', 'dark'];

/** The page settings in a hash (with or without `#`); other keys and bad values are ignored. */
export function readPageSettings(hash: string): PageSettings {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lang = params.get('lang');
  const theme = params.get('theme');
  return {
    ...(lang === 'en' || lang === 'ko' ? { lang } : {}),
    ...(theme !== null && THEMES.includes(theme) ? { theme: theme as Theme } : {}),
  };
}

/** `hash` (the race's, no `#`) with the page settings that are set appended. */
export function withPageSettings(hash: string, settings: PageSettings): string {
  const extra = [settings.lang && `lang=${settings.lang}`, settings.theme && `theme=${settings.theme}`].filter(Boolean);
  return [hash, ...extra].filter(Boolean).join('&');
}

/** The browser's preferred language, as one of ours. */
export function browserLang(): Lang {
  const first = typeof navigator === 'undefined' ? '' : (navigator.languages?.[0] ?? navigator.language);
  return toLang(first);
}

/** Whether the primary pointer cannot hover (a touch screen): texts say "touch", not "hover". */
export function touchScreen(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(hover: none)').matches;
}
