/**
 * The playground page: one `<descent-playground>` whose whole configuration lives in the URL
 * hash. Loading (or editing) the hash restores it; every interaction writes it back (debounced,
 * with replaceState, so the back button is not flooded); "Copy link" copies the address.
 */
import '../index';
import { decodeHash, encodeHash } from '../state/index';
import type { DescentPlayground } from '../components/descent-playground/descent-playground';

const playground = document.querySelector('descent-playground') as DescentPlayground;
const copyButton = document.querySelector<HTMLButtonElement>('#copy-link');

let written = '';

function applyHash(): void {
  const hash = location.hash.replace(/^#/, '');
  if (hash === written) return;
  const { config, errors } = decodeHash(hash);
  for (const e of errors) console.warn(`descent-lab link: ${e}`);
  playground.notices = errors;
  playground.config = config;
  written = hash;
}

let timer = 0;
function writeHash(): void {
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    const hash = encodeHash(playground.config);
    if (hash === written) return;
    written = hash;
    history.replaceState(null, '', `#${hash}`);
  }, 150);
}

applyHash();
playground.addEventListener('descent-config-change', writeHash);
window.addEventListener('hashchange', applyHash);

copyButton?.addEventListener('click', async () => {
  clearTimeout(timer);
  const hash = encodeHash(playground.config);
  written = hash;
  history.replaceState(null, '', `#${hash}`);
  try {
    await navigator.clipboard.writeText(location.href);
    copyButton.textContent = 'Link copied';
  } catch {
    copyButton.textContent = 'Copy failed: use the address bar';
  }
  setTimeout(() => (copyButton.textContent = 'Copy link'), 1800);
});
