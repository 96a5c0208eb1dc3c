/**
 * Kubernetes' own TLS objects: Secrets and ConfigMaps (what they hold, decoded) and Ingresses
 * (the Secret each tls entry names, and the hosts it must cover); Services and the workloads they
 * select (Deployments, StatefulSets, DaemonSets), with the Secrets their pods mount: what a
 * Service serves, for the checks of what verifies it (a Gateway's BackendTLSPolicy, a TLS
 * passthrough route).
 */
import type { Span } from '../core/types';
import type { Fact, FactKind, ObjectEntry } from '../model/refs';
import type { Json } from './json';
import { buildPemModel } from '../model/pem';
import { arr, at, located, obj, str, unknown } from './json';
import type { Located } from '../core/types';
import type { Product, ProductDocument } from './types';
import type { PathSegment } from '../model/yamlPaths';
import { GUIDES } from './guides';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A Secret `data` value: base64 (RFC 4648, as Kubernetes decodes it), or undefined when it is not. */
function decodeBase64Value(value: string): Uint8Array | undefined {
  const compact = value.replace(/\s+/g, '');
  return BASE64.test(compact) ? new Uint8Array(Buffer.from(compact, 'base64')) : undefined;
}

function entryOf(value: string, field: 'data' | 'stringData', span: Span, base64: boolean): ObjectEntry {
  if (!base64) {
    // Only comment lines: a placeholder another component fills (a CA extractor job), like an empty value.
    const placeholder = value.trim() !== '' && value.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'));
    const pem = buildPemModel(value, { singleBundle: true });
    return { span, field, size: value.trim().length, pem, ...short(value), ...(placeholder ? { placeholder } : {}) };
  }
  const bytes = decodeBase64Value(value);
  if (!bytes) return { span, field, size: value.length, pem: buildPemModel('', { singleBundle: true }), notBase64: true };
  return {
    span, field, bytes, size: bytes.length, pem: buildPemModel(Buffer.from(bytes).toString('latin1'), { singleBundle: true }),
    ...short(Buffer.from(bytes).toString('utf8')),
  };
}

/** A short one-line value (a password a keystore reference points at): kept to open that keystore, never shown. */
function short(v: string): { text?: string } {
  return v.length <= 256 && !/[\r\n]/.test(v.replace(/\n$/, '')) ? { text: v.replace(/\n$/, '') } : {};
}

/** Whether some tls entry's hosts (or the list itself) are written with a template action. */
export function tlsHostsUnknown(tls: readonly unknown[]): boolean {
  return tls.some((t) => unknown(obj(t)?.hosts) || arr(obj(t)?.hosts).some(unknown));
}

/** The Ingress annotation naming a cert-manager issuer (kind, name). */
export const ISSUER_ANNOTATIONS: Readonly<Record<string, 'Issuer' | 'ClusterIssuer'>> = {
  'cert-manager.io/cluster-issuer': 'ClusterIssuer',
  'cert-manager.io/issuer': 'Issuer',
};

/** A Service: the pods it selects (by label) and its ports. */
export interface ServiceFact extends Fact {
  readonly kind: 'kubernetes/service';
  readonly name: string;
  readonly namespace?: string;
  readonly selector: Readonly<Record<string, string>>;
}

/** A workload's pods: their labels and the Secrets they mount (volumes, projected sources). */
export interface WorkloadFact extends Fact {
  readonly kind: 'kubernetes/workload';
  readonly workload: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly secrets: readonly string[];
}

/** An https:// or wss:// URL a workload's env or args, or a ConfigMap's value, names: what the host must be served with. */
export interface UrlFact extends Fact {
  readonly kind: 'kubernetes/url';
  /** The URL's host, as written. */
  readonly host: string;
  readonly port?: number;
  /** The namespace of the object it is written in (where a short Service name resolves). */
  readonly namespace?: string;
  /** What names it, for messages: "Deployment worker env API_URL". */
  readonly via: string;
}

export const SERVICE: FactKind<ServiceFact> = { kind: 'kubernetes/service' };
export const URL_FACT: FactKind<UrlFact> = { kind: 'kubernetes/url' };

/** TLS URLs in a value: https:// and wss://, with their host and port (at most 20 per value; values past 64 KiB are not read). */
const TLS_URL = /\b(?:https|wss):\/\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*)(?::(\d{1,5}))?/g;

function urlsIn(value: string): { host: string; port?: number }[] {
  if (value.length > 65536) return [];
  const out: { host: string; port?: number }[] = [];
  for (const m of value.matchAll(TLS_URL)) {
    out.push({ host: m[1].toLowerCase(), ...(m[2] ? { port: Number(m[2]) } : {}) });
    if (out.length >= 20) break;
  }
  return out;
}

/** The TLS URLs of a pod template's containers: env values, args and command, each on its value. */
function podUrls(doc: ProductDocument['doc'], templatePath: PathSegment[], template: Json | undefined, owner: string, ns: string | undefined): UrlFact[] {
  const out: UrlFact[] = [];
  const spec = obj(template?.spec);
  for (const field of ['containers', 'initContainers']) {
    arr(spec?.[field]).forEach((c, i) => {
      const container = obj(c);
      const base = [...templatePath, 'spec', field, i];
      const add = (path: PathSegment[], value: unknown, what: string) => {
        const at = typeof value === 'string' ? located(doc, path, value) : undefined;
        if (at) for (const u of urlsIn(at.value)) out.push({ kind: 'kubernetes/url', span: at.span, ...u, namespace: ns, via: `${owner} ${what}` });
      };
      arr(container?.env).forEach((e, j) => add([...base, 'env', j, 'value'], obj(e)?.value, `env ${str(obj(e)?.name) ?? j}`));
      for (const list of ['args', 'command']) arr(container?.[list]).forEach((a, j) => add([...base, list, j], a, `${list}[${j}]`));
    });
  }
  return out;
}
export const WORKLOAD: FactKind<WorkloadFact> = { kind: 'kubernetes/workload' };

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet'];

function labels(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(v) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The workloads whose pods a Service selects (same namespace, every selector label; none without a selector). */
export function selectedWorkloads(service: ServiceFact, workloads: readonly WorkloadFact[]): WorkloadFact[] {
  const keys = Object.entries(service.selector);
  if (keys.length === 0) return [];
  return workloads.filter((w) => (w.namespace ?? service.namespace) === (service.namespace ?? w.namespace) && keys.every(([k, v]) => w.labels[k] === v));
}

function serviceFact(json: Json, span: Span, name: string, namespace: string | undefined): ServiceFact {
  return { kind: 'kubernetes/service', span, name, namespace, selector: labels(obj(json.spec)?.selector) };
}

function workloadFact(json: Json, span: Span, kind: string, name: string, namespace: string | undefined): WorkloadFact {
  const template = obj(obj(json.spec)?.template);
  const volumes = arr(obj(template?.spec)?.volumes).map(obj);
  const secrets = volumes.flatMap((v) => [
    str(obj(v?.secret)?.secretName),
    ...arr(obj(v?.projected)?.sources).map((s) => str(obj(obj(s)?.secret)?.name)),
  ]).filter((x): x is string => !!x);
  return {
    kind: 'kubernetes/workload', span, workload: kind, name, namespace, labels: labels(obj(template?.metadata)?.labels),
    secrets: [...new Set(secrets)],
  };
}

export const kubernetes: Product = {
  id: 'kubernetes',
  title: 'Kubernetes Secrets, ConfigMaps and Ingresses',
  guide: `${GUIDES.openchoreo} (Step 4), ${GUIDES.aragora} (Kubernetes)`,
  summary: 'The objects every product stores its certificates in: `kubernetes.io/tls` Secrets, CA ConfigMaps, and the Ingresses that serve hosts with them; Services and the workloads they select, for what a Service serves.',
  schemas: { secret: 'k8s-secret.schema.json', configmap: 'k8s-configmap.schema.json', ingress: 'k8s-ingress.schema.json' },
  kinds: [
    { apiVersion: /^v1$/, kinds: ['Secret'], schema: 'secret' },
    { apiVersion: /^v1$/, kinds: ['ConfigMap'], schema: 'configmap' },
    { apiVersion: /^networking\.k8s\.io\/v1$/, kinds: ['Ingress'], schema: 'ingress' },
    // Read for what they serve, not validated: TLS Lens ships no schema for them.
    { apiVersion: /^v1$/, kinds: ['Service'] },
    { apiVersion: /^apps\/v1$/, kinds: WORKLOADS },
  ],
  refs(d, out) {
    const { json, doc } = d;
    const kind = str(json.kind);
    const meta = obj(json.metadata);
    const ns = str(meta?.namespace);
    const name = str(meta?.name);
    if ((kind === 'Secret' || kind === 'ConfigMap') && name) {
      const entries = new Map<string, ObjectEntry>();
      for (const [field, base64] of [['data', kind === 'Secret'], ['stringData', false]] as const) {
        for (const [k, v] of Object.entries(obj(json[field]) ?? {})) {
          const span = at(doc, [field, k]);
          if (typeof v === 'string' && span) entries.set(k, entryOf(v, field, span, base64));
          // Written with a template action: the key is there, its content is not known.
          else if (unknown(v) && span) entries.set(k, { span, field, size: 0, pem: buildPemModel('', { singleBundle: true }), unknown: true });
        }
      }
      // A ConfigMap's TLS URLs (a config file that calls a Service), each on its key.
      if (kind === 'ConfigMap') {
        for (const [k, v] of Object.entries(obj(json.data) ?? {})) {
          const keySpan = typeof v === 'string' ? located(doc, ['data', k], v) : undefined;
          if (!keySpan) continue;
          for (const u of urlsIn(v as string)) {
            const fact: UrlFact = { kind: 'kubernetes/url', span: keySpan.span, ...u, namespace: ns, via: `ConfigMap ${name} ${k}` };
            out.facts.push(fact);
          }
        }
      }
      out.objects.push({
        kind, name, namespace: ns, nameSpan: at(doc, ['metadata', 'name']) ?? { start: doc.range[0], end: doc.range[0] + 1 }, entries,
        ...(str(json.type) ? { type: str(json.type) } : {}),
      });
      return;
    }
    if ((kind === 'Service' || (kind && WORKLOADS.includes(kind))) && name) {
      const span = at(doc, ['metadata', 'name']) ?? { start: doc.range[0], end: doc.range[0] + 1 };
      out.facts.push(kind === 'Service' ? serviceFact(json, span, name, ns) : workloadFact(json, span, kind, name, ns));
      if (kind !== 'Service') out.facts.push(...podUrls(doc, ['spec', 'template'], obj(obj(json.spec)?.template), `${kind} ${name}`, ns));
      return;
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
        if (secret) {
          out.references.push({
            kind: 'secret', span: secret.span, target: secret.value, namespace: ns, key: 'tls.crt', role: 'serve',
            group: `d${d.index}:tls${i}`, hosts, via: `Ingress tls[${i}].secretName`,
          });
        }
      });
      const ruleHosts = arr(spec.rules).map((r, i) => located(doc, ['spec', 'rules', i, 'host'], obj(r)?.host)).filter((x): x is Located => !!x);
      out.ingresses.push({ tlsHosts, ruleHosts, hasTls: tls.length > 0, ...(tlsHostsUnknown(tls) ? { tlsHostsUnknown: true } : {}) });
      const annotations = obj(meta?.annotations) ?? {};
      for (const [annotation, issuerKind] of Object.entries(ISSUER_ANNOTATIONS)) {
        const issuer = located(doc, ['metadata', 'annotations', annotation], annotations[annotation]);
        if (issuer) {
          out.issuerRefs.push({
            name: issuer.value, kind: issuerKind, namespace: ns, span: issuer.span, via: `Ingress annotation ${annotation}`,
            secretNames: tls.map((t) => str(obj(t)?.secretName)).filter((x): x is string => !!x),
            dnsNames: tls.flatMap(
              (t, i) => arr(obj(t)?.hosts).map((h, j) => located(doc, ['spec', 'tls', i, 'hosts', j], h)).filter((x): x is Located => !!x),
            ),
          });
        }
      }
    }
  },
  constraints: [],
  knows: [
    'A `kubernetes.io/tls` Secret holds `tls.crt` and `tls.key` as base64 under `data` (or text under `stringData`); `ca.crt` in a Secret or ConfigMap is PEM (OpenChoreo external-CA guide, Step 4: `kubectl create secret tls`, `kubectl create configmap --from-file=ca.crt`).',
    'An Ingress serves each `tls[].hosts` entry with the certificate of its `secretName`, and a rule host no tls entry lists with the controller\'s default certificate (Aragora TLS guide, "Deploy with TLS").',
    'A Service serves what the pods of the workloads its selector picks (Deployments, StatefulSets, DaemonSets) mount from Secrets: read, not validated, for the checks of what verifies it (Kubernetes API: Service `spec.selector`, pod template volumes).',
  ],
};
