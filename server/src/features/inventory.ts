/**
 * The inventory as the editor receives it (`tlsLens/inventory`): the model of
 * workspace/inventory.ts with URIs and LSP ranges, and per certificate the Renew action it
 * offers (where it lives, or in the keystore a configuration names). Also the certificate
 * requests of the view's context menu (Copy PEM, Show Details) and the CodeLens above
 * references and certificates. Presentation only: the index and the inventory compute.
 */
import { pathToFileURL } from 'node:url';
import type { CodeLens, Range } from 'vscode-languageserver-types';
import type { GenerateFix } from '../core/fixes';
import type { LineIndex } from '../util/lineIndex';
import type { WorkspaceIndex } from '../workspace/index';
import type { CertificateStatus, DocumentInventory, Inventory, InventoryEntry, InventoryPlace, InventoryUse } from '../workspace/inventory';
import { expiryPhrase } from '../util/time';
import { CertificateFacts, commonName } from '../x509/certificate';
import { pem } from '../x509/generate';
import { certificateMarkdown } from './hover/certificate';
import { code, md } from '../util/markdown';

export interface InventoryPlaceView { readonly uri: string; readonly line: number; readonly range: Range; readonly what?: string; readonly keystore?: boolean }
export interface InventoryUseView {
  readonly uri: string;
  readonly line: number;
  readonly range: Range;
  readonly what: string;
  readonly hosts?: readonly { readonly name: string; readonly covered: boolean }[];
}

/** An inventory entry as the editor receives it: dates as ISO strings, places as URIs and ranges. */
export interface InventoryItemView extends Omit<InventoryEntry, 'commonName' | 'notBefore' | 'notAfter' | 'locations' | 'usedBy' | 'cert'> {
  /** The CN, else the subject. */
  readonly label: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** "expires in 23 days", "expired 5 days ago" (at the inventory's clock). */
  readonly expiry: string;
  readonly locations: readonly InventoryPlaceView[];
  readonly usedBy: readonly InventoryUseView[];
  /** The renewal the view's Renew runs (absent when TLS Lens cannot tell where to write it). */
  readonly renew?: GenerateFix;
}

export interface InventoryView {
  readonly certificates: readonly InventoryItemView[];
  readonly counts: Readonly<Record<CertificateStatus, number>>;
  readonly expiringDays: number;
  readonly now: string;
  /** Whether the workspace scan has finished (until then certificates and their uses may still arrive), and the generation shown. */
  readonly complete: boolean;
  readonly generation: number;
  /** Files the scan did not read for their size: certificates in them are not listed. */
  readonly skipped: readonly { readonly uri: string; readonly sizeKB: number }[];
}

const label = (e: { commonName?: string; subject: string }) => e.commonName ?? (e.subject || '(empty subject)');

function renewOf(e: InventoryEntry): GenerateFix | undefined {
  const title = `Renew '${label(e)}' (new key, same names and usages)`;
  const here = e.locations.find((l) => !l.keystore);
  if (here) return { action: 'renew', title, path: here.file, offset: here.span.start };
  const store = e.usedBy.find((u) => u.keystore);
  return store ? { action: 'renew', title, path: store.file, offset: store.span.start, inKeystore: { sha256: e.sha256 } } : undefined;
}

type RangeOf = (file: string, span: { start: number; end: number }) => Range;

/** One certificate of the inventory, with its places and uses as URIs and ranges. */
function itemView(e: InventoryEntry, now: Date, range: RangeOf): InventoryItemView {
  const renew = renewOf(e);
  const place = (l: InventoryPlace): InventoryPlaceView => ({
    uri: pathToFileURL(l.file).href, line: l.line, range: range(l.file, l.span),
    ...(l.what ? { what: l.what } : {}), ...(l.keystore ? { keystore: true } : {}),
  });
  const use = (u: InventoryUse): InventoryUseView => ({
    uri: pathToFileURL(u.file).href, line: u.line, range: range(u.file, u.span), what: u.what, ...(u.hosts ? { hosts: u.hosts } : {}),
  });
  return {
    sha256: e.sha256, label: label(e), subject: e.subject, dnsNames: e.dnsNames, ipAddresses: e.ipAddresses, issuer: e.issuer,
    notBefore: e.notBefore.toISOString(), notAfter: e.notAfter.toISOString(), daysLeft: e.daysLeft, expiry: expiryPhrase(e, now),
    status: e.status, key: e.key, isCA: e.isCA, selfSigned: e.selfSigned, ...(e.issuedBy ? { issuedBy: e.issuedBy } : {}),
    locations: e.locations.map(place),
    usedBy: e.usedBy.map(use),
    ...(renew ? { renew } : {}),
  };
}

export function inventoryView(inv: Inventory, index: WorkspaceIndex): InventoryView {
  const range: RangeOf = (file, span) => {
    const start = index.position(file, span.start) ?? { line: 0, character: 0 };
    return { start, end: index.position(file, span.end) ?? start };
  };
  return {
    counts: inv.counts,
    expiringDays: inv.expiringDays,
    now: inv.now.toISOString(),
    complete: index.complete,
    generation: index.inventoryGeneration,
    skipped: index.skippedLarge.map((f) => ({ uri: pathToFileURL(f.path).href, sizeKB: f.sizeKB })),
    certificates: inv.certificates.map((e) => itemView(e, inv.now, range)),
  };
}

/** A certificate of the inventory by SHA-256: its PEM (public), or its details as Markdown. */
export function certificateView(inv: Inventory, sha256: string, what: 'pem' | 'details'): string | null {
  const e = inv.certificates.find((c) => c.sha256 === sha256);
  if (!e) return null;
  if (what === 'pem') return pem('CERTIFICATE', Buffer.from(e.cert.der).toString('base64'));
  const where = [
    ...e.locations.map((l) => `- at ${code(`${l.file}:${l.line}`)}${l.what ? ` (${md(l.what)})` : ''}`),
    ...e.usedBy.map((u) => `- used by ${md(u.what)} ${code(`${u.file}:${u.line}`)}`),
  ];
  return `${certificateMarkdown(e.cert, inv.now)}\n\n${where.join('\n')}\n`;
}

/** The command a lens runs: reveal the certificate in the TLS Certificates view (the client registers it). */
export const REVEAL_CERTIFICATE = 'tlsLens.certificate.reveal';

/**
 * CodeLens above each certificate reference ("CN=app.example.com · expires in 23 days · covers 2
 * of 3 hosts") and each certificate the document holds ("… · used by 2 references"): the
 * document's part of the inventory (workspace/inventory.ts), presented.
 */
export function codeLenses(inv: DocumentInventory, lines: LineIndex): CodeLens[] {
  const out: CodeLens[] = [];
  const lens = (span: { start: number; end: number }, title: string, sha256: string) => {
    const start = lines.positionAt(span.start);
    out.push({ range: { start, end: start }, command: { title, command: REVEAL_CERTIFICATE, arguments: [sha256] } });
  };
  const head = (c: CertificateFacts, status: CertificateStatus) => {
    const cn = commonName(c);
    // VS Code draws `$(name)` in a lens title as an icon: a CN's own is escaped (`\$(name)` shows as written).
    const name = (cn ? `CN=${cn}` : c.subject.text || '(empty subject)').replace(/\$\(/g, '\\$(');
    return `${status === 'expired' ? '$(error) ' : status === 'expiring' ? '$(warning) ' : ''}${name} · ${expiryPhrase(c, inv.now)}`;
  };
  for (const r of inv.references) {
    const covered = r.hosts.filter((h) => h.covered).length;
    const hosts = r.hosts.length ? ` · covers ${covered} of ${r.hosts.length} host${r.hosts.length === 1 ? '' : 's'}` : '';
    lens(r.ref.span, `${head(r.leaf, r.status)}${hosts}${r.chainLength > 1 ? ` · chain of ${r.chainLength}` : ''}`, r.leaf.sha256);
  }
  for (const c of inv.certificates) {
    const users = c.users === undefined ? '' : ` · used by ${c.users} reference${c.users === 1 ? '' : 's'}`;
    lens(c.span, `${head(c.cert, c.status)}${users}`, c.cert.sha256);
  }
  return out;
}
