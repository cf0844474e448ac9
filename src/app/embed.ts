/**
 * embed.html: one `<descent-playground>` filling an iframe, configured by the URL hash (the same
 * format as index.html's links; a changed hash reconfigures it). Two things that are not the
 * race's state go in the query string: `?lang=ko` (the widget's language, as the `lang`
 * attribute would set it) and `?theme=dark|light|auto` (its `theme` attribute).
 *
 * The page tells its parent how tall it is, on load and whenever that changes, so the parent can
 * size the frame:
 *
 *   window.parent.postMessage({ type: 'descent-lab:height', height }, '*')
 *
 * The height is a layout size, so it is public anyway; '*' lets any host page listen.
 * Interaction does not rewrite the hash: the frame's address stays the one its author wrote.
 */
import '../index';
import type { DescentPlayground } from '../components/descent-playground/descent-playground';
import { readHash } from './hash-config';

/** The message's `type`; a parent listener checks it (and `event.source`). */
export const HEIGHT_MESSAGE = 'descent-lab:height';

const playground = document.querySelector('descent-playground') as DescentPlayground;

const query = new URLSearchParams(location.search);
const lang = query.get('lang');
if (lang) document.documentElement.lang = lang;
const theme = query.get('theme');
if (theme) {
  playground.setAttribute('theme', theme);
  document.documentElement.dataset.theme = theme;
}

let reading = 0;
async function applyHash(): Promise<void> {
  const generation = ++reading;
  const { config, errors, refusals } = await readHash(location.hash);
  if (generation !== reading) return;
  for (const e of errors) console.warn(`descent-lab link: ${e}`);
  playground.notices = refusals; // shown in the playground's language
  playground.config = config;
}

let posted = -1;
/** Posts the height if it changed (or always, with `force`: a parent may start listening late). */
function postHeight(force = false): void {
  if (window.parent === window) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === posted && !force) return;
  posted = height;
  window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
}

void applyHash();
window.addEventListener('hashchange', () => void applyHash());
new ResizeObserver(() => postHeight()).observe(document.documentElement);
window.addEventListener('load', () => postHeight(true));
