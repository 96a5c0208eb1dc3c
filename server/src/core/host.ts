import * as path from 'node:path';

/**
 * How the engine reads files, and why: the host the CLI, the language server and the tests hand
 * the engine (server/src/host.ts is the one on disk), and where a path a configuration names may be.
 */

/**
 * Why the engine reads a file, which decides whether it may:
 * - `certificate`: a path a configuration names as a certificate, key, CA or keystore; parsed only
 *   as PEM, DER or a keystore, never quoted;
 * - `include`: an nginx `include`;
 * - `schema`: a JSON Schema from the workspace (a chart's values.schema.json, a modeline's path);
 * - `workspace`: a file of the workspace itself (the index scan, a file event).
 */
export type ReadPurpose = 'certificate' | 'include' | 'schema' | 'workspace';

export interface ReadRequest {
  readonly purpose: ReadPurpose;
  /** Folders outside the workspace this read may also reach (nginx's prefix for includes). */
  readonly also?: readonly string[];
}

/** The engine's window on the file system: reads only, each with its purpose. */
export interface EngineHost {
  /** A text file; undefined when absent, not a regular file, too large, or not allowed. */
  readFile(path: string, request?: ReadRequest): string | undefined;
  /** A binary file (keystores); undefined as for readFile. */
  readBytes?(path: string, request?: ReadRequest): Uint8Array | undefined;
  /** File names in a folder (for include globs); undefined when it cannot be read or is not allowed. */
  listDir?(path: string, request?: ReadRequest): string[] | undefined;
  /** Workspace folders (absolute paths). */
  readonly roots: readonly string[];
  /** `tlsLens.pathMappings`: deploy-time prefix → workspace folder ("/etc/nginx/" → "deploy/nginx/"). */
  readonly pathMappings: Readonly<Record<string, string>>;
  /** False in an untrusted workspace (VS Code's Restricted Mode): nothing outside it is read. */
  readonly trusted: boolean;
}

/**
 * Where a path a configuration names may be in the workspace: beside the referencing file (or
 * as written, when absolute), from each workspace folder, then through the path mappings.
 */
export function pathCandidates(target: string, fromPath: string, host: Pick<EngineHost, 'roots' | 'pathMappings'>): string[] {
  const out: string[] = [];
  if (path.isAbsolute(target)) {
    out.push(target);
    for (const [prefix, folder] of Object.entries(host.pathMappings)) {
      if (!target.startsWith(prefix)) continue;
      const rest = target.slice(prefix.length);
      for (const root of host.roots.length ? host.roots : [path.dirname(fromPath)]) out.push(path.resolve(root, folder, rest));
    }
  } else {
    out.push(path.resolve(path.dirname(fromPath), target));
    for (const root of host.roots) out.push(path.resolve(root, target));
  }
  return [...new Set(out)];
}
