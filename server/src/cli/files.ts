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
  readonly skippedLarge: string[];
  /** Paths that do not exist or cannot be read. */
  readonly unreadable: { path: string; reason: string }[];
}

/** Expands files and folders (recursively, skipping .git and node_modules) into the files TLS Lens reads. */
export function collectFiles(paths: readonly string[], maxFileSizeKB: number): FileList {
  const out: FileList = { files: [], skippedLarge: [], unreadable: [] };
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
      } else if (e.isFile() && languageFor(p)) {
        const size = fs.statSync(p).size;
        if (size > maxFileSizeKB * 1024) out.skippedLarge.push(p);
        else out.files.push(p);
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      out.unreadable.push({ path: p, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String(e) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.files.push(p); // a file named explicitly is always read
  }
  return out;
}
