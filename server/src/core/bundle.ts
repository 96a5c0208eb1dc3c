/**
 * The contract between a product's bundle recipe (products/<id>.ts, `tls-lens generate bundle
 * <id>`) and the code that makes keys and certificates (generate/kit.ts carries it out). A recipe
 * says what to make; it never touches the crypto code, which is loaded only when a bundle is asked
 * for (products/ stays light for the language server's start).
 */

/** What a leaf certificate is for: serverAuth, clientAuth, or both (a peer: a service that is server and client). */
export type LeafRole = 'server' | 'client' | 'peer';

/** A certificate the kit made or was given (with its key): a handle the recipe only passes back to the kit. */
export interface KitCertificate {
  readonly cert: unknown;
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

/** What a product recipe may use. Every method adds to the plan; keys are made on the spot. */
export interface BundleKit {
  /** Starts making the key pairs of `leaves` leaves (and of the CA, when one is made) at once, taken in order by ca() and leaf(). */
  reserve(leaves: number): void;
  /** The bundle's CA: the one given (`--ca`/`--ca-key`), else a new self-signed root written as `file`.crt/.key. */
  ca(cn: string, org?: string): Promise<KitCertificate>;
  /** A leaf signed by `issuer`. */
  leaf(req: { role: LeafRole; cn: string; org?: string; dns?: readonly string[]; ip?: readonly string[]; issuer: KitCertificate }): Promise<KitCertificate>;
  /** The CA certificate as PEM (`ca.crt`, `ca.pem`). */
  caCertificate(path: string, ca: KitCertificate, purpose: string): void;
  /** A certificate (with the chain up to, not including, the root when `chain`) and its key as PEM files. */
  pem(leaf: KitCertificate, certPath: string, keyPath: string, name: string, purpose: string): Promise<void>;
  /** A PKCS#12 keystore (key + leaf + CA) with a random password in `<path>.password`; returns the password. */
  keystore(leaf: KitCertificate, path: string, alias: string, name: string, purpose: string, password?: string): Promise<string>;
  /** A PKCS#12 truststore of the CAs with a random password in `<path>.password`; returns the password. */
  truststore(cas: readonly KitCertificate[], path: string, name: string, purpose: string, password?: string): Promise<string>;
  /** A `kubernetes.io/tls` Secret manifest (tls.crt, tls.key, and ca.crt when a CA is given). */
  tlsSecret(path: string, o: { name: string; namespace?: string; leaf: KitCertificate; ca?: KitCertificate; purpose: string }): Promise<void>;
  /** A ConfigMap (or Secret) manifest holding a CA certificate under `key` (default ca.crt). */
  caObject(path: string, o: { kind: 'ConfigMap' | 'Secret'; name: string; namespace?: string; ca: KitCertificate; key?: string; purpose: string }): void;
  /** An Opaque Secret manifest of files already planned (by path) and literal values. */
  opaqueSecret(path: string, o: {
    name: string; namespace?: string; files?: Readonly<Record<string, string>>; values?: Readonly<Record<string, string>>; purpose: string;
  }): void;
  /** A YAML or text snippet to paste into the configuration. */
  snippet(path: string, text: string, name: string, purpose: string): void;
  /** A certificate as PEM text (to write into a configuration). */
  pemOf(c: KitCertificate): string;
  edit(e: PlannedEdit): void;
  note(text: string): void;
  /** The output folder relative to a configuration file (for paths written into it). */
  relativeOut(fromFile: string): string;
}
