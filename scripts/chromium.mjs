// Finds the Chromium that the browser tests and benchmarks drive, in this order:
// $CHROMIUM_PATH, Debian's /usr/bin/chromium, then Playwright's own download (if any).
// `node scripts/chromium.mjs --check` exits 1 with instructions when none is found.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Flags every launch uses: no sandbox (CI runs as root), no calls home on a closed network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const { chromium } = await import('playwright-core');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core missing or without a browser of its own: fall through to the message.
  }
  return undefined;
}

export const howToGetChromium = `No Chromium found for the browser tests. Do one of:
  - Debian/Ubuntu: sudo apt-get install chromium            (then /usr/bin/chromium is used)
  - anywhere with network access: npx playwright install chromium
  - point CHROMIUM_PATH at a Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test`;

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--check')) {
  try {
    const path = await findChromium();
    if (!path) {
      console.error(howToGetChromium);
      process.exit(1);
    }
    console.log(`Browser tests use ${path}`);
  } catch (error) {
    console.error(`${error.message}\n\n${howToGetChromium}`);
    process.exit(1);
  }
}
