import * as fs from 'node:fs';
import * as path from 'node:path';

export const PEM_EXTENSIONS = ['.pem', '.crt', '.cer', '.key', '.csr', '.ca-bundle'];
export const YAML_EXTENSIONS = ['.yaml', '.yml'];
const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** nginx files: nginx.conf, *.conf, and anything under sites-enabled/ or sites-available/ (as the editor maps them). */
export function isNginxPath(file: string): boolean {
  const p = file.replace(/\\/g, '/').toLowerCase();
  return p.endsWith('.conf') || /(^|\/)sites-(enabled|available)\/[^/]+$/.test(p) || /(^|\/)nginx\.conf$/.test(p);
}

export function languageFor(file: string, text?: string): string | undefined {
  const lower = file.toLowerCase();
  if (PEM_EXTENSIONS.some((e) => lower.endsWith(e))) return 'pem';
  if (YAML_EXTENSIONS.some((e) => lower.endsWith(e))) return 'yaml';
  if (isNginxPath(file)) return 'nginx';
  if (text !== undefined && /^\s*-----BEGIN [A-Z0-9 ]+-----/.test(text)) return 'pem';
  return undefined;
}

export interface FileList {
  readonly files: string[];
  /** Files a folder walk passed over because of their size. */
  readonly skippedLarge: { path: string; sizeKB: number }[];
  /** Files named explicitly that are over the size limit: reported, never read. */
  readonly namedLarge: { path: string; sizeKB: number }[];
  /** Paths that do not exist or cannot be read. */
  readonly unreadable: { path: string; reason: string }[];
}

/** Expands files and folders (recursively, skipping .git and node_modules) into the files TLS Lens reads. */
export function collectFiles(paths: readonly string[], maxFileSizeKB: number): FileList {
  const out: FileList = { files: [], skippedLarge: [], namedLarge: [], unreadable: [] };
  // A file reached twice (`check examples examples/nginx`) is read and reported once, under the
  // path it was first reached by.
  const seen = new Set<string>();
  const once = (p: string) => { const k = path.resolve(p); if (seen.has(k)) return false; seen.add(k); return true; };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.unreadable.push({ path: dir, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && languageFor(p) && once(p)) {
        const size = fs.statSync(p).size;
        if (size > maxFileSizeKB * 1024) out.skippedLarge.push({ path: p, sizeKB: Math.ceil(size / 1024) });
        else out.files.push(p);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      out.unreadable.push({ path: p, reason: code === 'ENOENT' ? 'no such file or directory' : code ?? 'cannot be read' });
      continue;
    }
    if (st.isDirectory()) walk(p);
    // A file named explicitly is read whatever its name, but like any other: a regular file
    // (never a FIFO, socket or device, which could block or never end), within the size limit.
    else if (!st.isFile()) out.unreadable.push({ path: p, reason: 'not a regular file' });
    else if (!once(p)) continue;
    else if (st.size > maxFileSizeKB * 1024) out.namedLarge.push({ path: p, sizeKB: Math.ceil(st.size / 1024) });
    else out.files.push(p);
  }
  return out;
}
