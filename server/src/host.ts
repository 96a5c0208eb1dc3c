/**
 * The engine's reads from disk, decided by trust and purpose (README, "Security and robustness"):
 * - special files (`/proc`, `/sys`, `/dev`, FIFOs, sockets, devices) are never opened, and only
 *   regular files up to MAX_READ_BYTES are read;
 * - in a trusted workspace, a certificate, key or CA path is read wherever it is (it is only ever
 *   parsed as PEM, DER or a keystore); an nginx `include` is followed inside the workspace, under
 *   nginx's prefix, or through a path mapping; schemas and everything else only inside it;
 * - in an untrusted workspace (Restricted Mode) nothing outside the workspace is read, and no
 *   workspace schema is read at all (a chart's values.schema.json is not compiled).
 * Inside means: the real path (symlinks resolved) lies under a workspace folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineHost, ReadRequest } from './core/host';

export const MAX_READ_BYTES = 8 * 1024 * 1024;
const SPECIAL = ['/proc', '/sys', '/dev'];

function under(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export interface HostOptions {
  roots?: readonly string[];
  pathMappings?: Readonly<Record<string, string>>;
  trusted?: boolean;
}

export class NodeHost implements EngineHost {
  roots: readonly string[];
  pathMappings: Readonly<Record<string, string>>;
  trusted: boolean;
  private realRoots: string[] | undefined;

  constructor(options: HostOptions = {}) {
    this.roots = (options.roots ?? []).map((r) => path.resolve(r));
    this.pathMappings = options.pathMappings ?? {};
    this.trusted = options.trusted ?? true;
  }

  /** Replaces the policy (workspace folders, trust, mappings); reads decide anew. */
  configure(options: HostOptions): void {
    if (options.roots) { this.roots = options.roots.map((r) => path.resolve(r)); this.realRoots = undefined; }
    if (options.pathMappings) this.pathMappings = options.pathMappings;
    if (options.trusted !== undefined) this.trusted = options.trusted;
  }

  private real(p: string): string | undefined {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return undefined;
    }
  }

  /** Inside a workspace folder, symlinks resolved. */
  inside(p: string, known?: string): boolean {
    const real = known ?? this.real(p);
    if (!real) return false;
    this.realRoots ??= this.roots.map((r) => this.real(r) ?? r);
    return this.realRoots.some((r) => under(real, r));
  }

  /** Whether this read is allowed; the real path to open when it is. */
  allowed(p: string, request: ReadRequest = { purpose: 'workspace' }): string | undefined {
    const abs = path.resolve(p);
    if (SPECIAL.some((s) => under(abs, s))) return undefined;
    // Most paths a configuration names are absent here: a stat that does not throw says so cheaply.
    if (!fs.statSync(abs, { throwIfNoEntry: false })) return undefined;
    const real = this.real(abs);
    if (!real || SPECIAL.some((s) => under(real, s))) return undefined;
    if (this.inside(abs, real)) return request.purpose === 'schema' && !this.trusted ? undefined : real;
    if (!this.trusted) return undefined;
    switch (request.purpose) {
      case 'certificate': return real;
      case 'include': return (request.also ?? []).some((f) => under(real, path.resolve(f)) || under(abs, path.resolve(f))) ? real : undefined;
      default: return undefined;
    }
  }

  private regular(p: string): boolean {
    try {
      const st = fs.statSync(p);
      return st.isFile() && st.size <= MAX_READ_BYTES;
    } catch {
      return false;
    }
  }

  readFile(p: string, request?: ReadRequest): string | undefined {
    const bytes = this.readBytes(p, request);
    return bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  }

  readBytes(p: string, request?: ReadRequest): Uint8Array | undefined {
    const real = this.allowed(p, request);
    if (!real || !this.regular(real)) return undefined;
    try {
      // O_NONBLOCK: a FIFO swapped in after the stat cannot block the open.
      const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      try {
        const st = fs.fstatSync(fd);
        if (!st.isFile() || st.size > MAX_READ_BYTES) return undefined;
        const buf = Buffer.alloc(st.size);
        let off = 0;
        while (off < st.size) {
          const n = fs.readSync(fd, buf, off, st.size - off, off);
          if (n === 0) break;
          off += n;
        }
        return new Uint8Array(buf.buffer, buf.byteOffset, off);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return undefined;
    }
  }

  listDir(p: string, request?: ReadRequest): string[] | undefined {
    const real = this.allowed(p, request);
    if (!real) return undefined;
    try {
      return fs.readdirSync(real);
    } catch {
      return undefined;
    }
  }
}
