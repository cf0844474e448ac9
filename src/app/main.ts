/**
 * The playground page: one `<descent-playground>` whose whole configuration lives in the URL
 * hash. Loading (or editing) the hash restores it; every interaction writes it back (debounced,
 * with replaceState, so the back button is not flooded); "Copy link" copies the address.
 *
 * The page speaks the browser's language (ko-KR: Korean) and follows prefers-color-scheme until
 * its switches say otherwise; then `lang=` and `theme=` join the hash (page-settings.ts).
 *
 * A link with a typed-in surface (`expr=`) loads the expression module first, since its defaults
 * come from the compiled surface; other links never load it (nor mathjs).
 */
import '../index';
import { decodeHash, encodeHash } from '../state/index';
import { hashOptions, prepareHash } from './hash-config';
import type { DescentPlayground } from '../components/descent-playground/descent-playground';
import type { Lang } from '../i18n/index';
import type { Theme } from '../components/shared/theme';
import { browserLang, readPageSettings, touchScreen, withPageSettings, type PageSettings } from './page-settings';
import { pageText } from './page-text';
import { stories } from './stories';

const playground = document.querySelector('descent-playground') as DescentPlayground;
const copyButton = document.querySelector<HTMLButtonElement>('#copy-link');
const langSelect = document.querySelector<HTMLSelectElement>('#lang');
const themeSelect = document.querySelector<HTMLSelectElement>('#theme');

let settings: PageSettings = {};
/** The hash last read or written (undefined: none yet, so the first read always applies). */
let written: string | undefined;
/** Bumped by every hash read, so a slow module load cannot apply an older hash. */
let reading = 0;

/** Language, theme and the header's texts, from the settings (else the browser's). */
function applySettings(): void {
  const lang: Lang = settings.lang ?? browserLang();
  const theme: Theme = settings.theme ?? 'auto';
  const root = document.documentElement;
  root.lang = lang;
  root.dataset.theme = theme;
  playground.setAttribute('theme', theme);
  // The playground reads the page's lang when it renders; a new one needs a render.
  playground.requestUpdate();
  const text = pageText[lang];
  document.title = text.title;
  document.querySelector('meta[name="description"]')?.setAttribute('content', text.description);
  const subtitle = document.querySelector('h1 span');
  if (subtitle) subtitle.textContent = text.subtitle;
  const intro = document.querySelector('.intro p');
  if (intro) {
    intro.replaceChildren(
      ...text.intro(touchScreen()).map((piece, i) => {
        if (i % 2 === 0) return document.createTextNode(piece);
        const strong = document.createElement('strong');
        strong.textContent = piece;
        return strong;
      }),
    );
  }
  if (copyButton) copyButton.textContent = text.copyLink;
  showStories(lang);
  if (langSelect) {
    langSelect.value = lang;
    langSelect.setAttribute('aria-label', text.language);
  }
  if (themeSelect) {
    themeSelect.value = theme;
    themeSelect.setAttribute('aria-label', text.theme);
    for (const option of themeSelect.options) option.textContent = text.themes[option.value as Theme];
  }
}

async function applyHash(): Promise<void> {
  const hash = location.hash.replace(/^#/, '');
  if (hash === written) return;
  const generation = ++reading;
  settings = readPageSettings(hash);
  applySettings();
  if (!/(^|&)expr=/.test(hash)) return apply(hash);
  // Loads the expression module and compiles the link's surface in short tasks first. Until the
  // playground shows it, it is hidden behind a line that says so: it would show its default
  // race (another surface) for the second this takes.
  const done = showLinkLoading();
  try {
    await prepareHash(hash);
    if (generation !== reading) return;
    apply(hash);
    // A config set by script is applied in the element's next update (its checker may load
    // first): shown once that is done.
    await playground.updateComplete;
  } finally {
    done();
  }
}

function apply(hash: string): void {
  const { config, errors, refusals } = decodeHash(hash, hashOptions());
  for (const e of errors) console.warn(`descent-lab link: ${e}`);
  playground.notices = refusals; // shown in the playground's language
  playground.config = config;
  written = hash;
  // A story's link: its text shows until the race is changed.
  told = stories.find((s) => withPageSettings(s.hash, settings) === hash);
  showStories(settings.lang ?? browserLang());
}

/** A link's race: its configuration written out again, the step shown left out. */
function raceOf(hash: string): string {
  return encodeHash({ ...decodeHash(hash, hashOptions()).config, step: 0 }, hashOptions());
}

/** The story whose race the playground shows (from its link, unchanged since), if any. */
let told: (typeof stories)[number] | undefined;

/** The stories' links (keeping the page's lang and theme) and the told one's text. */
function showStories(lang: Lang): void {
  const list = document.querySelector('.stories');
  if (list) {
    list.setAttribute('aria-label', pageText[lang].stories.replace(/:$/, ''));
    const label = document.createElement('span');
    label.textContent = pageText[lang].stories;
    list.replaceChildren(
      label,
      ...stories.map((story) => {
        const a = document.createElement('a');
        a.href = `#${withPageSettings(story.hash, settings)}`;
        a.textContent = story.title[lang];
        if (story === told) a.setAttribute('aria-current', 'true');
        return a;
      }),
    );
    // On a phone the tags scroll sideways: the story being told is brought into the middle of the
    // row (the list's own scroll; the page does not move), also when its link came from elsewhere.
    const current = list.querySelector('[aria-current]');
    if (current && list.scrollWidth > list.clientWidth) {
      const [box, tag] = [list.getBoundingClientRect(), current.getBoundingClientRect()];
      list.scrollLeft += tag.left - box.left - (box.width - tag.width) / 2;
    }
  }
  const text = document.querySelector<HTMLElement>('.story-text');
  if (text) {
    text.hidden = !told;
    text.textContent = told?.text[lang] ?? '';
  }
}

/** Hash reads waiting for a link's surface (a newer link can arrive while one compiles). */
let linkWaits = 0;
let linkNote: HTMLElement | undefined;

/**
 * Hides the playground (keeping its place: visibility, not display) behind a status line in the
 * page's language until every read that asked has called the function returned.
 */
function showLinkLoading(): () => void {
  if (linkWaits++ === 0) {
    linkNote = document.createElement('p');
    linkNote.className = 'link-loading';
    linkNote.setAttribute('role', 'status');
    linkNote.textContent = pageText[settings.lang ?? browserLang()].linkLoading;
    playground.classList.add('waiting-for-link');
    playground.setAttribute('aria-busy', 'true');
    playground.before(linkNote);
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--linkWaits > 0) return;
    linkNote?.remove();
    linkNote = undefined;
    playground.classList.remove('waiting-for-link');
    playground.removeAttribute('aria-busy');
  };
}

function currentHash(): string {
  return withPageSettings(encodeHash(playground.config, hashOptions()), settings);
}

let timer = 0;
function writeHash(): void {
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    const hash = currentHash();
    if (hash === written) return;
    written = hash;
    history.replaceState(null, '', `#${hash}`);
  }, 150);
}

/** A switch changed a page setting: apply it and write it into the hash at once. */
function changeSettings(next: PageSettings): void {
  settings = next;
  applySettings();
  clearTimeout(timer);
  written = currentHash();
  history.replaceState(null, '', `#${written}`);
}

void applyHash();
playground.addEventListener('descent-config-change', () => {
  writeHash();
  // Changed the race (not only played, paused or stepped it): no longer the story's.
  if (told && raceOf(encodeHash(playground.config, hashOptions())) !== raceOf(told.hash)) {
    told = undefined;
    showStories(settings.lang ?? browserLang());
  }
});
window.addEventListener('hashchange', () => void applyHash());
langSelect?.addEventListener('change', () => changeSettings({ ...settings, lang: langSelect.value === 'ko' ? 'ko' : 'en' }));
themeSelect?.addEventListener('change', () => {
  const theme = themeSelect.value;
  changeSettings({ ...settings, theme: theme === 'light' || theme === 'dark' ? theme : 'auto' });
});
matchMedia('(hover: none)').addEventListener('change', applySettings);

copyButton?.addEventListener('click', async () => {
  clearTimeout(timer);
  written = currentHash();
  history.replaceState(null, '', `#${written}`);
  const text = pageText[settings.lang ?? browserLang()];
  try {
    await navigator.clipboard.writeText(location.href);
    copyButton.textContent = text.linkCopied;
  } catch {
    copyButton.textContent = text.copyFailed;
  }
  setTimeout(() => (copyButton.textContent = pageText[settings.lang ?? browserLang()].copyLink), 1800);
});
