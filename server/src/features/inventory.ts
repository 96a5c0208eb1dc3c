/**
 * The inventory as the editor receives it (`tlsLens/inventory`): the model of
 * workspace/inventory.ts with URIs and LSP ranges, and per certificate the Renew action it
 * offers (where it lives, or in the keystore a configuration names). Also the certificate
 * requests of the view's context menu (Copy PEM, Show Details) and the CodeLens above
 * references and certificates. Presentation only: the index and the inventory compute.
 */
import { pathToFileURL } from 'node:url';
import type { CodeLens, Range } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import { documentCertificates } from '../products/holdings';
import { refsOf } from '../products/refs';
import type { GenerateFix } from '../core/fixes';
import type { LineIndex } from '../util/lineIndex';
import type { WorkspaceIndex } from '../workspace/index';
import { CertificateStatus, Inventory, InventoryEntry, statusOf } from '../workspace/inventory';
import { expiryPhrase } from '../util/time';
import { CertificateFacts, commonName } from '../x509/certificate';
import { coversHost } from '../x509/hostname';
import { pem } from '../x509/generate';
import { certificateMarkdown } from './hover/certificate';
import { code, md } from '../util/markdown';

export interface InventoryPlaceView { readonly uri: string; readonly line: number; readonly range: Range; readonly what?: string; readonly keystore?: boolean }
export interface InventoryUseView { readonly uri: string; readonly line: number; readonly range: Range; readonly what: string; readonly hosts?: readonly { readonly name: string; readonly covered: boolean }[] }

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

export function inventoryView(inv: Inventory, index: WorkspaceIndex): InventoryView {
  const range = (file: string, span: { start: number; end: number }): Range => {
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
    certificates: inv.certificates.map((e): InventoryItemView => {
      const renew = renewOf(e);
      return {
        sha256: e.sha256, label: label(e), subject: e.subject, dnsNames: e.dnsNames, ipAddresses: e.ipAddresses, issuer: e.issuer,
        notBefore: e.notBefore.toISOString(), notAfter: e.notAfter.toISOString(), daysLeft: e.daysLeft, expiry: expiryPhrase(e, inv.now), status: e.status, key: e.key,
        isCA: e.isCA, selfSigned: e.selfSigned, ...(e.issuedBy ? { issuedBy: e.issuedBy } : {}),
        locations: e.locations.map((l) => ({ uri: pathToFileURL(l.file).href, line: l.line, range: range(l.file, l.span), ...(l.what ? { what: l.what } : {}), ...(l.keystore ? { keystore: true } : {}) })),
        usedBy: e.usedBy.map((u) => ({ uri: pathToFileURL(u.file).href, line: u.line, range: range(u.file, u.span), what: u.what, ...(u.hosts ? { hosts: u.hosts } : {}) })),
        ...(renew ? { renew } : {}),
      };
    }),
  };
}

/** A certificate of the inventory by SHA-256: its PEM (public), or its details as Markdown. */
export function certificateView(inv: Inventory, sha256: string, what: 'pem' | 'details'): string | null {
  const e = inv.certificates.find((c) => c.sha256 === sha256);
  if (!e) return null;
  if (what === 'pem') return pem('CERTIFICATE', Buffer.from(e.cert.der).toString('base64'));
  const where = [...e.locations.map((l) => `- at ${code(`${l.file}:${l.line}`)}${l.what ? ` (${md(l.what)})` : ''}`), ...e.usedBy.map((u) => `- used by ${md(u.what)} ${code(`${u.file}:${u.line}`)}`)];
  return `${certificateMarkdown(e.cert, inv.now)}\n\n${where.join('\n')}\n`;
}

/** The command a lens runs: reveal the certificate in the TLS Certificates view (the client registers it). */
export const REVEAL_CERTIFICATE = 'tlsLens.certificate.reveal';

/**
 * CodeLens above each certificate reference ("CN=app.example.com · expires in 23 days · covers 2
 * of 3 hosts") and each certificate the document holds ("… · used by 2 references").
 */
export function codeLenses(model: DocumentModel, lines: LineIndex, file: string, index: WorkspaceIndex | undefined, now: Date, expiringDays: number): CodeLens[] {
  const out: CodeLens[] = [];
  const lens = (span: { start: number; end: number }, title: string, sha256: string) => {
    const start = lines.positionAt(span.start);
    out.push({ range: { start, end: start }, command: { title, command: REVEAL_CERTIFICATE, arguments: [sha256] } });
  };
  const head = (c: CertificateFacts) => {
    const cn = commonName(c);
    const status = statusOf(c, now, expiringDays);
    // VS Code draws `$(name)` in a lens title as an icon: a CN's own is escaped (`\$(name)` shows as written).
    const name = (cn ? `CN=${cn}` : c.subject.text || '(empty subject)').replace(/\$\(/g, '\\$(');
    return `${status === 'expired' ? '$(error) ' : status === 'expiring' ? '$(warning) ' : ''}${name} · ${expiryPhrase(c, now)}`;
  };
  if (index) {
    for (const ref of refsOf(model).references) {
      const res = index.resolve(ref, file);
      const leaf = res?.certs[0];
      if (!leaf) continue;
      const hosts = ref.hosts?.map((h) => h.value) ?? [];
      const covered = hosts.filter((h) => coversHost(leaf.cert.ext.san, h)).length;
      lens(ref.span, `${head(leaf.cert)}${hosts.length ? ` · covers ${covered} of ${hosts.length} host${hosts.length === 1 ? '' : 's'}` : ''}${res.certs.length > 1 ? ` · chain of ${res.certs.length}` : ''}`, leaf.cert.sha256);
    }
  }
  for (const c of documentCertificates(model)) {
    const users = index ? index.referencesTo(file, c.span).length : 0;
    lens(c.span, `${head(c.item.cert)}${index ? ` · used by ${users} reference${users === 1 ? '' : 's'}` : ''}`, c.item.cert.sha256);
  }
  return out;
}
