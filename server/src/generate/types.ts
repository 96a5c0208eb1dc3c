/**
 * What generation makes, before anything is written: a plan of files (with what each is for),
 * notes for the README, and edits to the configuration that refers to them. Product recipes fill a
 * plan through the BundleKit contract (core/bundle.ts), which generate/kit.ts carries out.
 */
import type { PlannedEdit } from '../core/bundle';
import type { Issued, KeyChoice, LeafRole } from './certificates';

export type { Issued, KeyChoice, LeafRole, PlannedEdit };

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
