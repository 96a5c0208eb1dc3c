#!/usr/bin/env node
/**
 * `tls-lens`: starts the CLI bundle (dist/cli-main.js) from V8's code cache (dist/cli-main.cache,
 * written by the build), so a command pays little for compiling the engine. See codeCache.ts.
 */
import * as path from 'node:path';
import { loadWithCodeCache } from './codeCache';

type Cli = typeof import('../cli');

const loaded = loadWithCodeCache<Cli>(path.join(__dirname, 'cli-main.js'), path.join(__dirname, 'cli-main.cache'), module);

export const run: Cli['run'] = loaded.exports.run;
export const main: Cli['main'] = loaded.exports.main;
/** Whether this start used the code cache. */
export const cached = loaded.cached;
/** Writes the code cache from what this process has compiled (scripts/code-cache.mjs, after a warm-up). */
export const writeCodeCache = (): number => loaded.writeCache();

if (require.main === module) {
  const r = run(process.argv.slice(2));
  if (typeof r === 'number') process.exitCode = r;
  else void r.then((code) => { process.exitCode = code; });
}
