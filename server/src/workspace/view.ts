/**
 * What the rules and features see of the workspace: the WorkspaceView interface (the index,
 * workspace/index.ts, carries it out) and the resolutions it answers with.
 */
import type { Span } from '../core/types';
import type { Fact, FactKind, IssuerInfo, K8sObject, PendingCertificate, Reference } from '../model/refs';
import type { DocumentHolding } from '../products/holdings';
import type { Position } from '../util/lineIndex';
import type { CertificateFacts } from '../x509/certificate';
import type { PrivateKeyFacts } from '../x509/key';

/**
 * A certificate or key the workspace holds: what its document's model holds (documentHoldings:
 * a PEM block of the text, or an item decoded from a Secret's or ConfigMap's value), with its file.
 */
export type Holding = DocumentHolding & { readonly path: string };

export interface CertLoc { readonly cert: CertificateFacts; readonly path: string; readonly span: Span }
export interface KeyLoc { readonly key: PrivateKeyFacts; readonly path: string; readonly span: Span }

export interface Resolution {
  readonly certs: readonly CertLoc[];
  readonly keys: readonly KeyLoc[];
  /** Where the reference leads (the file, or the Secret's key). */
  readonly where: { readonly path: string; readonly span: Span };
  readonly description: string;
  /** What a keystore holds besides its certificates (a keystore resolution only). */
  readonly keystore?: {
    /** What holds it, as messages name it: `gate.p12`, `Secret spin-secrets gate.p12`. */
    readonly name: string;
    readonly format: 'PKCS12' | 'JKS';
    /** JKS private-key entries' chains (indexes into `certs`, in the entry's order). */
    readonly chains: readonly (readonly number[])[];
    readonly keyEntries: number;
    /** Per certificate: its alias. */
    readonly aliases: readonly (string | undefined)[];
    /** The password that opens it: the one that decrypted it, else the first the configuration gives. */
    readonly password?: string;
  };
  /**
   * A keystore that could not be read in full: why (its certificates are then not all checked).
   * `pending`: its key is being derived (the engine worker checks again when it is); `budget`:
   * the analysis's key-derivation budget was spent before it.
   */
  readonly problem?: { readonly kind: 'refused' | 'unreadable' | 'password' | 'pending' | 'budget'; readonly message: string };
}

/** A reference of some document of the workspace, with that document's path. */
export interface RefFrom { readonly ref: Reference; readonly from: string }

export interface WorkspaceView {
  /** The resolution of a reference, or undefined when nothing in the workspace matches it. */
  resolve(ref: Reference, fromPath: string): Resolution | undefined;
  /** The references, anywhere in the workspace, that lead to this place (a Secret's key, a PEM file). */
  referencesTo(path: string, span: Span): readonly RefFrom[];
  /** The facts of a kind every document states, with their files. */
  facts<F extends Fact>(kind: FactKind<F>): readonly { fact: F; path: string }[];
  /** The references a workspace document makes. */
  referencesIn(path: string): readonly Reference[];
  /**
   * Whether a path is a document of the workspace that is checked (a PEM or YAML file under a
   * workspace folder), so that findings about what it holds can be reported on it.
   */
  isDocument(path: string): boolean;
  /** cert-manager issuers of that name (a ClusterIssuer anywhere; an Issuer in the namespace, when known). */
  issuers(name: string, kind: 'Issuer' | 'ClusterIssuer', namespace?: string): readonly { issuer: IssuerInfo; path: string }[];
  /** The Secrets or ConfigMaps of that name the workspace defines (in the namespace, when given), with their files. */
  objects(kind: 'Secret' | 'ConfigMap', name: string, namespace?: string): readonly { object: K8sObject; path: string }[];
  /** cert-manager Certificates that will write a Secret of that name. */
  pendingFor(secretName: string, namespace?: string): readonly (PendingCertificate & { path: string })[];
  position(file: string, offset: number): Position | undefined;
  /**
   * Certificates of the workspace (PEM files and Secret data) that `issuer` issued: their issuer
   * is its subject and their signature verifies with its key. Self-issued certificates excluded.
   * One place per distinct certificate (the first found).
   */
  issuedBy(issuer: CertificateFacts): readonly CertLoc[];
  /** Certificates of the workspace that issued `child` (subject is its issuer, signature verifies); one place per distinct certificate. */
  issuersOf(child: CertificateFacts): readonly CertLoc[];
  /** False until the index covers the workspace: unresolved references are then not reported. */
  readonly complete: boolean;
}
