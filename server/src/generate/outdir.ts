/**
 * The output folder of a plan, and the folders under it, reached without following a link.
 *
 * Where links are followed: above the output folder only, in the part of its path that the user's
 * machine lays out (`/tmp` → `/private/tmp`, a home on another disk), not in the part a repository
 * can hold. That part starts at the deepest trusted folder that contains the output folder (the
 * current folder, the workspace, the folder of a bundle's configuration), or at the output
 * folder's parent when none does: from there down, every existing folder of the path, the output
 * folder itself and every folder and file under it must be what it is and not a link; a link is
 * refused, naming it. Nothing is ever made under /proc, /sys or /dev.
 *
 * Against a link planted between the checks and the writes, the writer holds each folder open
 * (O_DIRECTORY | O_NOFOLLOW, opened through its parent's descriptor) and makes every file and
 * folder through the descriptor of the folder it goes in: on Linux by the path
 * `/proc/self/fd/<fd>/<name>`, which the kernel resolves to the folder the descriptor holds, as
 * openat(2) would, so swapping a folder of the path for a link afterwards redirects nothing; files
 * are created O_CREAT | O_EXCL | O_NOFOLLOW. Where /proc/self/fd does not exist (macOS, Windows)
 * the same opens check each folder as it is reached, and the paths are used by name: a race there
 * is narrowed to the moment between a folder's check and a file's creation, not closed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A place of a plan that cannot be written: a link, a file where a folder is, a system folder. */
export class UnsafePath extends Error {}

const SYSTEM = ['/proc', '/sys', '/dev'];
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_DIRECTORY = fs.constants.O_DIRECTORY ?? 0;

let procFd: boolean | undefined;
/** Whether /proc/self/fd/<fd>/<name> reaches into the folder a descriptor holds (Linux). */
function viaProc(): boolean {
  if (procFd === undefined) {
    procFd = false;
    if (process.platform === 'linux') {
      let fd = -1;
      try {
        fd = fs.openSync('/', fs.constants.O_RDONLY | O_DIRECTORY);
        procFd = fs.statSync(`/proc/self/fd/${fd}/`).isDirectory() && fs.statSync(`/proc/self/fd/${fd}/`).ino === fs.statSync('/').ino;
      } catch { procFd = false; } finally { if (fd >= 0) fs.closeSync(fd); }
    }
  }
  return procFd;
}

function inside(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (r !== '..' && !r.startsWith(`..${path.sep}`) && !path.isAbsolute(r));
}

/** A path as messages show it: relative to the current folder when inside it, else absolute. */
export function showPath(abs: string): string {
  const cwd = process.cwd();
  return inside(cwd, abs) && abs !== cwd ? path.relative(cwd, abs).split(path.sep).join('/') : abs;
}

export interface OutputPlace {
  /** Where the output folder is, as the user named it (absolute, links not resolved). */
  readonly abs: string;
  /** The folder the checks start from, resolved (links above it followed). */
  readonly anchor: string;
  /** The same folder as the user's path names it. */
  readonly anchorAsNamed: string;
  /** The output folder's path below the anchor. */
  readonly below: readonly string[];
}

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UnsafePath(`cannot reach ${showPath(p)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function linkRefused(p: string): UnsafePath {
  let to = '';
  try { to = ` (to ${fs.readlinkSync(p)})`; } catch { /* gone already */ }
  return new UnsafePath(
    `${showPath(p)} is a symbolic link${to}: TLS Lens writes no file through a link (a repository can hold one); choose another output `
      + `folder, or name the link's target itself`,
  );
}

/** Refuses a link, or anything but a folder, at `p` (`asNamed` for messages); false when nothing is there. */
export function checkFolder(p: string, outAbs: string): boolean {
  const st = lstat(p);
  if (!st) return false;
  if (st.isSymbolicLink()) throw linkRefused(p);
  if (!st.isDirectory()) {
    throw new UnsafePath(p === outAbs
      ? `the output folder ${showPath(p)} is a file, not a folder`
      : `${showPath(p)} is a file, not a folder: the output folder ${showPath(outAbs)} cannot be made there`);
  }
  return true;
}

/** Where the output folder is, checked: no link from the anchor down, nothing under a system folder. */
export function placeOutput(out: string, trusted: readonly string[] = []): OutputPlace {
  const abs = path.resolve(out);
  const root = trusted.map((t) => path.resolve(t)).filter((t) => inside(t, abs)).sort((a, b) => b.length - a.length)[0];
  let anchorAsNamed = root ?? path.dirname(abs);
  while (!lstat(anchorAsNamed) && path.dirname(anchorAsNamed) !== anchorAsNamed) anchorAsNamed = path.dirname(anchorAsNamed);
  let anchor: string;
  try {
    anchor = fs.realpathSync(anchorAsNamed);
  } catch (e) {
    throw new UnsafePath(`cannot reach ${showPath(anchorAsNamed)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const below = path.relative(anchorAsNamed, abs).split(path.sep).filter(Boolean);
  const final = path.join(anchor, ...below);
  if (process.platform !== 'win32' && SYSTEM.some((s) => inside(s, final) || inside(s, anchor))) {
    throw new UnsafePath(`the output folder ${showPath(abs)} is under ${SYSTEM.find((s) => inside(s, final) || inside(s, anchor))}: `
      + 'TLS Lens writes nothing under /proc, /sys or /dev');
  }
  if (!fs.statSync(anchor).isDirectory()) {
    throw new UnsafePath(`${showPath(anchorAsNamed)} is a file, not a folder: the output folder ${showPath(abs)} cannot be made there`);
  }
  let at = anchorAsNamed;
  for (const seg of below) {
    at = path.join(at, seg);
    if (!checkFolder(at, abs)) break;
  }
  return { abs, anchor, anchorAsNamed, below };
}

function isLink(p: string): boolean {
  try { return fs.lstatSync(p).isSymbolicLink(); } catch { return false; }
}

/** A folder held open: what is made in it is made through its descriptor. */
export class Folder {
  private constructor(readonly fd: number, readonly abs: string) {}

  /** The path that reaches `name` in this folder (through the descriptor where the system allows). */
  at(name: string): string {
    return this.fd >= 0 && viaProc() ? `/proc/self/fd/${this.fd}/${name}` : path.join(this.abs, name);
  }

  /** The anchor, open (where folders cannot be opened, Windows, by name only). */
  static openAnchor(p: OutputPlace): Folder {
    if (process.platform === 'win32') return new Folder(-1, p.anchor);
    return new Folder(fs.openSync(p.anchor, fs.constants.O_RDONLY | O_DIRECTORY), p.anchorAsNamed);
  }

  /** The folder `name` in this one, made when missing (`made` learns of it); a link or a file there is refused. */
  child(name: string, made: string[]): Folder {
    const abs = path.join(this.abs, name);
    try {
      fs.mkdirSync(this.at(name), 0o755);
      made.push(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UnsafePath(`cannot make the folder ${showPath(abs)}: ${code ?? (e as Error).message}`);
    }
    if (this.fd < 0) {
      checkFolder(path.join(this.abs, name), '');
      return new Folder(-1, path.join(this.abs, name));
    }
    try {
      return new Folder(fs.openSync(this.at(name), fs.constants.O_RDONLY | O_DIRECTORY | O_NOFOLLOW), abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // O_DIRECTORY | O_NOFOLLOW on a link: ELOOP, or ENOTDIR (Linux checks O_DIRECTORY first).
      if (code === 'ELOOP' || (code === 'ENOTDIR' && isLink(this.at(name)))) throw linkRefused(abs);
      if (code === 'ENOTDIR') throw new UnsafePath(`${showPath(abs)} is a file, not a folder`);
      throw new UnsafePath(`cannot open the folder ${showPath(abs)}: ${code ?? (e as Error).message}`);
    }
  }

  /** What is at `name` (without following a link): a regular file's bytes (bounded), or 'absent', or 'other'. */
  read(name: string, max: number): Buffer | 'absent' | 'other' {
    let fd: number;
    try {
      fd = fs.openSync(this.at(name), fs.constants.O_RDONLY | O_NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0));
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'other';
    }
    try {
      const st = fs.fstatSync(fd);
      if (!st.isFile() || st.size > max) return 'other';
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  close(): void {
    try { fs.closeSync(this.fd); } catch { /* closed */ }
  }
}

export { O_NOFOLLOW };
