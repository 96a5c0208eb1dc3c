/**
 * What the CLI's commands share in reading their arguments: `--flag value` and `--flag=value`,
 * usage errors (exit status 2), the option values several commands take, and the workspace a
 * command reads (the current folder and the paths it names, under the read policy).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeHost } from '../host';

export class UsageError extends Error {}

/**
 * Walks the arguments: `on(flag, value)` for each, where `value()` reads the flag's value (after
 * `=`, else the next argument; a usage error when there is none). `on` returns 'help' to stop.
 */
export function eachArg(argv: readonly string[], on: (arg: string, value: () => string) => 'help' | void): 'help' | undefined {
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) { inline = a.slice(a.indexOf('=') + 1); a = a.slice(0, a.indexOf('=')); }
    const flag = a;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (on(a, value) === 'help') return 'help';
  }
  return undefined;
}

export function wholeNumber(flag: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`${flag} takes a whole number, got '${v}'`);
  return Number(v);
}

export function isoDate(flag: string, v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${flag} takes an ISO date, got '${v}'`);
  return d;
}

/** `--map-path PREFIX=FOLDER`, added to `mappings`. */
export function mapPath(v: string, mappings: Record<string, string>): void {
  const at = v.indexOf('=');
  if (at <= 0) throw new UsageError(`--map-path takes PREFIX=FOLDER, got '${v}'`);
  mappings[v.slice(0, at)] = v.slice(at + 1);
}

/** A positional argument, or a usage error for an unknown option. */
export function positional(a: string, paths: string[]): void {
  if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
  paths.push(a);
}

/** The read policy of a command over `paths`: the current folder and every path named (a file's folder) are the workspace. */
export function cliHost(paths: readonly string[], pathMappings: Record<string, string>, restricted: boolean): NodeHost {
  const roots = [process.cwd(), ...paths.map((p) => { try { return fs.statSync(p).isDirectory() ? p : path.dirname(p); } catch { return path.dirname(p); } })];
  return new NodeHost({ roots, pathMappings, trusted: !restricted });
}

/**
 * How the CLI prints a path: as the user gave it. A path named on the command line comes back as
 * written (absolute stays absolute, `./x` and `../x` stay so); a file inside a folder named is
 * that folder as written joined with the file's path inside it (the current folder, `.`, adds no
 * prefix); any other file (one a configuration names) is relative to the current folder when it
 * is inside it, else absolute. Forward slashes in what is relative.
 */
export function pathsAsGiven(given: readonly string[], cwd = process.cwd()): (file: string) => string {
  const slash = (p: string) => p.split(path.sep).join('/');
  const named = given.map((g) => {
    const abs = path.resolve(cwd, g);
    let dir = false;
    try { dir = fs.statSync(abs).isDirectory(); } catch { /* unreadable: reported elsewhere */ }
    return { g, abs, dir };
  });
  const inside = (dir: string, p: string) => {
    const r = path.relative(dir, p);
    return r !== '' && r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r);
  };
  return (file) => {
    const abs = path.resolve(cwd, file);
    const exact = named.find((n) => n.abs === abs);
    if (exact) return path.isAbsolute(exact.g) ? exact.g : slash(exact.g);
    const folder = named.filter((n) => n.dir && inside(n.abs, abs)).sort((a, b) => b.abs.length - a.abs.length)[0];
    if (folder) {
      const within = slash(path.relative(folder.abs, abs));
      if (/^\.[\\/]*$/.test(folder.g)) return within;
      const prefix = folder.g.replace(/[\\/]+$/, '');
      return `${path.isAbsolute(folder.g) ? prefix : slash(prefix)}/${within}`;
    }
    return inside(cwd, abs) ? slash(path.relative(cwd, abs)) : abs;
  };
}

/** Text wrapped at `width` columns, every line indented by `indent` but the first (the caller writes its indent). */
export function wrapText(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.trim() && line.length + 1 + word.length > width) { lines.push(line); line = indent; }
    line += line.trim() ? ` ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n').slice(indent.length);
}
