/**
 * What generation makes, before anything is written: a plan of files (with what each is for),
 * notes for the README, and edits to the configuration that refers to them. Product recipes fill a
 * plan through a BundleKit and never import the crypto code themselves (products/ stays light for
 * the language server's start; the kit is loaded when a bundle is asked for).
 */
import type { Issued, KeyChoice, LeafRole } from './certificates';

export type { Issued, KeyChoice, LeafRole };

/** The manifest's kinds (schemas/generate-output.schema.json). */
export type FileKind = 'certificate' | 'key' | 'csr' | 'pkcs12' | 'truststore' | 'secret' | 'configmap' | 'password' | 'snippet' | 'readme';
/** The manifest's roles: peer is a certificate for both ends (serverAuth and clientAuth). */
export type FileRole = 'ca' | 'server' | 'client' | 'peer';

/** One planned file. `content` is never printed: keys, keystores and passwords are in it. */
export interface PlannedFile {
  /** Relative to the output folder, with `/`. */
  readonly path: string;
  readonly kind: FileKind;
  readonly role?: FileRole;
  /** What it is for: a service, a plane, a hostname. */
  readonly name: string;
  /** One line for the README. */
  readonly purpose: string;
  readonly subject?: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notAfter?: Date;
  readonly passwordFile?: string;
  /** Written 0600: private keys, keystores, passwords, Secrets. */
  readonly secret: boolean;
  readonly content: Uint8Array | string;
  /** A Kubernetes object: how to load it (for the README). */
  readonly load?: string;
}

/** An edit to a configuration file (nginx's ssl_certificate lines, a plane CR's clientCA). */
export interface PlannedEdit {
  /** Absolute path of the configuration file. */
  readonly file: string;
  /** Offsets of the text replaced (equal for an insertion): for applying it, never for a person. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The 1-based line of `start`, for a person: an insertion at a line's end goes after it. */
  readonly line: number;
  /** The key or block the edit is in, as a person finds it: `spec.clusterAgent.clientCA`, `server app.example.com`. */
  readonly under: string;
  /** One line: what the edit does. */
  readonly description: string;
}

export interface Plan {
  readonly title: string;
  readonly files: PlannedFile[];
  readonly notes: string[];
  readonly edits: PlannedEdit[];
}

/** The manifest line of a file, as `--format json` prints it (no content). */
export interface ManifestEntry {
  readonly path: string;
  readonly kind: FileKind;
  readonly role?: FileRole;
  readonly name: string;
  readonly subject?: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notAfter?: string;
  readonly passwordFile?: string;
}

/** What a product recipe may use. Every method adds to the plan; keys are made on the spot. */
export interface BundleKit {
  /** Starts making the key pairs of `leaves` leaves (and of the CA, when one is made) at once, taken in order by ca() and leaf(). */
  reserve(leaves: number): void;
  /** The bundle's CA: the one given (`--ca`/`--ca-key`), else a new self-signed root written as `file`.crt/.key. */
  ca(cn: string, org?: string): Promise<Issued>;
  /** A leaf signed by `issuer`. */
  leaf(req: { role: LeafRole; cn: string; org?: string; dns?: readonly string[]; ip?: readonly string[]; issuer: Issued }): Promise<Issued>;
  /** The CA certificate as PEM (`ca.crt`, `ca.pem`). */
  caCertificate(path: string, ca: Issued, purpose: string): void;
  /** A certificate (with the chain up to, not including, the root when `chain`) and its key as PEM files. */
  pem(leaf: Issued, certPath: string, keyPath: string, name: string, purpose: string): Promise<void>;
  /** A PKCS#12 keystore (key + leaf + CA) with a random password in `<path>.password`; returns the password. */
  keystore(leaf: Issued, path: string, alias: string, name: string, purpose: string, password?: string): Promise<string>;
  /** A PKCS#12 truststore of the CAs with a random password in `<path>.password`; returns the password. */
  truststore(cas: readonly Pick<Issued, 'cert'>[], path: string, name: string, purpose: string, password?: string): Promise<string>;
  /** A `kubernetes.io/tls` Secret manifest (tls.crt, tls.key, and ca.crt when a CA is given). */
  tlsSecret(path: string, o: { name: string; namespace?: string; leaf: Issued; ca?: Pick<Issued, 'cert'>; purpose: string }): Promise<void>;
  /** A ConfigMap (or Secret) manifest holding a CA certificate under `key` (default ca.crt). */
  caObject(path: string, o: { kind: 'ConfigMap' | 'Secret'; name: string; namespace?: string; ca: Issued; key?: string; purpose: string }): void;
  /** An Opaque Secret manifest of files already planned (by path) and literal values. */
  opaqueSecret(path: string, o: { name: string; namespace?: string; files?: Readonly<Record<string, string>>; values?: Readonly<Record<string, string>>; purpose: string }): void;
  /** A YAML or text snippet to paste into the configuration. */
  snippet(path: string, text: string, name: string, purpose: string): void;
  /** A certificate as PEM text (to write into a configuration). */
  pemOf(c: Pick<Issued, 'cert'>): string;
  edit(e: PlannedEdit): void;
  note(text: string): void;
  /** The output folder relative to a configuration file (for paths written into it). */
  relativeOut(fromFile: string): string;
}
