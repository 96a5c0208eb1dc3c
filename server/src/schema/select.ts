/**
 * Which schema applies to a YAML document, and why: a modeline, the user's glob mapping, the
 * Kubernetes apiVersion + kind, or (for Helm values files) the product whose keys it holds.
 */
import { CATALOG_BY_ID, CatalogEntry } from './catalog';

export interface SchemaChoice {
  /** A catalog entry, or a schema file named by a modeline or setting. */
  readonly entry?: CatalogEntry;
  readonly path?: string;
  readonly reason: string;
}

const MODELINE = /^#\s*tls-lens:\s*schema=(\S+)/m;

export function modeline(text: string): string | undefined {
  return MODELINE.exec(text)?.[1];
}

/** Minimal glob → RegExp: `**` any path, `*` within a segment, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${re}$`);
}

export function isValuesFile(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^values(-[^/]*)?\.ya?ml$/.test(base) || /\.values\.ya?ml$/.test(base);
}

const PLANES = new Set(['DataPlane', 'BuildPlane', 'WorkflowPlane', 'ObservabilityPlane', 'ClusterDataPlane', 'ClusterBuildPlane', 'ClusterWorkflowPlane', 'ClusterObservabilityPlane']);

function byKind(apiVersion: string, kind: string): { id: string; why: string } | undefined {
  const why = `apiVersion ${apiVersion}, kind ${kind}`;
  if (kind === 'SpinnakerService' && /^spinnaker(\.armory)?\.io\/v1alpha2$/.test(apiVersion)) return { id: 'spinnaker', why };
  if (PLANES.has(kind) && /^(core\.)?openchoreo\.dev\/v1alpha1$/.test(apiVersion)) return { id: 'openchoreo-plane', why };
  if (apiVersion === 'v1' && kind === 'Secret') return { id: 'secret', why };
  if (apiVersion === 'v1' && kind === 'ConfigMap') return { id: 'configmap', why };
  if (apiVersion === 'networking.k8s.io/v1' && kind === 'Ingress') return { id: 'ingress', why };
  if (apiVersion === 'cert-manager.io/v1' && kind === 'Certificate') return { id: 'cert-manager-certificate', why };
  if (apiVersion === 'cert-manager.io/v1' && (kind === 'Issuer' || kind === 'ClusterIssuer')) return { id: 'cert-manager-issuer', why };
  return undefined;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/** The product whose keys a values file holds, with the keys that told. */
export function productOf(values: Json): { id: string; keys: string[] } | undefined {
  const has = (path: string): boolean => {
    let cur: unknown = values;
    for (const p of path.split('.')) { cur = obj(cur)?.[p]; if (cur === undefined) return false; }
    return true;
  };
  const keys = (candidates: string[]) => candidates.filter(has);
  const env = obj(values.env);
  const ops = keys(['api.hostName', 'trow', 'global.secretVaultExternalHostName']);
  if (env && Object.keys(env).some((k) => k.startsWith('OPSCHAIN_'))) ops.push('env.OPSCHAIN_*');
  if (ops.length > 0 && (ops.length > 1 || !ops.includes('trow') || has('trow.trow'))) return { id: 'opschain', keys: ops };
  const oc = keys(['clusterGateway', 'clusterAgent', 'controllerManager']);
  if (oc.length > 0) return { id: 'openchoreo', keys: oc };
  const cc = keys(['server.auth', 'server.issuer']);
  if (cc.length > 0 || (has('postgresql') && has('agent') && has('server'))) return { id: 'certctl', keys: cc.length ? cc : ['server', 'postgresql', 'agent'] };
  if (has('ingress.hosts') || has('ingress.tls')) return { id: 'helm-ingress', keys: keys(['ingress.hosts', 'ingress.tls']) };
  return undefined;
}

export interface SelectInput {
  readonly path: string;
  readonly text: string;
  readonly json: unknown;
  /** `tlsLens.yaml.schemas`: glob → catalog id or schema path. */
  readonly mappings: Readonly<Record<string, string>>;
}

function named(name: string, reason: string): SchemaChoice {
  const entry = CATALOG_BY_ID.get(name);
  return entry ? { entry, reason } : { path: name, reason };
}

export function selectSchema(input: SelectInput): SchemaChoice | undefined {
  const ml = modeline(input.text);
  if (ml) return named(ml, `the modeline \`# tls-lens: schema=${ml}\``);
  const normalized = input.path.replace(/\\/g, '/');
  for (const [glob, name] of Object.entries(input.mappings)) {
    if (globToRegExp(glob).test(normalized)) return named(name, `the setting tlsLens.yaml.schemas maps \`${glob}\` to it`);
  }
  const json = obj(input.json);
  if (!json) return undefined;
  if (typeof json.apiVersion === 'string' && typeof json.kind === 'string') {
    const k = byKind(json.apiVersion, json.kind);
    return k ? named(k.id, `the document's ${k.why}`) : undefined;
  }
  if (isValuesFile(normalized)) {
    const p = productOf(json);
    if (p) return named(p.id, `\`${normalized.split('/').pop()}\` is a Helm values file holding ${p.keys.map((k) => `\`${k}\``).join(', ')}`);
  }
  return undefined;
}
