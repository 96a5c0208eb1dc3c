/**
 * What a document refers to and what it provides, across files: the certificate, key and CA
 * references of nginx servers, Ingresses, cert-manager Certificates, Helm values, SpinnakerService
 * profiles and OpenChoreo plane CRs; and the Secrets and ConfigMaps a manifest defines. Built from
 * the parsed model (no text parsing here); every fact keeps its span.
 */
import type { Document } from 'yaml';
import type { Span } from '../parse/pem';
import { locate, PathSegment } from '../parse/yaml';
import { buildPemModel, PemModel } from './pem';
import type { DocumentModel } from './document';

export type Role = 'serve' | 'serve-key' | 'client' | 'client-key' | 'ca';

export interface Located<T = string> {
  readonly value: T;
  readonly span: Span;
}

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
  readonly store?: { readonly passwords: readonly string[] };
  /** What refers (for messages): "nginx ssl_certificate", "Ingress tls[0].secretName", … */
  readonly via: string;
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

export interface DocumentRefs {
  readonly references: readonly Reference[];
  readonly objects: readonly K8sObject[];
  readonly ingresses: readonly IngressHosts[];
  readonly pending: readonly PendingCertificate[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function at(doc: Document.Parsed, path: PathSegment[]): Span | undefined {
  return locate(doc, path)?.valueSpan;
}

function located(doc: Document.Parsed, path: PathSegment[], value: unknown): Located | undefined {
  const s = str(value);
  const span = s ? at(doc, path) : undefined;
  return s && span ? { value: s, span } : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A Secret `data` value: base64 (RFC 4648, as Kubernetes decodes it), or undefined when it is not. */
function decodeBase64Value(value: string): Uint8Array | undefined {
  const compact = value.replace(/\s+/g, '');
  return BASE64.test(compact) ? new Uint8Array(Buffer.from(compact, 'base64')) : undefined;
}

function entryOf(value: string, field: 'data' | 'stringData', span: Span, base64: boolean): ObjectEntry {
  if (!base64) return { span, field, size: value.trim().length, pem: buildPemModel(value, { singleBundle: true }) };
  const bytes = decodeBase64Value(value);
  if (!bytes) return { span, field, size: value.length, pem: buildPemModel('', { singleBundle: true }), notBase64: true };
  return { span, field, bytes, size: bytes.length, pem: buildPemModel(Buffer.from(bytes).toString('latin1'), { singleBundle: true }) };
}

/** Passwords to try on a Java store: the configured one when written in clear, then Java's default. */
function storePasswords(v: unknown): string[] {
  const out: string[] = [];
  if (typeof v === 'string' && !/^encrypted|\$\{/.test(v)) out.push(v);
  for (const d of ['changeit', '']) if (!out.includes(d)) out.push(d);
  return out;
}

/** `encryptedFile:k8s!n:NAME!k:KEY` (Spinnaker secrets engine) → a Secret reference. */
function spinnakerTarget(v: string): { kind: 'file' | 'secret'; target: string; key?: string } {
  const m = /^encrypted(?:File)?:k8s!n:([^!]+)!k:(.+)$/.exec(v);
  return m ? { kind: 'secret', target: m[1], key: m[2] } : { kind: 'file', target: v };
}

function yamlRefs(model: DocumentModel, out: { references: Reference[]; objects: K8sObject[]; ingresses: IngressHosts[]; pending: PendingCertificate[] }): void {
  for (const [di, d] of (model.yaml?.documents ?? []).entries()) {
    const json = obj(d.json);
    if (!json) continue;
    const doc = d.doc;
    const kind = str(json.kind);
    const meta = obj(json.metadata);
    const ns = str(meta?.namespace);
    const name = str(meta?.name);
    const g = (s: string) => `d${di}:${s}`;
    if ((kind === 'Secret' || kind === 'ConfigMap') && name && json.apiVersion === 'v1') {
      const entries = new Map<string, ObjectEntry>();
      for (const [field, base64] of [['data', kind === 'Secret'], ['stringData', false]] as const) {
        for (const [k, v] of Object.entries(obj(json[field]) ?? {})) {
          const span = at(doc, [field, k]);
          if (typeof v === 'string' && span) entries.set(k, entryOf(v, field, span, base64));
        }
      }
      out.objects.push({ kind, name, namespace: ns, nameSpan: at(doc, ['metadata', 'name']) ?? d.span, entries, ...(str(json.type) ? { type: str(json.type) } : {}) });
      continue;
    }
    if (kind === 'Ingress') {
      const spec = obj(json.spec) ?? {};
      const tls = arr(spec.tls);
      const tlsHosts: string[] = [];
      tls.forEach((t, i) => {
        const entry = obj(t) ?? {};
        const hosts = arr(entry.hosts).map((h, j) => located(doc, ['spec', 'tls', i, 'hosts', j], h)).filter((x): x is Located => !!x);
        hosts.forEach((h) => tlsHosts.push(h.value));
        const secret = located(doc, ['spec', 'tls', i, 'secretName'], entry.secretName);
        if (secret) out.references.push({ kind: 'secret', span: secret.span, target: secret.value, namespace: ns, key: 'tls.crt', role: 'serve', group: g(`tls${i}`), hosts, via: `Ingress tls[${i}].secretName` });
      });
      const ruleHosts = arr(spec.rules).map((r, i) => located(doc, ['spec', 'rules', i, 'host'], obj(r)?.host)).filter((x): x is Located => !!x);
      out.ingresses.push({ tlsHosts, ruleHosts, hasTls: tls.length > 0 });
      continue;
    }
    if (kind === 'Certificate' && String(json.apiVersion).startsWith('cert-manager.io/')) {
      const spec = obj(json.spec) ?? {};
      const secretName = str(spec.secretName);
      if (secretName) out.pending.push({ secretName, namespace: ns, dnsNames: arr(spec.dnsNames).filter((x): x is string => typeof x === 'string'), span: at(doc, ['spec', 'secretName']) ?? d.span });
      continue;
    }
    if (kind && /Plane$/.test(kind) && /openchoreo\.dev\//.test(String(json.apiVersion))) {
      const spec = obj(json.spec) ?? {};
      const planeID = located(doc, ['spec', 'planeID'], spec.planeID);
      const ca = obj(obj(spec.clusterAgent)?.clientCA) ?? {};
      const value = str(ca.value);
      const valueSpan = value ? at(doc, ['spec', 'clusterAgent', 'clientCA', 'value']) : undefined;
      if (value && valueSpan) out.references.push({ kind: 'inline', span: valueSpan, target: 'clientCA.value', role: 'ca', group: g('clientCA'), planeID, inline: buildPemModel(value, { singleBundle: true }), via: `${kind} clientCA.value` });
      for (const refKey of ['secretRef', 'secretKeyRef']) {
        const ref = obj(ca[refKey]);
        const refName = located(doc, ['spec', 'clusterAgent', 'clientCA', refKey, 'name'], ref?.name);
        if (ref && refName) out.references.push({ kind: 'secret', span: refName.span, target: refName.value, namespace: str(ref.namespace) ?? ns, key: str(ref.key) ?? 'ca.crt', role: 'ca', group: g('clientCA'), planeID, via: `${kind} clientCA.${refKey}` });
      }
      continue;
    }
    if (kind === 'SpinnakerService') {
      const profiles = obj(obj(obj(json.spec)?.spinnakerConfig)?.profiles) ?? {};
      for (const [svc, p] of Object.entries(profiles)) {
        const base = ['spec', 'spinnakerConfig', 'profiles', svc];
        const ssl = obj(obj(obj(p)?.server)?.ssl) ?? {};
        const http = obj(obj(p)?.http) ?? {};
        const push = (path: PathSegment[], v: unknown, role: Role, group: string, via: string, store?: { passwords: string[] }) => {
          const l = located(doc, path, v);
          if (!l) return;
          const t = spinnakerTarget(l.value);
          out.references.push({ kind: t.kind, span: l.span, target: t.target, key: t.key, namespace: ns, role, group: g(group), via, ...(store ? { store } : {}) });
        };
        push([...base, 'server', 'ssl', 'certFile'], ssl.certFile, 'serve', `${svc}-server`, `${svc} server.ssl.certFile`);
        push([...base, 'server', 'ssl', 'keyFile'], ssl.keyFile, 'serve-key', `${svc}-server`, `${svc} server.ssl.keyFile`);
        push([...base, 'server', 'ssl', 'cacertFile'], ssl.cacertFile, 'ca', `${svc}-server`, `${svc} server.ssl.cacertFile`);
        push([...base, 'http', 'clientCertFile'], http.clientCertFile, 'client', `${svc}-client`, `${svc} http.clientCertFile`);
        push([...base, 'http', 'clientKeyFile'], http.clientKeyFile, 'client-key', `${svc}-client`, `${svc} http.clientKeyFile`);
        push([...base, 'http', 'cacertFile'], http.cacertFile, 'ca', `${svc}-client`, `${svc} http.cacertFile`);
        // Java: PKCS#12/JKS stores, read for their certificates (never their keys).
        const okhttp = obj(obj(p)?.['ok-http-client']) ?? {};
        push([...base, 'server', 'ssl', 'key-store'], ssl['key-store'], 'serve', `${svc}-java-server`, `${svc} server.ssl.key-store`, { passwords: storePasswords(ssl['key-store-password']) });
        push([...base, 'server', 'ssl', 'trust-store'], ssl['trust-store'], 'ca', `${svc}-java-server`, `${svc} server.ssl.trust-store`, { passwords: storePasswords(ssl['trust-store-password']) });
        push([...base, 'ok-http-client', 'key-store'], okhttp['key-store'], 'client', `${svc}-java-client`, `${svc} ok-http-client.key-store`, { passwords: storePasswords(okhttp['key-store-password']) });
        push([...base, 'ok-http-client', 'trust-store'], okhttp['trust-store'], 'ca', `${svc}-java-client`, `${svc} ok-http-client.trust-store`, { passwords: storePasswords(okhttp['trust-store-password']) });
      }
      continue;
    }
    if (kind) continue;
    // Helm values: the products' TLS Secrets and the common ingress block.
    const id = d.schema?.entry?.id;
    const ingressBlocks: [PathSegment[], unknown][] = [[['ingress'], json.ingress], [['trow', 'ingress'], obj(json.trow)?.ingress]];
    for (const [path, ing] of ingressBlocks) {
      const tls = obj(ing)?.tls;
      arr(tls).forEach((t, i) => {
        const entry = obj(t) ?? {};
        const hosts = arr(entry.hosts).map((h, j) => located(doc, [...path, 'tls', i, 'hosts', j], h)).filter((x): x is Located => !!x);
        const secret = located(doc, [...path, 'tls', i, 'secretName'], entry.secretName);
        if (secret) out.references.push({ kind: 'secret', span: secret.span, target: secret.value, key: 'tls.crt', role: 'serve', group: g(`${path.join('.')}.tls${i}`), hosts, via: `${path.join('.')}.tls[${i}].secretName` });
      });
      const ruleHosts = arr(obj(ing)?.hosts).map((h, i) => located(doc, [...path, 'hosts', i, 'host'], obj(h)?.host)).filter((x): x is Located => !!x);
      if (Array.isArray(tls)) out.ingresses.push({ tlsHosts: arr(tls).flatMap((t) => arr(obj(t)?.hosts).filter((x): x is string => typeof x === 'string')), ruleHosts, hasTls: arr(tls).length > 0 });
    }
    if (id === 'openchoreo') {
      const agent = obj(json.clusterAgent);
      const tls = obj(agent?.tls);
      const planeID = located(doc, ['clusterAgent', 'planeID'], agent?.planeID);
      const client = located(doc, ['clusterAgent', 'tls', 'clientSecretName'], tls?.clientSecretName);
      if (client) out.references.push({ kind: 'secret', span: client.span, target: client.value, key: 'tls.crt', role: 'client', group: g('agent'), planeID, via: 'clusterAgent.tls.clientSecretName' });
      const ca = located(doc, ['clusterAgent', 'tls', 'serverCAConfigMap'], tls?.serverCAConfigMap);
      if (ca) out.references.push({ kind: 'configmap', span: ca.span, target: ca.value, key: 'ca.crt', role: 'ca', group: g('agent-server-ca'), via: 'clusterAgent.tls.serverCAConfigMap' });
      const gw = obj(obj(json.clusterGateway)?.tls);
      const gwSecret = located(doc, ['clusterGateway', 'tls', 'secretName'], gw?.secretName);
      if (gwSecret) {
        const hosts = arr(gw?.dnsNames).map((h, j) => located(doc, ['clusterGateway', 'tls', 'dnsNames', j], h)).filter((x): x is Located => !!x);
        out.references.push({ kind: 'secret', span: gwSecret.span, target: gwSecret.value, key: 'tls.crt', role: 'serve', group: g('gateway'), hosts, via: 'clusterGateway.tls.secretName' });
      }
    }
    if (id === 'certctl') {
      const tls = obj(obj(json.server)?.tls);
      const existing = located(doc, ['server', 'tls', 'existingSecret'], tls?.existingSecret);
      if (existing) out.references.push({ kind: 'secret', span: existing.span, target: existing.value, key: 'tls.crt', role: 'serve', group: g('server'), via: 'server.tls.existingSecret' });
    }
    if (id === 'opschain') {
      const api = obj(json.api);
      const secret = located(doc, ['api', 'certificateSecretName'], api?.certificateSecretName);
      const host = located(doc, ['api', 'hostName'], api?.hostName);
      if (secret) out.references.push({ kind: 'secret', span: secret.span, target: secret.value, key: 'tls.crt', role: 'serve', group: g('api'), hosts: host ? [host] : [], via: 'api.certificateSecretName' });
    }
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
  const out = { references: [] as Reference[], objects: [] as K8sObject[], ingresses: [] as IngressHosts[], pending: [] as PendingCertificate[] };
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
