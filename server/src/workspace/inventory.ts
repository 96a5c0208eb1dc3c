/**
 * The repository's certificates at a glance: one entry per certificate (by SHA-256) the
 * workspace index knows — PEM files, Secret and ConfigMap values, the keystores configurations
 * name — with where it lives, what uses it (the references that resolve to it, with the
 * hostnames they serve and whether it covers them) and its state at a clock. The language
 * server's view, CodeLens and status bar and the CLI's `inventory` read this; nothing here speaks
 * LSP or formats for a terminal.
 */
import type { Span } from '../core/types';
import type { DocumentModel } from '../model/document';
import type { Reference } from '../model/refs';
import { documentCertificates } from '../products/holdings';
import { refsOf } from '../products/refs';
import { CertificateFacts, commonName } from '../x509/certificate';
import { describeKey } from '../x509/publicKey';
import { HostCoverage, referenceCoverage } from './coverage';
import type { WorkspaceIndex } from './index';
import type { WorkspaceView } from './view';

export type CertificateStatus = 'expired' | 'expiring' | 'valid' | 'not-yet-valid';

export interface InventoryPlace {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly span: Span;
  /** What holds it there: `Secret ns/name tls.crt`, `keystore gate.p12 (alias spin-gate)`; absent for a PEM file. */
  readonly what?: string;
  /** Inside a keystore (binary: opened through the reference that names it). */
  readonly keystore?: boolean;
}

export interface InventoryUse {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly span: Span;
  /** The reference: `nginx ssl_certificate`, `gate server.ssl.key-store`, `tls[0].secretName`. */
  readonly what: string;
  /** The hostnames the reference serves, and whether this certificate covers each (leaf only). */
  readonly hosts?: readonly { readonly name: string; readonly covered: boolean }[];
  /** The reference names a keystore that holds the certificate. */
  readonly keystore?: boolean;
}

export interface InventoryEntry {
  readonly sha256: string;
  readonly subject: string;
  readonly commonName?: string;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Whole days from the clock to notAfter (negative: expired that many days ago). */
  readonly daysLeft: number;
  readonly status: CertificateStatus;
  /** `EC P-256`, `RSA 2048`. */
  readonly key: string;
  readonly isCA: boolean;
  readonly selfSigned: boolean;
  /** The workspace certificate that issued it (its SHA-256), when there is one. */
  readonly issuedBy?: string;
  readonly locations: readonly InventoryPlace[];
  readonly usedBy: readonly InventoryUse[];
  /** The certificate itself (for Renew, Copy PEM, details: never leaves the server as key material; it is public). */
  readonly cert: CertificateFacts;
}

export interface Inventory {
  /** Sorted by notAfter (expired first), then subject. */
  readonly certificates: readonly InventoryEntry[];
  readonly counts: Readonly<Record<CertificateStatus, number>>;
  readonly now: Date;
  readonly expiringDays: number;
}

const DAY = 86_400_000;

export function statusOf(c: { notBefore: Date; notAfter: Date }, now: Date, expiringDays: number): CertificateStatus {
  if (c.notAfter.getTime() < now.getTime()) return 'expired';
  if (c.notBefore.getTime() > now.getTime()) return 'not-yet-valid';
  return c.notAfter.getTime() - now.getTime() <= expiringDays * DAY ? 'expiring' : 'valid';
}

/** Whole days until notAfter: 0 on its last day, -1 the day after it expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY);
}

/** A certificate as the inventory gathers it: where it lives and what uses it (`seen`: its places, by file and offset). */
interface Gathered { readonly cert: CertificateFacts; readonly locations: InventoryPlace[]; readonly usedBy: InventoryUse[]; readonly seen: Set<string> }

export function buildInventory(index: WorkspaceIndex, now: Date, expiringDays: number): Inventory {
  const entries = new Map<string, Gathered>();
  const entryOf = (cert: CertificateFacts) => {
    let e = entries.get(cert.sha256);
    if (!e) entries.set(cert.sha256, (e = { cert, locations: [], usedBy: [], seen: new Set() }));
    return e;
  };
  const line = (file: string, offset: number) => (index.position(file, offset)?.line ?? 0) + 1;
  const place = (e: Gathered, p: InventoryPlace) => {
    const k = `${p.file}\0${p.span.start}`;
    if (!e.seen.has(k)) { e.seen.add(k); e.locations.push(p); }
  };

  for (const h of index.holdings()) {
    if (h.item.kind !== 'certificate') continue;
    const o = h.entry?.object;
    const what = o ? { what: `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} ${h.entry!.key}` } : {};
    place(entryOf(h.item.cert), { file: h.path, line: line(h.path, h.span.start), span: h.span, ...what });
  }

  for (const { file, ref } of index.allReferences()) {
    const res = index.resolve(ref, file);
    if (!res) continue;
    const use = { file, line: line(file, ref.span.start), span: ref.span, what: ref.via, ...(res.keystore ? { keystore: true } : {}) };
    const served = ref.hosts?.length ? referenceCoverage(ref, res) : undefined;
    res.certs.forEach((c, i) => {
      const e = entryOf(c.cert);
      const hosts = i === 0 && served ? { hosts: served.hosts.map((h) => ({ name: h.host.value, covered: h.covered })) } : {};
      if (!e.usedBy.some((u) => u.file === file && u.span.start === ref.span.start)) e.usedBy.push({ ...use, ...hosts });
      if (res.keystore) {
        const alias = res.keystore.aliases[i];
        const what = `keystore ${res.keystore.name}${alias ? ` (alias ${alias})` : ''}`;
        place(e, { file: c.path, line: line(c.path, c.span.start), span: c.span, what, keystore: true });
      }
    });
  }

  const certificates = [...entries.values()].map((e) => inventoryEntry(e, index, now, expiringDays)).sort(byExpiry);

  const counts: Record<CertificateStatus, number> = { expired: 0, expiring: 0, valid: 0, 'not-yet-valid': 0 };
  for (const c of certificates) counts[c.status]++;
  return { certificates, counts, now, expiringDays };
}

/** A certificate's entry: its facts at the clock, the workspace certificate that issued it, its places and uses in order. */
function inventoryEntry({ cert, locations, usedBy }: Gathered, index: WorkspaceIndex, now: Date, expiringDays: number): InventoryEntry {
  const san = cert.ext.san ?? [];
  const issuedBy = cert.selfIssued ? undefined : index.issuersOf(cert)[0]?.cert.sha256;
  return {
    sha256: cert.sha256,
    subject: cert.subject.text,
    ...(commonName(cert) ? { commonName: commonName(cert) } : {}),
    dnsNames: san.filter((n) => n.type === 'dns').map((n) => n.value),
    ipAddresses: san.filter((n) => n.type === 'ip').map((n) => n.value),
    issuer: cert.issuer.text,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    daysLeft: daysLeft(cert.notAfter, now),
    status: statusOf(cert, now, expiringDays),
    key: describeKey(cert.publicKey),
    isCA: cert.isCA,
    selfSigned: cert.selfSigned,
    ...(issuedBy ? { issuedBy } : {}),
    locations: locations.sort(byPlace),
    usedBy: usedBy.sort(byPlace),
    cert,
  };
}

function byPlace(a: { file: string; line: number }, b: { file: string; line: number }): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

function byExpiry(a: InventoryEntry, b: InventoryEntry): number {
  return a.notAfter.getTime() - b.notAfter.getTime() || a.subject.localeCompare(b.subject) || a.sha256.localeCompare(b.sha256);
}

/** A reference of a document that resolves to a certificate, as the inventory sees it. */
export interface ReferenceStanding {
  readonly ref: Reference;
  /** The leaf certificate it resolves to. */
  readonly leaf: CertificateFacts;
  readonly status: CertificateStatus;
  /** The hostnames the reference serves, each with whether the leaf covers it (xref/hostname-not-covered reads the same). */
  readonly hosts: readonly HostCoverage[];
  /** How many certificates it resolves to (the leaf and its chain). */
  readonly chainLength: number;
}

/** A certificate a document holds, with its status and, when the workspace is indexed, how many references use it. */
export interface HeldStanding {
  readonly span: Span;
  readonly cert: CertificateFacts;
  readonly status: CertificateStatus;
  readonly users?: number;
}

/** One document's part of the inventory, at a clock: what its CodeLens show. */
export interface DocumentInventory {
  /** In the document's order; only references that resolve to a certificate (none without a workspace). */
  readonly references: readonly ReferenceStanding[];
  readonly certificates: readonly HeldStanding[];
  readonly now: Date;
}

/** The references and certificates of one document (its current model), with what the workspace index says of them. */
export function documentInventory(model: DocumentModel, file: string, index: WorkspaceView | undefined, now: Date, expiringDays: number): DocumentInventory {
  const references: ReferenceStanding[] = [];
  if (index) {
    for (const ref of refsOf(model).references) {
      const res = index.resolve(ref, file);
      const served = referenceCoverage(ref, res);
      if (!res || !served) continue;
      const leaf = served.leaf.cert;
      references.push({ ref, leaf, status: statusOf(leaf, now, expiringDays), hosts: served.hosts, chainLength: res.certs.length });
    }
  }
  const certificates = documentCertificates(model).map((c): HeldStanding => ({
    span: c.span,
    cert: c.item.cert,
    status: statusOf(c.item.cert, now, expiringDays),
    ...(index ? { users: index.referencesTo(file, c.span).length } : {}),
  }));
  return { references, certificates, now };
}
