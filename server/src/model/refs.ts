/**
 * The vocabulary of what a document refers to and what it provides, across files: certificate,
 * key and CA references with their roles, the Secrets and ConfigMaps a manifest defines, ingress
 * hosts, cert-manager issuers, and the facts products state. Types (and a guard for facts) only:
 * the product modules fill them (products/refs.ts, extraction), the workspace index and the
 * rules read them. Every fact keeps its span.
 */
import type { Located, Span } from '../core/types';
import type { PathSegment } from '../parse/yaml';
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
  /** For a client certificate: the subject CN it must carry (xref/planeid-cn; the CN a generated one gets). */
  readonly subjectCN?: RequiredName;
  /** For a CA: whose certificates it must have issued (xref/chain-to-ca). */
  readonly issues?: Issues;
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

/**
 * A name a certificate must carry, as the product that requires it says it: where it is written,
 * what the configuration calls it (`planeID`), whose certificate it is, and what breaks without it.
 */
export interface RequiredName extends Located {
  /** The setting's name: "its {{what}} is 'x'". */
  readonly what: string;
  /** The certificate's holder, for messages: "agent's client certificate". */
  readonly holder: string;
  /** What goes wrong when the certificate does not carry it. */
  readonly effect: string;
}

/** A Secret's key where a certificate is (a server a product states, by its Secret). */
export interface SecretTarget {
  readonly target: string;
  readonly key: string;
  /** The namespaces it is expected in. */
  readonly namespaces?: readonly string[];
}

/** What a CA reference must have issued. */
export interface Issues {
  /** The certificate of the serving or client reference of the same group (a Go service's certFile vs its cacertFile). */
  readonly group?: boolean;
  /**
   * The certificates of the servers facts of this kind state, anywhere in the workspace (the
   * gateway agents verify); `otherwise` where no document states one (the product's default).
   */
  readonly servers?: { readonly fact: FactKind<ServerFact>; readonly otherwise: SecretTarget };
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
  /** A text value of comment lines only: a placeholder another component fills (like an empty value). */
  readonly placeholder?: boolean;
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
  /** A values file's ingress block (`ingress`, a chart's own sub-block): its document's position and path. */
  readonly values?: { readonly document: number; readonly path: readonly PathSegment[] };
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

/**
 * A fact a product states for other documents to be checked against (a gateway, an agent, a
 * plane CR): its kind is the product's own, and so is the rest of its shape.
 */
export interface Fact {
  readonly kind: string;
  readonly span: Span;
}

/** A kind of fact, typed: a product exports one per fact it states, and the workspace answers with facts of that type. */
export interface FactKind<F extends Fact> {
  readonly kind: F['kind'];
  /** Never set: it carries the fact's type. */
  readonly fact?: F;
}

/** The facts of a kind every document of the workspace states, with their files (what the workspace answers). */
export type FactSource = <F extends Fact>(kind: FactKind<F>) => readonly { readonly fact: F; readonly path: string }[];

/** Whether a fact is of a kind (and so of its type). */
export function isFact<F extends Fact>(fact: Fact, kind: FactKind<F>): fact is F {
  return fact.kind === kind.kind;
}

/** A TLS server a document states (a product's gateway): the Secret its certificate is in, and the names it serves. */
export interface ServerFact extends Fact {
  readonly secret: SecretTarget;
  readonly dnsNames: readonly string[];
}

export interface DocumentRefs {
  readonly references: readonly Reference[];
  readonly objects: readonly K8sObject[];
  readonly ingresses: readonly IngressHosts[];
  readonly pending: readonly PendingCertificate[];
  readonly issuers: readonly IssuerInfo[];
  readonly issuerRefs: readonly IssuerRef[];
  readonly facts: readonly Fact[];
  /** Client identities the document names (the subject CN a client certificate for it must carry), in order. */
  readonly clients: readonly Located[];
}
