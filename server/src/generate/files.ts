/**
 * Writing a plan, all or nothing: every path checked first (a name the file system takes, no link
 * on the way, generate/outdir.ts), then every file written to a temporary file in its folder
 * (fsync), then all renamed into place; a failure on the way removes what this run made.
 * Private keys, keystores, passwords and Secrets get mode 0600 from their creation on. Nothing
 * is written when one of the files exists already, unless the caller has the user's consent
 * (`--force`, a modal confirmation). Passwords come from `crypto`. Nothing here logs a file's
 * content.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import type { ManifestEntry, Plan, PlannedFile } from './types';
import { checkFolder, Folder, O_NOFOLLOW, placeOutput, showPath, UnsafePath } from './outdir';
import { planPathProblem } from '../core/names';

export { UnsafePath };

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** 32 characters of a 57-letter alphabet: 186 bits, no character a shell, YAML or Java properties file treats specially. */
export const PASSWORD_LENGTH = 32;

export function randomPassword(length = PASSWORD_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Refused: files exist and there is no consent to replace them. */
export class OverwriteRefused extends Error {
  constructor(readonly existing: readonly string[]) {
    super(`${existing.length === 1 ? 'a file exists' : `${existing.length} files exist`}: ${existing.join(', ')} (nothing was written; --force replaces them)`);
  }
}

/** The first line of every README TLS Lens writes: a later plan in the same folder adds to it. */
export const README_MARK = '<!-- Written by TLS Lens: later runs add their sections below. -->';

/** A README of ours, or a file holding the same bytes, is read to compare; anything larger is another file. */
const MAX_COMPARED = 4 * 1024 * 1024;

type Existing = 'absent' | 'same' | 'readme' | 'other';

function bytesOf(f: PlannedFile): Buffer {
  return typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content);
}

/** What a file's place holds: nothing, the same bytes, a README of ours, or something else (a link counts as something else). */
function classify(old: Buffer | 'absent' | 'other', f: PlannedFile): Existing {
  if (old === 'absent' || old === 'other') return old;
  if (old.equals(bytesOf(f))) return 'same';
  if (f.kind === 'readme' && old.subarray(0, README_MARK.length).toString('utf8') === README_MARK) return 'readme';
  return 'other';
}

function readByName(abs: string): Buffer | 'absent' | 'other' {
  let st: fs.Stats;
  try { st = fs.lstatSync(abs); } catch { return 'absent'; }
  if (!st.isFile() || st.size > MAX_COMPARED) return 'other';
  try { return fs.readFileSync(abs); } catch { return 'other'; }
}

/** The plan's paths, each a name the file system takes; refuses two files on one path. */
function checkPaths(plan: Plan): void {
  const seen = new Set<string>();
  for (const f of plan.files) {
    const p = planPathProblem(f.path);
    if (p) throw new UnsafePath(p);
    if (seen.has(f.path)) throw new UnsafePath(`two files of the plan are called ${f.path}`);
    seen.add(f.path);
  }
}

/**
 * The files of a plan that exist already (relative paths), except those holding the same bytes
 * (the CA certificate copied beside what it signed) and a README of ours (added to). Symbolic
 * links and anything but a regular file count as existing. Refuses (UnsafePath) a plan whose
 * place holds a link, or a file where a folder goes.
 */
export function existingFiles(outDir: string, plan: Plan, trusted: readonly string[] = []): string[] {
  checkPaths(plan);
  const place = placeOutput(outDir, trusted);
  const out: string[] = [];
  for (const f of plan.files) {
    const segs = f.path.split('/');
    let at = place.abs;
    let present = fs.existsSync(at);
    for (const seg of segs.slice(0, -1)) {
      at = path.join(at, seg);
      if (present) present = checkFolder(at, place.abs);
    }
    if (present && classify(readByName(path.join(at, segs[segs.length - 1])), f) === 'other') out.push(f.path);
  }
  return out;
}

/**
 * Writes `content` to `file` atomically with `mode`: readers see the old file or the new one,
 * never half of one, and a key is never readable by others, not even for a moment. For a
 * configuration file the user named (an edit); a plan's files go through writePlan.
 */
export function writeFileAtomic(file: string, content: Uint8Array | string, mode: number): void {
  const tmp = path.join(path.dirname(file), tmpName());
  writeNew(tmp, content, mode);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function tmpName(): string {
  return `.tls-lens-${randomBytes(8).toString('hex')}.tmp`;
}

/** Creates a new file (never through a link, never over one), writes it and syncs it. */
function writeNew(p: string, content: Uint8Array | string, mode: number): void {
  const fd = fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, mode);
  try {
    fs.fchmodSync(fd, mode); // the umask may have taken bits off; never added any
    fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(p, { force: true });
    throw e;
  }
  fs.closeSync(fd);
}

/** Kinds that hold a key, a password or a Secret: 0600 whatever the recipe said. */
const SECRET_KINDS = new Set<PlannedFile['kind']>(['key', 'pkcs12', 'truststore', 'password', 'secret']);

export function modeOf(f: PlannedFile): number {
  return f.secret || SECRET_KINDS.has(f.kind) ? 0o600 : 0o644;
}

export interface WriteOptions {
  readonly force: boolean;
  /** Folders the user works in (the current folder, the workspace, a bundle's configuration folder): no link is followed below them. */
  readonly trusted?: readonly string[];
  /** For tests: runs after the checks, before the first write (where a planted link would go). */
  readonly beforeWrite?: () => void;
}

interface Staged { readonly dir: Folder; readonly tmp: string; readonly name: string; readonly was: Existing }

/**
 * Writes every file of the plan under `outDir` (made when missing), all or nothing. Refuses before
 * writing anything when a file exists and `force` is not set, and when a link or a file stands
 * where the output folder or a folder of the plan goes.
 */
export function writePlan(outDir: string, plan: Plan, o: WriteOptions): ManifestEntry[] {
  const exist = existingFiles(outDir, plan, o.trusted);
  if (exist.length && !o.force) throw new OverwriteRefused(exist);
  o.beforeWrite?.();
  const place = placeOutput(outDir, o.trusted);
  const made: string[] = [];
  const folders = new Map<string, Folder>();
  const staged: Staged[] = [];
  const renamed: Staged[] = [];
  try {
    let root = Folder.openAnchor(place);
    folders.set('\0anchor', root);
    for (const seg of place.below) { root = root.child(seg, made); folders.set(`\0${root.abs}`, root); }
    folders.set('', root);
    const folderOf = (rel: string): Folder => {
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      let f = folders.get(dir);
      if (!f) {
        const parent = folderOf(dir);
        f = parent.child(dir.slice(dir.lastIndexOf('/') + 1), made);
        folders.set(dir, f);
      }
      return f;
    };
    for (const f of plan.files) {
      const dir = folderOf(f.path);
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      const old = dir.read(name, MAX_COMPARED);
      const was = classify(old, f);
      if (was === 'other' && !o.force) throw new OverwriteRefused([f.path]);
      if (was === 'same') continue;
      const content = was === 'readme' && typeof f.content === 'string' && Buffer.isBuffer(old)
        ? `${old.toString('utf8').trimEnd()}\n\n---\n\n${f.content.replace(`${README_MARK}\n`, '')}`
        : f.content;
      const tmp = tmpName();
      writeNew(dir.at(tmp), content, modeOf(f));
      staged.push({ dir, tmp, name, was });
    }
    for (const s of staged) {
      fs.renameSync(s.dir.at(s.tmp), s.dir.at(s.name));
      renamed.push(s);
    }
  } catch (e) {
    for (const s of staged) if (!renamed.includes(s)) fs.rmSync(s.dir.at(s.tmp), { force: true });
    for (const s of renamed) if (s.was === 'absent') fs.rmSync(s.dir.at(s.name), { force: true });
    for (const d of [...made].reverse()) { try { fs.rmdirSync(d); } catch { /* not empty, or gone */ } }
    const code = (e as NodeJS.ErrnoException).code;
    if (code && !(e instanceof UnsafePath)) {
      throw new UnsafePath(`nothing was written in ${showPath(place.abs)}: ${code} (${(e as Error).message.replace(/^[A-Z]+: /, '')})`);
    }
    throw e;
  } finally {
    for (const f of new Set(folders.values())) f.close();
  }
  return plan.files.map(manifestEntry);
}

export function manifestEntry(f: PlannedFile): ManifestEntry {
  return {
    path: f.path,
    kind: f.kind,
    ...(f.role ? { role: f.role } : {}),
    name: f.name,
    ...(f.subject ? { subject: f.subject } : {}),
    ...(f.dnsNames?.length ? { dnsNames: [...f.dnsNames] } : {}),
    ...(f.ipAddresses?.length ? { ipAddresses: [...f.ipAddresses] } : {}),
    ...(f.notAfter ? { notAfter: f.notAfter.toISOString() } : {}),
    ...(f.passwordFile ? { passwordFile: f.passwordFile } : {}),
  };
}
