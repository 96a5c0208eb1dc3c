/**
 * What a document refers to and what it provides, across files: the certificate, key and CA
 * references of nginx servers, Ingresses, cert-manager Certificates, Helm values, SpinnakerService
 * profiles and OpenChoreo plane CRs; and the Secrets and ConfigMaps a manifest defines. Built from
 * the parsed model (no text parsing here); every fact keeps its span.
 */
import type { Span } from './types';
import { buildPemModel, PemModel } from './pem';
import type { DocumentModel } from './document';
import type { Located } from '../products/json';
import { helmIngress } from '../products/helm-ingress';
import { ownedDocuments } from '../products';
import type { RefSink } from '../products/types';

export type { Located };

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

/** A YAML document's references, objects and facts, from the product modules that own it. */
function yamlRefs(model: DocumentModel, out: RefSink): void {
  for (const { pd, product } of ownedDocuments(model)) {
    const k8s = typeof pd.json.apiVersion === 'string' && typeof pd.json.kind === 'string';
    if (product && product !== helmIngress) product.refs?.(pd, out);
    // Values carry the common ingress convention too, whatever chart they belong to.
    if (!k8s && typeof pd.json.kind !== 'string') helmIngress.refs?.(pd, out);
  }
}

function nginxRefs(model: DocumentModel, out: { references: Reference[] }): void {
  const ng = model.nginx;
  if (!ng) return;
  ng.servers.forEach((s, i) => {
    const hosts = s.names.filter((n) => n.value !== '_' && n.value !== '' && !n.value.startsWith('~')).map((n) => ({ value: n.value.replace(/^\./, ''), span: n.span }));
    const add = (directive: string, role: Role) => {
      for (const d of s.get(directive)) {
        const a = d.args[0];
        if (!a || a.value.includes('$') || !ng.isLocal(d)) continue;
        const hostsOf = role === 'serve' && s.tls ? { hosts } : {};
        // `data:…` is the certificate or key itself (nginx 1.15.10), not a file.
        if (a.value.startsWith('data:')) out.references.push({ kind: 'inline', span: a.span, target: `${directive} data:`, role, group: `server${i}`, inline: buildPemModel(a.value.slice(5), { singleBundle: true }), ...hostsOf, via: `nginx ${directive}` });
        else out.references.push({ kind: 'file', span: a.span, target: a.value, role, group: `server${i}`, ...hostsOf, via: `nginx ${directive}` });
      }
    };
    add('ssl_certificate', 'serve');
    add('ssl_certificate_key', 'serve-key');
    add('ssl_trusted_certificate', 'ca');
    add('ssl_client_certificate', 'ca');
  });
}

export function extractRefs(model: DocumentModel): DocumentRefs {
  const out: RefSink = { references: [], objects: [], ingresses: [], pending: [], issuers: [], issuerRefs: [], facts: [] };
  yamlRefs(model, out);
  nginxRefs(model, out);
  return out;
}

const cache = new WeakMap<DocumentModel, DocumentRefs>();

/** The references of a model, extracted once per model. */
export function refsOf(model: DocumentModel): DocumentRefs {
  let r = cache.get(model);
  if (!r) {
    r = extractRefs(model);
    cache.set(model, r);
  }
  return r;
}

/** The reference at an offset of a document, if any. */
export function referenceAt(model: DocumentModel, offset: number): Reference | undefined {
  return refsOf(model).references.find((r) => offset >= r.span.start && offset <= r.span.end);
}
