/**
 * The files a CLI command reads, as the engine's documents: what `check` and `inventory` share,
 * so that both see the same files the same way (a file named explicitly is read whatever its
 * name; files over the size limit are skipped, and said to be).
 */
import * as path from 'node:path';
import type { SourceDocument } from '../model/document';
import type { NodeHost } from '../host';
import { collectFiles, languageFor } from '../workspace/files';
import { cliHost, pathsAsGiven } from './args';
import type { Unreadable } from './format';
import { printable } from '../util/printable';

export interface SkippedFile {
  readonly path: string;
  readonly sizeKB: number;
  /** Named on the command line (else found in a folder). */
  readonly named: boolean;
}

export interface CliWorkspace {
  readonly host: NodeHost;
  readonly docs: SourceDocument[];
  /** Files over the size limit: never read. */
  readonly skipped: readonly SkippedFile[];
  /** Paths that could not be read, as the user gave them (each already said on stderr). */
  readonly unreadable: readonly Unreadable[];
  /** A file's path as the user gave it: absolute stays absolute, relative as written, a folder's files under the folder as written. */
  readonly show: (file: string) => string;
}

/** Reads the files under `paths` into documents; says on stderr what cannot be read. */
export function readWorkspace(
  paths: readonly string[], options: { maxFileSizeKB: number; pathMappings: Record<string, string>; restricted: boolean },
): CliWorkspace {
  const list = collectFiles(paths, options.maxFileSizeKB);
  const show = pathsAsGiven(paths);
  const unreadable: Unreadable[] = list.unreadable.map((u) => ({ path: show(u.path), reason: u.reason }));
  for (const u of unreadable) process.stderr.write(`tls-lens: cannot read ${printable(`${u.path}: ${u.reason}`)}\n`);
  // The workspace: the current folder and every path named (a file's folder).
  const host = cliHost(paths, options.pathMappings, options.restricted);
  const docs: SourceDocument[] = [];
  for (const file of list.files) {
    const text = host.readFile(file, { purpose: 'workspace' });
    if (text === undefined) {
      const reason = 'not a regular file, too large, or a special file';
      process.stderr.write(`tls-lens: cannot read ${printable(show(file))}: ${reason}\n`);
      unreadable.push({ path: show(file), reason });
      continue;
    }
    docs.push({ uri: path.resolve(file), languageId: languageFor(file, text) ?? 'plaintext', text });
  }
  const skipped = [...list.namedLarge.map((f) => ({ ...f, named: true })), ...list.skippedLarge.map((f) => ({ ...f, named: false }))];
  return { host, docs, skipped, unreadable, show };
}

/** The line on stderr for files a folder walk skipped for their size (a file named explicitly is reported as `check` reports it). */
export function skippedLine(skipped: readonly SkippedFile[], limitKB: number, show: (file: string) => string): string {
  return `tls-lens: skipped ${skipped.length} file(s) over ${limitKB} KiB: ${printable(skipped.map((f) => show(f.path)).join(', '))}\n`;
}
