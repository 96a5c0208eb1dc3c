/**
 * The Kubernetes Gateway API (gateway.networking.k8s.io, release v1.6.1): Gateways and
 * ListenerSets (listeners, the certificates they serve, the client CAs they verify with),
 * HTTPRoute, GRPCRoute and TLSRoute (hostnames and the listeners they attach to), ReferenceGrants
 * (who may read a Secret in another namespace), BackendTLSPolicy (the CA and hostname a Gateway
 * verifies a backend with), and cert-manager's gateway-shim (the Certificate it issues per
 * listener). Schemas are the release's CRDs (scripts/gateway-api-schemas.mjs); their CEL rules run
 * in schema/kube.ts. The facts below are what rules/gateway-api/ checks across objects.
 */
import type { Located, Span } from '../core/types';
import type { Fact, FactKind, FactSource, Reference } from '../model/refs';
import { arr, at, located, obj, str } from './json';
import type { Json } from './json';
import { refSink } from './types';
import type { BundleRecipe, Product, ProductDocument, RefSink, ServedName } from './types';
import { commonNameFor, kubeName, kubeNamespace } from '../core/names';
import type { PathSegment } from '../model/yamlPaths';

export const GROUP = 'gateway.networking.k8s.io';
/** The Gateway API specification, as citations name it (the release's API reference and guides). */
export const SPEC = 'Gateway API v1.6.1 specification';
const SHIM_GUIDE = 'cert-manager documentation, "Annotated Gateway resource"';

const API = /^gateway\.networking\.k8s\.io\/(v1|v1beta1)$/;
const V1 = /^gateway\.networking\.k8s\.io\/v1$/;

/** A reference to an object of another kind (a listener's certificate, a CA bundle), as written. */
export interface ObjectRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** As written (undefined: the referring object's namespace). */
  readonly namespace?: string;
  readonly span: Span;
  readonly namespaceSpan?: Span;
}

/** Who refers (for ReferenceGrant checks): the object's group, kind, name and namespace. */
export interface Referrer {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface ListenerFact extends Fact {
  readonly kind: 'gateway-api/listener';
  /** The Gateway or ListenerSet the listener is written in. */
  readonly owner: Referrer;
  /** The Gateway it belongs to (a ListenerSet's parentRef); undefined when a ListenerSet names none. */
  readonly gateway?: { readonly name: string; readonly namespace?: string };
  readonly name: string;
  readonly nameSpan: Span;
  readonly hostname?: Located;
  readonly port?: number;
  readonly protocol?: string;
  /** Terminate (the default when tls is set) or Passthrough; undefined without tls. */
  readonly tlsMode?: string;
  readonly certificateRefs: readonly ObjectRef[];
  readonly allowedRoutes: { readonly from: string; readonly kinds?: readonly string[] };
  /** The cert-manager issuer annotation on its Gateway (gateway-shim), when there is one. */
  readonly shimIssuer?: string;
  /** Where it is written: its YAML document's position in the file and its path (for quick fixes). */
  readonly at: { readonly document: number; readonly path: readonly PathSegment[] };
}

export interface ParentRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly sectionName?: string;
  readonly port?: number;
  readonly span: Span;
}

export interface RouteFact extends Fact {
  readonly kind: 'gateway-api/route';
  readonly routeKind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly hostnames: readonly Located[];
  readonly parentRefs: readonly ParentRef[];
  /** The backends of its rules (a Service, by default), with the route's namespace when none is written. */
  readonly backendRefs: readonly ObjectRef[];
}

/** A BackendTLSPolicy: the Services it applies to, and how the Gateway verifies what they serve. */
export interface PolicyFact extends Fact {
  readonly kind: 'gateway-api/backend-tls-policy';
  readonly name: string;
  readonly namespace?: string;
  readonly targets: readonly (ObjectRef & { readonly sectionName?: string })[];
  /** The CA references (ConfigMap or Secret ca.crt), as references of this document. */
  readonly caRefs: readonly Reference[];
  readonly wellKnown?: string;
  /** The name the backend's certificate must carry (and the SNI), unless subjectAltNames are given. */
  readonly hostname?: Located;
  readonly subjectAltNames: readonly (Located & { readonly type: 'Hostname' | 'URI' })[];
}

export interface GrantFact extends Fact {
  readonly kind: 'gateway-api/reference-grant';
  readonly namespace?: string;
  readonly from: readonly { readonly group: string; readonly kind: string; readonly namespace: string }[];
  readonly to: readonly { readonly group: string; readonly kind: string; readonly name?: string }[];
}

/** A reference that crosses namespaces and so needs a ReferenceGrant (the Gateway's certificates and client CAs). */
export interface CrossRefFact extends Fact {
  readonly kind: 'gateway-api/cross-namespace-ref';
  readonly from: Referrer;
  readonly ref: ObjectRef & { readonly namespace: string };
  /** What refers, for messages: "listener https certificateRefs[0]". */
  readonly via: string;
}

export const LISTENER: FactKind<ListenerFact> = { kind: 'gateway-api/listener' };
export const ROUTE: FactKind<RouteFact> = { kind: 'gateway-api/route' };
export const GRANT: FactKind<GrantFact> = { kind: 'gateway-api/reference-grant' };
export const CROSS_REF: FactKind<CrossRefFact> = { kind: 'gateway-api/cross-namespace-ref' };
export const POLICY: FactKind<PolicyFact> = { kind: 'gateway-api/backend-tls-policy' };

/** The route kinds a listener admits when its allowedRoutes lists none (by protocol). */
export const DEFAULT_ROUTE_KINDS: Readonly<Record<string, readonly string[]>> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'],
};

const SHIM_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'];

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

function objectRef(d: ProductDocument, path: PathSegment[], v: unknown, defaults: { group: string; kind: string }): ObjectRef | undefined {
  const r = obj(v);
  const name = r && located(d.doc, [...path, 'name'], r.name);
  if (!r || !name) return undefined;
  const namespace = str(r.namespace);
  return {
    group: typeof r.group === 'string' ? r.group : defaults.group,
    kind: str(r.kind) ?? defaults.kind,
    name: name.value,
    ...(namespace ? { namespace, namespaceSpan: at(d.doc, [...path, 'namespace']) } : {}),
    span: name.span,
  };
}

/** A core Secret (group "" or "core", kind Secret). */
export const isSecretRef = (r: { group: string; kind: string }): boolean => (r.group === '' || r.group === 'core') && r.kind === 'Secret';
const isConfigMapRef = (r: { group: string; kind: string }): boolean => (r.group === '' || r.group === 'core') && r.kind === 'ConfigMap';

function listeners(d: ProductDocument, out: RefSink, owner: Referrer, gateway: ListenerFact['gateway'], shimIssuer: string | undefined): void {
  const spec = obj(d.json.spec) ?? {};
  arr(spec.listeners).forEach((l, i) => {
    const listener = obj(l);
    const base: PathSegment[] = ['spec', 'listeners', i];
    const name = listener && located(d.doc, [...base, 'name'], listener.name);
    if (!listener || !name) return;
    const hostname = located(d.doc, [...base, 'hostname'], listener.hostname);
    const tls = obj(listener.tls);
    const certificateRefs = arr(tls?.certificateRefs)
      .map((r, j) => objectRef(d, [...base, 'tls', 'certificateRefs', j], r, { group: '', kind: 'Secret' }))
      .filter((r): r is ObjectRef => !!r);
    const allowed = obj(listener.allowedRoutes);
    const kinds = arr(allowed?.kinds).map((k) => str(obj(k)?.kind)).filter((k): k is string => !!k);
    const fact: ListenerFact = {
      kind: 'gateway-api/listener', span: name.span, owner, gateway, name: name.value, nameSpan: name.span, at: { document: d.index, path: base },
      ...(hostname ? { hostname } : {}),
      port: num(listener.port), protocol: str(listener.protocol),
      tlsMode: tls ? str(tls.mode) ?? 'Terminate' : undefined,
      certificateRefs,
      allowedRoutes: { from: str(obj(allowed?.namespaces)?.from) ?? 'Same', ...(kinds.length ? { kinds } : {}) },
      ...(shimIssuer ? { shimIssuer } : {}),
    };
    out.facts.push(fact);
    certificateRefs.forEach((r, j) => {
      if (isSecretRef(r) && fact.tlsMode !== 'Passthrough') out.references.push(listenerReference(fact, j, `d${d.index}:listener${i}:${j}`));
      crossRef(out, owner, r, `listener ${name.value} certificateRefs[${j}]`);
    });
    if (shimIssuer && hostname && fact.tlsMode === 'Terminate') shimmed(fact, out);
  });
}

/**
 * cert-manager's gateway-shim issues a Certificate for a listener with a hostname, mode Terminate
 * and a Secret in its own namespace; listeners naming one Secret share one Certificate whose
 * dnsNames are their hostnames (cert-manager docs, "Generate TLS certs for selected TLS blocks",
 * "Two listeners with the same Secret name"). The Secret it will write is pending.
 */
function shimmed(l: ListenerFact, out: RefSink): void {
  const secret = l.certificateRefs[0];
  if (!l.hostname || !secret || !isSecretRef(secret) || (secret.namespace && secret.namespace !== l.owner.namespace)) return;
  const i = out.pending.findIndex((p) => p.secretName === secret.name && p.namespace === l.owner.namespace);
  const prev = out.pending[i];
  if (!prev) out.pending.push({ secretName: secret.name, namespace: l.owner.namespace, dnsNames: [l.hostname.value], span: l.hostname.span });
  else if (!prev.dnsNames.includes(l.hostname.value)) out.pending[i] = { ...prev, dnsNames: [...prev.dnsNames, l.hostname.value] };
}

/** Whether gateway-shim issues a certificate for a listener (see shimmed). */
export function shimIssues(l: ListenerFact): boolean {
  const secret = l.certificateRefs[0];
  return !!l.shimIssuer && !!l.hostname && l.tlsMode === 'Terminate' && !!secret && isSecretRef(secret)
    && (!secret.namespace || secret.namespace === l.owner.namespace);
}

/** The reference of a listener's certificateRefs[j] (a Secret's tls.crt that must cover the listener's hostname). */
export function listenerReference(l: ListenerFact, j: number, group = ''): Reference {
  const r = l.certificateRefs[j];
  return {
    kind: 'secret', span: r.span, target: r.name, namespace: r.namespace ?? l.owner.namespace, key: 'tls.crt', role: 'serve',
    group, hosts: l.hostname ? [l.hostname] : [], via: `${l.owner.kind} ${l.owner.name} listener ${l.name} certificateRefs[${j}]`,
  };
}

function crossRef(out: RefSink, from: Referrer, r: ObjectRef, via: string): void {
  if (!r.namespace || r.namespace === from.namespace) return;
  const fact: CrossRefFact = { kind: 'gateway-api/cross-namespace-ref', span: r.namespaceSpan ?? r.span, from, ref: { ...r, namespace: r.namespace }, via };
  out.facts.push(fact);
}

/** The cert-manager issuer annotation of a Gateway or ListenerSet (gateway-shim), with its span. */
function shimAnnotation(d: ProductDocument, meta: Json | undefined): { issuer: Located; annotation: string } | undefined {
  const annotations = obj(meta?.annotations) ?? {};
  const annotation = SHIM_ANNOTATIONS.find((a) => str(annotations[a]));
  const issuer = annotation ? located(d.doc, ['metadata', 'annotations', annotation], annotations[annotation]) : undefined;
  return issuer && annotation ? { issuer, annotation } : undefined;
}

/** Listeners of a Gateway or ListenerSet, and the issuer reference of its gateway-shim annotation. */
function listenerOwner(d: ProductDocument, out: RefSink, meta: Json | undefined, owner: Referrer, gateway: ListenerFact['gateway']): void {
  const shim = shimAnnotation(d, meta);
  const before = out.facts.length;
  listeners(d, out, owner, gateway, shim?.issuer.value);
  if (!shim) return;
  const issued = out.facts.slice(before).filter((f): f is ListenerFact => f.kind === LISTENER.kind && shimIssues(f as ListenerFact));
  out.issuerRefs.push({
    name: shim.issuer.value, kind: shim.annotation.endsWith('cluster-issuer') ? 'ClusterIssuer' : 'Issuer', namespace: owner.namespace, span: shim.issuer.span,
    via: `${owner.kind} annotation ${shim.annotation}`,
    dnsNames: issued.map((l) => l.hostname!),
    secretNames: [...new Set(issued.map((l) => l.certificateRefs[0].name))],
  });
}

function gatewayRefs(d: ProductDocument, out: RefSink, meta: Json | undefined, name: string, ns: string | undefined): void {
  const owner: Referrer = { kind: 'Gateway', name, namespace: ns };
  listenerOwner(d, out, meta, owner, { name, namespace: ns });
  // The client certificate the Gateway presents to backends that ask for one.
  const backendClient = objectRef(
    d,
    ['spec', 'tls', 'backend', 'clientCertificateRef'],
    obj(obj(obj(d.json.spec)?.tls)?.backend)?.clientCertificateRef,
    { group: '', kind: 'Secret' },
  );
  if (backendClient) {
    crossRef(out, owner, backendClient, 'backend clientCertificateRef');
    if (isSecretRef(backendClient)) {
      out.references.push({
        kind: 'secret', span: backendClient.span, target: backendClient.name, namespace: backendClient.namespace ?? ns, key: 'tls.crt', role: 'client',
        group: `d${d.index}:backend-client`, via: `Gateway ${name} backend clientCertificateRef`,
      });
    }
  }
  // Frontend client-certificate validation: the CA bundles the Gateway verifies clients with.
  const frontend = obj(obj(obj(d.json.spec)?.tls)?.frontend);
  const validations: { path: PathSegment[]; v: unknown }[] = [
    { path: ['spec', 'tls', 'frontend', 'default', 'validation'], v: obj(frontend?.default)?.validation },
  ];
  arr(frontend?.perPort).forEach((p, i) => validations.push({
    path: ['spec', 'tls', 'frontend', 'perPort', i, 'tls', 'validation'],
    v: obj(obj(p)?.tls)?.validation,
  }));
  for (const { path, v } of validations) {
    arr(obj(v)?.caCertificateRefs).forEach((r, j) => {
      const ref = objectRef(d, [...path, 'caCertificateRefs', j], r, { group: '', kind: 'ConfigMap' });
      if (!ref) return;
      crossRef(out, owner, ref, `client CA caCertificateRefs[${j}]`);
      const kind = isConfigMapRef(ref) ? 'configmap' : isSecretRef(ref) ? 'secret' : undefined;
      if (kind) {
        out.references.push({
          kind,
          span: ref.span,
          target: ref.name,
          namespace: ref.namespace ?? ns,
          key: 'ca.crt',
          role: 'ca',
          group: `d${d.index}:frontend`,
          via: `Gateway ${name} client validation caCertificateRefs[${j}]`,
        });
      }
    });
  }
}

function routeRefs(d: ProductDocument, out: RefSink, kind: string, name: string, ns: string | undefined): void {
  const spec = obj(d.json.spec) ?? {};
  const hostnames = arr(spec.hostnames).map((h, i) => located(d.doc, ['spec', 'hostnames', i], h)).filter((x): x is Located => !!x);
  const parentRefs = arr(spec.parentRefs).flatMap((p, i): ParentRef[] => {
    const r = obj(p);
    const pname = r && located(d.doc, ['spec', 'parentRefs', i, 'name'], r.name);
    if (!r || !pname) return [];
    return [{
      group: typeof r.group === 'string' ? r.group : GROUP, kind: str(r.kind) ?? 'Gateway', name: pname.value,
      namespace: str(r.namespace) ?? ns, sectionName: str(r.sectionName), port: num(r.port), span: pname.span,
    }];
  });
  const backendRefs = arr(spec.rules).flatMap((r, i) => arr(obj(r)?.backendRefs)
    .map((b, j) => objectRef(d, ['spec', 'rules', i, 'backendRefs', j], b, { group: '', kind: 'Service' })).filter((b): b is ObjectRef => !!b));
  const span = at(d.doc, ['metadata', 'name']) ?? { start: d.doc.range[0], end: d.doc.range[0] + 1 };
  const fact: RouteFact = { kind: 'gateway-api/route', span, routeKind: kind, name, namespace: ns, hostnames, parentRefs, backendRefs };
  out.facts.push(fact);
}

function grantRefs(d: ProductDocument, out: RefSink, ns: string | undefined): void {
  const spec = obj(d.json.spec) ?? {};
  const from = arr(spec.from).map(obj).filter((f): f is Json => !!f)
    .map((f) => ({ group: typeof f.group === 'string' ? f.group : '', kind: str(f.kind) ?? '', namespace: str(f.namespace) ?? '' }));
  const to = arr(spec.to).map(obj).filter((t): t is Json => !!t)
    .map((t) => ({ group: typeof t.group === 'string' ? t.group : '', kind: str(t.kind) ?? '', ...(str(t.name) ? { name: str(t.name) } : {}) }));
  const span = at(d.doc, ['metadata', 'name']) ?? { start: d.doc.range[0], end: d.doc.range[0] + 1 };
  const fact: GrantFact = { kind: 'gateway-api/reference-grant', span, namespace: ns, from, to };
  out.facts.push(fact);
}

function policyRefs(d: ProductDocument, out: RefSink, name: string, ns: string | undefined): void {
  const spec = obj(d.json.spec) ?? {};
  const validation = obj(spec.validation);
  const hostname = located(d.doc, ['spec', 'validation', 'hostname'], validation?.hostname);
  const caRefs: Reference[] = [];
  arr(validation?.caCertificateRefs).forEach((r, j) => {
    const ref = objectRef(d, ['spec', 'validation', 'caCertificateRefs', j], r, { group: '', kind: 'ConfigMap' });
    if (!ref) return;
    const kind = isConfigMapRef(ref) ? 'configmap' : isSecretRef(ref) ? 'secret' : undefined;
    if (!kind) return;
    caRefs.push({
      kind, span: ref.span, target: ref.name, namespace: ns, key: 'ca.crt', role: 'ca', group: `d${d.index}:backend`,
      via: `BackendTLSPolicy ${name} caCertificateRefs[${j}]${hostname ? ` (backend ${hostname.value})` : ''}`,
    });
  });
  out.references.push(...caRefs);
  const targets = arr(spec.targetRefs).flatMap((t, i) => {
    const ref = objectRef(d, ['spec', 'targetRefs', i], t, { group: '', kind: 'Service' });
    return ref ? [{ ...ref, ...(str(obj(t)?.sectionName) ? { sectionName: str(obj(t)?.sectionName) } : {}) }] : [];
  });
  const subjectAltNames = arr(validation?.subjectAltNames).flatMap((a, i): PolicyFact['subjectAltNames'][number][] => {
    const type = str(obj(a)?.type);
    const value = type === 'Hostname' ? located(d.doc, ['spec', 'validation', 'subjectAltNames', i, 'hostname'], obj(a)?.hostname)
      : type === 'URI' ? located(d.doc, ['spec', 'validation', 'subjectAltNames', i, 'uri'], obj(a)?.uri) : undefined;
    return value && (type === 'Hostname' || type === 'URI') ? [{ ...value, type }] : [];
  });
  const span = at(d.doc, ['metadata', 'name']) ?? { start: d.doc.range[0], end: d.doc.range[0] + 1 };
  const fact: PolicyFact = {
    kind: 'gateway-api/backend-tls-policy', span, name, namespace: ns, targets, caRefs,
    ...(str(validation?.wellKnownCACertificates) ? { wellKnown: str(validation?.wellKnownCACertificates) } : {}),
    ...(hostname ? { hostname } : {}), subjectAltNames,
  };
  out.facts.push(fact);
}

/**
 * `tls-lens generate bundle gateway PATHS`: a CA and, for each Secret the listeners of the
 * Gateways and ListenerSets found serve (mode Terminate), a certificate for the listeners'
 * hostnames (or, for a listener without one, the hostnames of the routes attached to it), written
 * as the kubernetes.io/tls Secret it names, in its namespace; the CA in the ConfigMaps the
 * Gateways verify client certificates with. Secrets cert-manager's gateway-shim issues are left
 * to it.
 */
const bundle: BundleRecipe = {
  name: 'gateway',
  description: 'CA and a certificate for each Secret the Gateways\' and ListenerSets\' listeners serve (their hostnames, or their routes\'), as kubernetes.io/tls Secrets in their namespaces; the CA in the client-validation ConfigMaps.',
  async make(input, kit) {
    const facts = refSink();
    for (const f of input.files) for (const d of f.documents) gatewayApi.refs?.(d, facts);
    const listeners = facts.facts.filter((f): f is ListenerFact => f.kind === LISTENER.kind);
    const routes = facts.facts.filter((f): f is RouteFact => f.kind === ROUTE.kind);
    const secrets = new Map<string, { name: string; namespace?: string; hosts: string[]; via: string[] }>();
    for (const l of listeners) {
      const j = l.certificateRefs.findIndex(isSecretRef);
      if (l.tlsMode !== 'Terminate' || j < 0) continue;
      const ref = listenerReference(l, j);
      if (shimIssues(l)) { kit.note(`Secret \`${ref.target}\` of listener \`${l.name}\` is issued by cert-manager (gateway-shim): not made here.`); continue; }
      const routeHosts = routes
        .flatMap((r) => r.parentRefs.some((p) => listenersOf(p, [l]).length > 0 && !refusal(l, r)) ? r.hostnames.map((h) => h.value) : [])
        .filter((h) => !l.hostname || hostnamesIntersect(l.hostname.value, h)).map((h) => servedName(l.hostname?.value, h));
      const hosts = l.hostname && !l.hostname.value.startsWith('*.') ? [l.hostname.value] : [...(l.hostname ? [l.hostname.value] : []), ...routeHosts];
      if (hosts.length === 0) {
        kit.note(`Listener \`${l.name}\` has no hostname and no route hostname: no certificate made for Secret \`${ref.target}\`.`);
        continue;
      }
      const key = `${ref.namespace ?? ''}/${ref.target}`;
      const entry = secrets.get(key) ?? {
        name: kubeName('the Secret name', ref.target),
        namespace: ref.namespace && kubeNamespace(ref.namespace),
        hosts: [],
        via: [],
      };
      entry.hosts.push(...hosts.filter((h) => !entry.hosts.includes(h)));
      entry.via.push(`${l.owner.kind} ${l.owner.name} listener ${l.name}`);
      secrets.set(key, entry);
    }
    const cas = facts.references.filter((r) => r.role === 'ca' && r.via.startsWith('Gateway ') && r.kind === 'configmap');
    kit.reserve(secrets.size);
    const ca = await kit.ca('Gateway CA', 'Gateway API');
    kit.caCertificate('ca.crt', ca, 'The CA of the listener certificates (and of the client certificates the Gateways verify).');
    for (const s of secrets.values()) {
      const leaf = await kit.leaf({ role: 'server', cn: commonNameFor(s.hosts[0]), dns: s.hosts, issuer: ca });
      const file = s.namespace ? `${s.namespace}-${s.name}` : s.name;
      await kit.tlsSecret(`${file}.yaml`, {
        name: s.name,
        namespace: s.namespace,
        leaf,
        ca,
        purpose: `Secret ${s.name} (kubernetes.io/tls): the certificate of ${s.via.join(', ')} for ${s.hosts.join(', ')}.`,
      });
    }
    const made = new Set<string>();
    for (const r of cas) {
      const name = kubeName('the ConfigMap name', r.target);
      const namespace = r.namespace && kubeNamespace(r.namespace);
      const file = `${namespace ? `${namespace}-` : ''}${name}-configmap.yaml`;
      if (made.has(file)) continue;
      made.add(file);
      kit.caObject(file, { kind: 'ConfigMap', name, namespace, ca, purpose: `ConfigMap ${name} (ca.crt): the CA ${r.via} verifies client certificates with.` });
    }
  },
};

/**
 * The route hostnames a listener reference serves: for a listener without hostname (or with a
 * wildcard one), the hostnames of the routes attached to it that it accepts, as the names served.
 */
function servedThrough(ref: Reference, fromPath: string, facts: FactSource): ServedName[] {
  const listener = facts(LISTENER).find((l) => l.path === fromPath
    && l.fact.certificateRefs.some((r) => r.span.start === ref.span.start && r.span.end === ref.span.end));
  const l = listener?.fact;
  if (!l || l.tlsMode !== 'Terminate' || (l.hostname && !l.hostname.value.startsWith('*.'))) return [];
  const out: ServedName[] = [];
  for (const { fact: r, path } of facts(ROUTE)) {
    if (refusal(l, r) || !r.parentRefs.some((p) => listenersOf(p, [l]).length > 0)) continue;
    for (const h of r.hostnames) {
      if (l.hostname && !hostnamesIntersect(l.hostname.value, h.value)) continue;
      out.push({ host: { value: servedName(l.hostname?.value, h.value), span: h.span }, path, via: `${r.routeKind} ${r.name}` });
    }
  }
  return out;
}

export const gatewayApi: Product = {
  id: 'gateway-api',
  title: 'Gateway API',
  guide: `${SPEC} (gateway.networking.k8s.io: Gateway, ListenerSet, HTTPRoute, GRPCRoute, TLSRoute, ReferenceGrant, BackendTLSPolicy)`,
  summary: 'The Kubernetes Gateway API (Envoy Gateway, Istio, Cilium, kgateway, NGINX Gateway Fabric, Traefik, …): Gateway and ListenerSet listeners, the routes attached to them, ReferenceGrants and BackendTLSPolicies, checked against the schemas and validation rules of the release\'s CRDs and against the certificates they serve and trust.',
  schemas: {
    'gateway-api-gateway': 'gateway-api-gateway.schema.json',
    'gateway-api-listenerset': 'gateway-api-listenerset.schema.json',
    'gateway-api-httproute': 'gateway-api-httproute.schema.json',
    'gateway-api-grpcroute': 'gateway-api-grpcroute.schema.json',
    'gateway-api-tlsroute': 'gateway-api-tlsroute.schema.json',
    'gateway-api-referencegrant': 'gateway-api-referencegrant.schema.json',
    'gateway-api-backendtlspolicy': 'gateway-api-backendtlspolicy.schema.json',
  },
  kinds: [
    { apiVersion: API, kinds: ['Gateway'], schema: 'gateway-api-gateway' },
    { apiVersion: V1, kinds: ['ListenerSet'], schema: 'gateway-api-listenerset' },
    { apiVersion: API, kinds: ['HTTPRoute'], schema: 'gateway-api-httproute' },
    { apiVersion: V1, kinds: ['GRPCRoute'], schema: 'gateway-api-grpcroute' },
    { apiVersion: V1, kinds: ['TLSRoute'], schema: 'gateway-api-tlsroute' },
    { apiVersion: API, kinds: ['ReferenceGrant'], schema: 'gateway-api-referencegrant' },
    { apiVersion: V1, kinds: ['BackendTLSPolicy'], schema: 'gateway-api-backendtlspolicy' },
  ],
  refs(d, out) {
    const kind = str(d.json.kind);
    const meta = obj(d.json.metadata);
    const name = str(meta?.name) ?? '';
    const ns = str(meta?.namespace);
    if (kind === 'Gateway') gatewayRefs(d, out, meta, name, ns);
    else if (kind === 'ListenerSet') {
      const parent = obj(obj(d.json.spec)?.parentRef);
      const gw = str(parent?.name);
      listenerOwner(d, out, meta, { kind: 'ListenerSet', name, namespace: ns }, gw ? { name: gw, namespace: str(parent?.namespace) ?? ns } : undefined);
    } else if (kind === 'HTTPRoute' || kind === 'GRPCRoute' || kind === 'TLSRoute') routeRefs(d, out, kind, name, ns);
    else if (kind === 'ReferenceGrant') grantRefs(d, out, ns);
    else if (kind === 'BackendTLSPolicy') policyRefs(d, out, name, ns);
  },
  constraints: [],
  bundle,
  servedThrough,
  knows: [
    `A listener serves its \`hostname\` with the certificate of its \`tls.certificateRefs\` (a \`kubernetes.io/tls\` Secret in the Gateway's namespace unless one is given) (${SPEC}, GatewayTLSConfig).`,
    `A route attaches to a listener only where their hostnames intersect; \`*.example.com\` is a suffix match in the Gateway API, but a certificate's wildcard covers one label (${SPEC}, HTTPRoute hostnames; RFC 6125 §6.4.3).`,
    `A reference to another namespace needs a ReferenceGrant there that lets the referring kind and namespace read it, else \`RefNotPermitted\` (${SPEC}, ReferenceGrant).`,
    `The CRDs' validation rules (CEL) are evaluated as the API server evaluates them: a listener in mode Terminate needs certificateRefs or options, TCP and UDP listeners take no hostname, … (${SPEC}, the release CRDs).`,
    `cert-manager's gateway-shim issues a Certificate for each Secret of the listeners with a hostname, mode Terminate and a Secret in their own namespace (one Certificate for the hostnames of the listeners sharing a Secret), and skips the others (${SHIM_GUIDE}).`,
  ],
};

/**
 * Whether a route hostname and a listener hostname intersect (the route may get the listener's
 * traffic for it): equal, or one a wildcard whose suffix the other ends with. In the Gateway API
 * `*.example.com` is a suffix match: it matches `a.example.com` and `a.b.example.com`, never
 * `example.com` (HTTPRoute spec.hostnames).
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  const suffix = (w: string, h: string) => w.startsWith('*.') && h.endsWith(w.slice(1)) && h.length > w.length - 1;
  return suffix(x, y) || suffix(y, x);
}

/** The hostname a listener serves a route hostname as: the more specific of the two. */
export function servedName(listener: string | undefined, route: string): string {
  if (!listener) return route;
  return listener.startsWith('*.') && !route.startsWith('*.') ? route
    : route.startsWith('*.') && !listener.startsWith('*.') ? listener
      : route.length >= listener.length ? route : listener;
}

const sameNs = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a === b;

/** Why a listener does not admit a route (allowedRoutes), or undefined when it does (or may: a label selector). */
export function refusal(listener: ListenerFact, route: RouteFact): string | undefined {
  const kinds = listener.allowedRoutes.kinds ?? DEFAULT_ROUTE_KINDS[listener.protocol ?? ''] ?? [];
  if (!kinds.includes(route.routeKind)) return `admits ${kinds.length ? kinds.join(', ') : 'no route kinds'}, not ${route.routeKind}`;
  if (listener.allowedRoutes.from === 'Same' && !sameNs(listener.owner.namespace, route.namespace)) {
    return `admits routes of its own namespace '${listener.owner.namespace}' only (allowedRoutes.namespaces.from: Same)`;
  }
  return undefined;
}

/**
 * The listeners a route's parentRef names: a Gateway's own (or a ListenerSet's), narrowed by
 * sectionName (the listener's name) and port. A namespace not written is taken to match.
 */
export function listenersOf(parent: ParentRef, listeners: readonly ListenerFact[]): ListenerFact[] {
  if (parent.group !== GROUP || (parent.kind !== 'Gateway' && parent.kind !== 'ListenerSet')) return [];
  return listeners.filter((l) => l.owner.kind === parent.kind && l.owner.name === parent.name && sameNs(l.owner.namespace, parent.namespace)
    && (parent.sectionName === undefined || l.name === parent.sectionName) && (parent.port === undefined || l.port === parent.port));
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The ReferenceGrant that permits a cross-namespace reference, as a YAML document to add (after a
 * `---`), or undefined when a name is not a valid Kubernetes name (names from the repository go
 * into the text only once they are known to be plain names).
 */
export function referenceGrantYaml(f: CrossRefFact): { name: string; text: string } | undefined {
  const fromNs = f.from.namespace;
  const { ref } = f;
  if (!fromNs || !DNS_LABEL.test(fromNs) || !DNS_LABEL.test(ref.namespace) || !DNS_SUBDOMAIN.test(ref.name) || ref.name.length > 253) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(ref.kind) || !/^[A-Za-z][A-Za-z0-9]*$/.test(f.from.kind) || !/^[a-z0-9.-]*$/.test(ref.group)) return undefined;
  const name = `${fromNs}-${f.from.kind.toLowerCase()}-${ref.name}`.slice(0, 253).replace(/[-.]+$/, '');
  const group = ref.group === 'core' ? '' : ref.group;
  const text = [
    '---', `apiVersion: ${GROUP}/v1`, 'kind: ReferenceGrant', 'metadata:', `  name: ${name}`, `  namespace: ${ref.namespace}`, 'spec:',
    '  from:', `  - group: ${GROUP}`, `    kind: ${f.from.kind}`, `    namespace: ${fromNs}`,
    '  to:', `  - group: "${group}"`, `    kind: ${ref.kind}`, `    name: ${ref.name}`, '',
  ].join('\n');
  return { name, text };
}
