/**
 * The playground page: one `<descent-playground>` whose whole configuration lives in the URL
 * hash. Loading (or editing) the hash restores it; every interaction writes it back (debounced,
 * with replaceState, so the back button is not flooded); "Copy link" copies the address.
 *
 * A link with a typed-in surface (`expr=`) loads the expression module first, since its defaults
 * come from the compiled surface; other links never load it (nor mathjs).
 */
import '../index';
import { decodeHash, encodeHash, type HashOptions } from '../state/index';
import { expressionModule, loadedExpressionModule } from '../components/shared/expressions';
import type { DescentPlayground } from '../components/descent-playground/descent-playground';

const playground = document.querySelector('descent-playground') as DescentPlayground;
const copyButton = document.querySelector<HTMLButtonElement>('#copy-link');

let written = '';
/** Bumped by every hash read, so a slow module load cannot apply an older hash. */
let reading = 0;

function hashOptions(): HashOptions {
  const module = loadedExpressionModule();
  return module ? { compile: module.compileSurface } : {};
}

async function applyHash(): Promise<void> {
  const hash = location.hash.replace(/^#/, '');
  if (hash === written) return;
  const generation = ++reading;
  if (/(^|&)expr=/.test(hash) && !loadedExpressionModule()) {
    try {
      await expressionModule();
    } catch {
      // decodeHash then says that the link's expression needs the module.
    }
    if (generation !== reading) return;
  }
  const { config, errors } = decodeHash(hash, hashOptions());
  for (const e of errors) console.warn(`descent-lab link: ${e}`);
  playground.notices = errors;
  playground.config = config;
  written = hash;
}

let timer = 0;
function writeHash(): void {
  clearTimeout(timer);
  timer = window.setTimeout(() => {
    const hash = encodeHash(playground.config, hashOptions());
    if (hash === written) return;
    written = hash;
    history.replaceState(null, '', `#${hash}`);
  }, 150);
}

void applyHash();
playground.addEventListener('descent-config-change', writeHash);
window.addEventListener('hashchange', () => void applyHash());

copyButton?.addEventListener('click', async () => {
  clearTimeout(timer);
  const hash = encodeHash(playground.config, hashOptions());
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
