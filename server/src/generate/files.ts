/**
 * Writing a plan: every file atomically (a temporary file in the same folder, fsync, rename),
 * private keys, keystores, passwords and Secrets with mode 0600, and nothing at all when one of
 * the files exists already, unless the caller has the user's consent (`--force`, a modal
 * confirmation). Passwords come from `crypto`. Nothing here logs a file's content.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import type { ManifestEntry, Plan, PlannedFile } from './types';

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

/** A path of a plan that would leave the output folder. */
export class UnsafePath extends Error {}

function target(outDir: string, rel: string): string {
  const abs = path.resolve(outDir, rel);
  const r = path.relative(path.resolve(outDir), abs);
  if (!r || r.startsWith('..') || path.isAbsolute(r)) throw new UnsafePath(`'${rel}' is outside the output folder`);
  return abs;
}

/** The first line of every README TLS Lens writes: a later plan in the same folder adds to it. */
export const README_MARK = '<!-- Written by TLS Lens: later runs add their sections below. -->';

type Existing = 'absent' | 'same' | 'readme' | 'other';

/** What is at a planned file's place: nothing, the same bytes, a README of ours, or something else. */
function existing(abs: string, f: PlannedFile): Existing {
  let st: fs.Stats;
  try { st = fs.lstatSync(abs); } catch { return 'absent'; }
  if (!st.isFile() || st.size > 4 * 1024 * 1024) return 'other';
  const old = fs.readFileSync(abs);
  const now = typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content);
  if (old.equals(now)) return 'same';
  if (f.kind === 'readme' && old.subarray(0, README_MARK.length).toString('utf8') === README_MARK) return 'readme';
  return 'other';
}

/**
 * The files of a plan that exist already (relative paths), except those holding the same bytes
 * (the CA certificate copied beside what it signed) and a README of ours (added to). Symbolic
 * links and anything but a regular file count as existing.
 */
export function existingFiles(outDir: string, plan: Plan): string[] {
  return plan.files.filter((f) => existing(target(outDir, f.path), f) === 'other').map((f) => f.path);
}

/**
 * Writes `content` to `file` atomically with `mode`: readers see the old file or the new one,
 * never half of one, and a key is never readable by others, not even for a moment.
 */
export function writeFileAtomic(file: string, content: Uint8Array | string, mode: number): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, mode);
  try {
    fs.fchmodSync(fd, mode); // the umask may have taken bits off; never added any
    fs.writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export function modeOf(f: PlannedFile): number {
  return f.secret ? 0o600 : 0o644;
}

/**
 * Writes every file of the plan under `outDir` (created when missing). Refuses before writing
 * anything when a file exists and `force` is not set.
 */
export function writePlan(outDir: string, plan: Plan, o: { force: boolean }): ManifestEntry[] {
  const files = plan.files.map((f) => ({ f, abs: target(outDir, f.path) }));
  if (!o.force) {
    const existing = existingFiles(outDir, plan);
    if (existing.length) throw new OverwriteRefused(existing);
  }
  for (const { f, abs } of files) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const was = existing(abs, f);
    if (was === 'same') continue;
    const content = was === 'readme' && typeof f.content === 'string' ? `${fs.readFileSync(abs, 'utf8').trimEnd()}\n\n---\n\n${f.content.replace(`${README_MARK}\n`, '')}` : f.content;
    writeFileAtomic(abs, content, modeOf(f));
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
