/**
 * The language server's entry (dist/server.js): loads the bundle (dist/server-main.js) with V8's
 * code cache, one per thread role (the LSP main thread and the engine worker compile different
 * functions), written by the build from a scripted session (scripts/code-cache.mjs). Under
 * Electron (VS Code's own Node) the cache is skipped: its V8 is not the one that wrote it.
 */
import * as path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { prestartEngineWorker } from '../service/engineThread';
import { loadWithCodeCache } from './codeCache';

const bundle = path.join(__dirname, 'server-main.js');
// The engine thread loads while this one does (the server takes it over: service/engineThread.ts).
if (isMainThread) prestartEngineWorker(__filename);
if (process.versions.electron) {
  require(bundle);
} else {
  const loaded = loadWithCodeCache(bundle, path.join(__dirname, `server-${isMainThread ? 'main' : 'worker'}.cache`), module);
  // Only the build's warm-up session writes the caches (scripts/code-cache.mjs sets this).
  if (process.env.TLS_LENS_WRITE_CODE_CACHE === '1') {
    (globalThis as { __tlsLensWriteCodeCache?: () => void }).__tlsLensWriteCodeCache = () => { loaded.writeCache(); };
  }
}
