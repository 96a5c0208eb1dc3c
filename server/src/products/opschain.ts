/**
 * OpsChain, OpsChain TLS guide: the API, image registry (trow) and secret vault
 * hostnames, which several values must repeat, and the certificates that must cover them.
 */
import { get, has, located, obj, parsePath, str } from './json';
import type { Located } from '../core/types';
import { refSink } from './types';
import type { BundleRecipe, Product, ProductDocument, RefSink } from './types';
import { stringify } from 'yaml';
import { ingressBlockRefs } from './helm-ingress';
import { GUIDES } from './guides';
import { commonNameFor, kubeName } from '../core/names';

const SECTION = GUIDES.opschain;
/** The chart's env keys (values.yaml): a values file that sets one of them is OpsChain's. */
const OPSCHAIN_ENV = new Set([
  'OPSCHAIN_API_HOST_NAME', 'OPSCHAIN_IMAGE_REGISTRY_HOST', 'OPSCHAIN_INSECURE_HTTP_PORT_ENABLED', 'OPSCHAIN_INGRESS_TLS_PORT',
  'OPSCHAIN_KUBERNETES_NAMESPACE', 'OPSCHAIN_VERSION', 'OPSCHAIN_GUI_BASE_URL', 'OPSCHAIN_DOCKER_USER', 'OPSCHAIN_LDAP_PASSWORD',
  'OPSCHAIN_TOKEN_SECRET_KEY',
]);
export const BUILD_SERVICE_HOST = 'opschain-build-service';
export const VAULT_INTERNAL_HOST = 'opschain-secret-vault-0.opschain-secret-vault-internal';
export const DEFAULT_REGISTRY_HOST = 'opschain-image-registry.local.gd';
export const DEFAULT_API_HOST = 'opschain-api';

/** A certificate the chart mounts: the value naming its Secret, the names it must cover, its role. */
interface ChartCertificate {
  readonly setting: string;
  /** What it is, in the guide's words. */
  readonly label: string;
  readonly via: string;
  /** The Secret's name when the values set it. */
  readonly secret?: Located;
  /** The name the manual-certificate guide's example uses. */
  readonly defaultName: string;
  readonly hosts: readonly (Located | string)[];
  /** The build service is called by the API and calls it: serverAuth and clientAuth. */
  readonly peer?: boolean;
  /** Why it is not needed here (then it is not made). */
  readonly skip?: string;
}

/** The certificates of the guide's "Certificates" section, as this values file configures them. */
export function chartCertificates(d: ProductDocument): ChartCertificate[] {
  const { json, doc } = d;
  const at = (p: string) => { const path = parsePath(p); return located(doc, path, get(json, path)); };
  const api = at('api.hostName');
  const registry = at('trow.trow.domain') ?? at('env.OPSCHAIN_IMAGE_REGISTRY_HOST');
  const vault = at('global.secretVaultExternalHostName');
  const secret = (p: string) => at(p);
  return [
    {
      setting: 'api.certificateSecretName', label: 'The API and UI certificate', via: 'api.certificateSecretName',
      secret: secret('api.certificateSecretName'), defaultName: 'api-cert-name', hosts: api ? [api] : [],
      ...(api ? {} : { skip: 'api.hostName is not set (the API certificate is optional: HTTPS for the API and UI)' }),
    },
    {
      setting: 'imageRegistry.certificateSecretName', label: 'The image registry certificate', via: 'imageRegistry.certificateSecretName',
      secret: secret('imageRegistry.certificateSecretName'), defaultName: 'image-registry-cert', hosts: [registry ?? DEFAULT_REGISTRY_HOST],
    },
    {
      setting: 'buildService.certificateSecretName', label: 'The build service certificate', via: 'buildService.certificateSecretName',
      secret: secret('buildService.certificateSecretName'), defaultName: 'build-service-cert', hosts: [BUILD_SERVICE_HOST], peer: true,
    },
    {
      setting: 'secretVault.externalCertificateSecretName', label: 'The secret vault external certificate',
      via: 'secretVault.externalCertificateSecretName', secret: secret('secretVault.externalCertificateSecretName'),
      defaultName: 'secret-vault-external-cert', hosts: vault ? [vault] : [],
      ...(vault ? {} : { skip: 'global.secretVaultExternalHostName is not set' }),
    },
    {
      setting: 'secretVault.internalCertificateSecretName', label: 'The secret vault internal certificate',
      via: 'secretVault.internalCertificateSecretName', secret: secret('secretVault.internalCertificateSecretName'),
      defaultName: 'secret-vault-cert', hosts: [VAULT_INTERNAL_HOST],
    },
  ];
}

/** A certificate Secret the chart mounts, and the names its certificate must cover. */
function certSecret(d: ProductDocument, out: RefSink, c: ChartCertificate): void {
  if (!c.secret) return;
  const span = c.secret.span;
  // A fixed name (the build service's) is checked at the secretName itself.
  const hosts = c.hosts.map((h) => (typeof h === 'string' ? { value: h, span } : h));
  out.references.push({ kind: 'secret', span, target: c.secret.value, key: 'tls.crt', role: 'serve', group: `d${d.index}:${c.setting}`, hosts, via: c.via });
}

/**
 * The guide's certificates (OpsChain TLS guide, "Certificates"), each in the kubernetes.io/tls Secret its
 * `*CertificateSecretName` value names (or the manual guide's example name, with the values to
 * set), in the OpsChain namespace; plus any other TLS Secret the values name (trow's ingress).
 */
const bundle: BundleRecipe = {
  description: 'CA and the certificates of the guide (API, image registry, build service, secret vault internal and external) in the kubernetes.io/tls Secrets the values name, with the values to set (OpsChain TLS guide).',
  async make(input, kit) {
    for (const f of input.files) {
      for (const d of f.documents) {
        const ns = str(obj(d.json.env)?.OPSCHAIN_KUBERNETES_NAMESPACE) ?? 'opschain';
        // Other TLS Secrets the values name (trow.ingress.tls[].secretName), for the names they serve.
        const refs = refSink();
        opschain.refs?.(d, refs);
        const others = refs.references.filter((r) => r.kind === 'secret' && r.role === 'serve');
        const chart = chartCertificates(d).filter((c) => !c.skip).map((c) => c.secret?.value ?? c.defaultName);
        kit.reserve(new Set([...chart, ...others.map((r) => r.target)]).size);
        const ca = await kit.ca('OpsChain CA', 'OpsChain');
        kit.caCertificate('ca.crt', ca, 'The CA of the OpsChain certificates (OpsChain TLS guide, "Certificates").');
        const made = new Set<string>();
        const values: Record<string, unknown> = {};
        const make = async (name: string, hosts: readonly string[], peer: boolean, what: string) => {
          if (made.has(name)) return;
          kubeName('the Secret name', name);
          made.add(name);
          const dns = [...new Set(hosts)];
          const leaf = await kit.leaf({
            role: peer ? 'peer' : 'server', cn: dns[0] !== undefined ? commonNameFor(dns[0]) : name, org: 'OpsChain', dns, issuer: ca,
          });
          await kit.pem(leaf, `${name}.crt`, `${name}.key`, name, `${what}: ${dns.join(', ')}${peer ? ' (serverAuth + clientAuth)' : ''}.`);
          await kit.tlsSecret(`${name}.yaml`, {
            name, namespace: ns, leaf, ca,
            purpose: `Secret ${name} (kubernetes.io/tls, with ca.crt): ${what[0].toLowerCase()}${what.slice(1)}.`,
          });
        };
        for (const c of chartCertificates(d)) {
          if (c.skip) { kit.note(`No certificate for \`${c.setting}\`: ${c.skip}.`); continue; }
          const name = c.secret?.value ?? c.defaultName;
          await make(name, c.hosts.map((h) => (typeof h === 'string' ? h : h.value)), !!c.peer, c.label);
          if (!c.secret) values[c.setting] = name;
        }
        for (const r of others) if (!made.has(r.target)) await make(r.target, (r.hosts ?? []).map((h) => h.value), false, `The certificate of ${r.via}`);
        if (Object.keys(values).length || get(d.json, ['useCertManager']) !== false) {
          const tree: Record<string, unknown> = { useCertManager: false };
          for (const [k, v] of Object.entries(values)) {
            const [a, b] = k.split('.');
            tree[a] = { ...(obj(tree[a]) ?? {}), [b]: v };
          }
          kit.snippet(
            'values-tls.yaml',
            '# values.yaml: use the Secrets of this folder instead of cert-manager (OpsChain TLS guide, "Bringing your own certificates")\n'
              + `${stringify(tree, { lineWidth: 0 })}`,
            'values', 'The values that point the chart at these Secrets, to merge into values.yaml.',
          );
        }
      }
    }
  },
};

export const opschain: Product = {
  id: 'opschain',
  title: 'OpsChain',
  guide: GUIDES.opschain,
  summary: 'OpsChain serves its API and UI, an image registry (trow), a build service and a secret vault behind Kong; each needs a certificate for a hostname that several values repeat.',
  schemas: { opschain: 'opschain-values.schema.json' },
  values: {
    schema: 'opschain',
    recognise(json) {
      const env = obj(json.env);
      const keys = ['api.hostName', 'trow.trow', 'global.secretVaultExternalHostName'].filter((k) => has(json, k));
      if (env && Object.keys(env).some((k) => OPSCHAIN_ENV.has(k))) keys.push('env.OPSCHAIN_*');
      return keys.length >= 2 || (keys.length === 1 && keys[0] === 'env.OPSCHAIN_*') ? keys : undefined;
    },
  },
  refs(d, out) {
    for (const c of chartCertificates(d)) certSecret(d, out, c);
    ingressBlockRefs(d, ['trow', 'ingress'], out);
  },
  constraints: [
    {
      kind: 'equal', name: 'api-hostname', schema: 'opschain', severity: 'error',
      paths: ['api.hostName', 'env.OPSCHAIN_API_HOST_NAME'],
      description: '`api.hostName` and `env.OPSCHAIN_API_HOST_NAME` differ: the API is served for one name and its certificate issued for the other.',
      citation: `${SECTION}, "API and web UI hostname" (set both to the same value)`,
      message: "{{path}} is '{{value}}' but {{others}}: OpsChain uses both for the API's hostname and its TLS certificate; they must be equal.",
      fixText: 'Set both to the same hostname (the quick fix copies one to the other).',
    },
    {
      kind: 'equal', name: 'registry-hostname', schema: 'opschain', severity: 'error',
      paths: ['trow.trow.domain', 'trow.ingress.hosts[0].host', 'trow.ingress.tls[0].hosts[0]', 'env.OPSCHAIN_IMAGE_REGISTRY_HOST'],
      description: 'The image registry hostname is set in four places that disagree: `trow.trow.domain`, `trow.ingress.hosts[0].host`, `trow.ingress.tls[0].hosts[0]`, `env.OPSCHAIN_IMAGE_REGISTRY_HOST`.',
      citation: `${SECTION}, "Image registry hostname"`,
      message: "{{path}} is '{{value}}' but {{others}}: the image registry hostname must be the same in all four places.",
      fixText: 'Use one hostname in all four values (the quick fix sets this one to the others\' value).',
    },
    {
      kind: 'differ', name: 'vault-hostname', schema: 'opschain', severity: 'error',
      a: 'global.secretVaultExternalHostName', b: 'api.hostName',
      description: 'The secret vault\'s external hostname equals the API hostname: both are routed by the same ingress, by hostname.',
      citation: `${SECTION}, "Secret vault hostname" ("ensure that the host name you provide for the secret vault is different than the API host name")`,
      message: "global.secretVaultExternalHostName is the API hostname '{{value}}': the secret vault shares the API's ingress, which tells them apart by hostname, so they must differ.",
      fixText: 'Give the secret vault its own hostname (e.g. `vault.my-company.com`) with its own DNS entry.',
    },
  ],
  knows: [
    '`api.hostName` and `env.OPSCHAIN_API_HOST_NAME` hold the same hostname, which the API certificate covers (OpsChain TLS guide, "API and web UI hostname").',
    'The image registry hostname is repeated in `trow.trow.domain`, `trow.ingress.hosts[0].host`, `trow.ingress.tls[0].hosts[0]` and `env.OPSCHAIN_IMAGE_REGISTRY_HOST` (default `opschain-image-registry.local.gd`) (OpsChain TLS guide, "Image registry hostname").',
    'The build service certificate covers `opschain-build-service`; the secret vault\'s internal certificate `opschain-secret-vault-0.opschain-secret-vault-internal` (OpsChain TLS guide, "Certificates").',
    '`global.secretVaultExternalHostName` differs from the API hostname (OpsChain TLS guide, "Secret vault hostname").',
    'Disable the insecure HTTP listener (`OPSCHAIN_INSECURE_HTTP_PORT_ENABLED: false`) only once HTTPS works (OpsChain TLS guide, "Disabling the insecure HTTP listener").',
  ],
  bundle,
};
