import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with the benchmark scripts, no types
import { chromiumArgs, findChromium, howToGetChromium } from './scripts/chromium.mjs';

const executablePath: string | undefined = await findChromium();
if (!executablePath) throw new Error(howToGetChromium);

// E2E_PORT: a free port when another checkout is running its own browser tests.
const port = Number(process.env.E2E_PORT) || 4173;

/** Browser tests run against the built app (`npm run build`), served by `vite preview`. */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { executablePath, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --outDir dist/app --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
