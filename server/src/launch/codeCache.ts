/**
 * Loads a bundled CommonJS file with V8's code cache. A 3 MB bundle costs ~65 ms to compile and
 * its functions more as they first run; with the bytecode from a warm-up run (written by the build,
 * scripts/code-cache.mjs) the CLI starts in a fraction of that. The cache is a hint: when V8
 * rejects it (another Node version, other flags), when it is missing or was made for another
 * build of the bundle, the bundle is compiled as usual.
 *
 * Cache file: 32 bytes of SHA-256 of the bundle's source, then V8's cached data. V8 itself checks
 * only the source's length, so the hash guards against a bundle rebuilt to the same length.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import * as vm from 'node:vm';

export interface Loaded<T> {
  readonly exports: T;
  /** Whether V8 took the cache (false: none, stale, or rejected). */
  readonly cached: boolean;
  /** Writes the cache from what has been compiled so far (after a warm-up). */
  writeCache(): number;
}

export function loadWithCodeCache<T>(file: string, cacheFile: string, parent: NodeModule): Loaded<T> {
  const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
  const hash = createHash('sha256').update(source).digest();
  let cachedData: Buffer | undefined;
  try {
    const c = fs.readFileSync(cacheFile);
    if (c.length > 32 && c.subarray(0, 32).equals(hash)) cachedData = c.subarray(32);
  } catch {
    // No cache: compile as usual.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const m = new Module(file, parent);
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  wrapper.call(m.exports, m.exports, Module.createRequire(file), m, file, path.dirname(file));
  m.loaded = true;
  return {
    exports: m.exports as T,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    writeCache(): number {
      const data = Buffer.concat([hash, script.createCachedData()]);
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, cacheFile);
      return data.length;
    },
  };
}
