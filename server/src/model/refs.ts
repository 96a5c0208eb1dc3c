/**
 * The vocabulary of what a document refers to and what it provides, across files: certificate,
 * key and CA references with their roles, the Secrets and ConfigMaps a manifest defines, ingress
 * hosts, cert-manager issuers, and the facts products state. Types only: the product modules fill
 * them (products/refs.ts, extraction), the workspace index and the rules read them. Every fact
 * keeps its span.
 */
import type { Located, Span } from '../core/types';
import type { PemModel } from './pem';


export type Role = 'serve' | 'serve-key' | 'client' | 'client-key' | 'ca';


export interface Reference {
  /** file: a path; secret / configmap: a Kubernetes object; inline: PEM written in place. */
  readonly kind: 'file' | 'secret' | 'configmap' | 'inline';
  readonly span: Span;
  readonly target: string;
  readonly namespace?: string;
  /** The object key (tls.crt, ca.crt, …) for secret and configmap references. */
  readonly key?: string;
  readonly role: Role;
  /** References of one server or profile share a group (to pair certificate and key). */
  readonly group: string;
  /** For serving certificates: the names they must cover. */
  readonly hosts?: readonly Located[];
  /** For client certificates of OpenChoreo agents: the planeID the CN must equal. */
  readonly planeID?: Located;
  readonly inline?: PemModel;
  /** A Java keystore (PKCS#12 or JKS) rather than PEM, with the passwords to try. */
  readonly store?: {
    readonly passwords: readonly string[];
    /** Passwords held in Secrets (Spinnaker's `encrypted:k8s!n:NAME!k:KEY`), tried first. */
    readonly passwordRefs?: readonly { readonly secret: string; readonly key: string; readonly namespace?: string }[];
  };
  /** What refers (for messages): "nginx ssl_certificate", "Ingress tls[0].secretName", … */
  readonly via: string;
  /** When the referring document does not say the object's namespace: the namespaces it is expected in. */
  readonly namespaces?: readonly string[];
}

export interface ObjectEntry {
  readonly span: Span;
  readonly pem: PemModel;
  /** The decoded bytes of a base64 value (a keystore in a Secret). */
  readonly bytes?: Uint8Array;
  /** Where the value came from: a Secret's `data` (base64), or `stringData` / a ConfigMap (text). */
  readonly field: 'data' | 'stringData';
  /** Set when a `data` value is not base64 (Kubernetes rejects the object). */
  readonly notBase64?: boolean;
  /** The value's length (decoded bytes, or characters of text). */
  readonly size: number;
  /** A short one-line value as text (a password a keystore reference names): never shown. */
  readonly text?: string;
  /** Set when the value is written with a template action (`{{ .Values.tls.crt | b64enc }}`): its content is unknown. */
  readonly unknown?: boolean;
}

/** A Secret or ConfigMap this document defines. */
export interface K8sObject {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly name: string;
  readonly namespace?: string;
  readonly nameSpan: Span;
  readonly entries: ReadonlyMap<string, ObjectEntry>;
  /** A Secret's `type` (kubernetes.io/tls, Opaque, …). */
  readonly type?: string;
}

/** An Ingress rule host not listed in any tls entry (for xref/ingress-host-without-tls). */
export interface IngressHosts {
  readonly tlsHosts: readonly string[];
  /** Some tls entry's hosts are written with a template action: which hosts have TLS is not known. */
  readonly tlsHostsUnknown?: boolean;
  readonly ruleHosts: readonly Located[];
  readonly hasTls: boolean;
}

/** A cert-manager Certificate: the Secret it writes and the names it will certify. */
export interface PendingCertificate {
  readonly secretName: string;
  readonly namespace?: string;
  readonly dnsNames: readonly string[];
  readonly span: Span;
}

/** A cert-manager Issuer or ClusterIssuer: its ACME solvers. */
export interface IssuerInfo {
  readonly kind: 'Issuer' | 'ClusterIssuer';
  readonly name: string;
  readonly namespace?: string;
  readonly nameSpan: Span;
  readonly acme?: { readonly http01Only: boolean; readonly solvers: readonly string[] };
}

/** A reference to a cert-manager issuer (a Certificate's issuerRef, an Ingress annotation), with the names it will certify. */
export interface IssuerRef {
  readonly name: string;
  readonly kind: 'Issuer' | 'ClusterIssuer';
  readonly namespace?: string;
  readonly span: Span;
  readonly via: string;
  readonly dnsNames: readonly Located[];
  /** The Secrets the issued certificate goes into (an Ingress's tls secretNames, a Certificate's secretName). */
  readonly secretNames: readonly string[];
}

/** Product facts other documents check against (OpenChoreo's gateway, agents and plane CRs). */
export type Fact =
  | { readonly kind: 'openchoreo-gateway'; readonly dnsNames: readonly string[]; readonly secretName: string; readonly span: Span }
  | { readonly kind: 'openchoreo-agent'; readonly planeType: string; readonly planeID?: Located; readonly serverUrl?: Located; readonly clientSecret?: Located; readonly span: Span }
  | { readonly kind: 'openchoreo-plane'; readonly crKind: string; readonly planeType: string; readonly planeID?: Located; readonly span: Span; /** The group of its clientCA references. */ readonly group: string };

export interface DocumentRefs {
  readonly references: readonly Reference[];
  readonly objects: readonly K8sObject[];
  readonly ingresses: readonly IngressHosts[];
  readonly pending: readonly PendingCertificate[];
  readonly issuers: readonly IssuerInfo[];
  readonly issuerRefs: readonly IssuerRef[];
  readonly facts: readonly Fact[];
}
