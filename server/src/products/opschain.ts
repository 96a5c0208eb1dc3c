/**
 * OpsChain, seed 000 "OpsChain TLS guide": the API, image registry (trow) and secret vault
 * hostnames, which several values must repeat, and the certificates that must cover them.
 */
import { get, has, located, Located, obj, parsePath } from './json';
import type { Product, ProductDocument, RefSink } from './types';
import { ingressBlockRefs } from './helm-ingress';

const SECTION = 'OpsChain TLS guide (seed 000)';
/** The chart's env keys (values.yaml): a values file that sets one of them is OpsChain's. */
const OPSCHAIN_ENV = new Set(['OPSCHAIN_API_HOST_NAME', 'OPSCHAIN_IMAGE_REGISTRY_HOST', 'OPSCHAIN_INSECURE_HTTP_PORT_ENABLED', 'OPSCHAIN_INGRESS_TLS_PORT', 'OPSCHAIN_KUBERNETES_NAMESPACE', 'OPSCHAIN_VERSION', 'OPSCHAIN_GUI_BASE_URL', 'OPSCHAIN_DOCKER_USER', 'OPSCHAIN_LDAP_PASSWORD', 'OPSCHAIN_TOKEN_SECRET_KEY']);
export const BUILD_SERVICE_HOST = 'opschain-build-service';
export const VAULT_INTERNAL_HOST = 'opschain-secret-vault-0.opschain-secret-vault-internal';
export const DEFAULT_REGISTRY_HOST = 'opschain-image-registry.local.gd';
export const DEFAULT_API_HOST = 'opschain-api';

/** A certificate Secret the chart mounts, and the names its certificate must cover. */
function certSecret(d: ProductDocument, out: RefSink, path: string, via: string, hosts: (Located | string)[]): void {
  const secret = located(d.doc, path.split('.'), get(d.json, path.split('.')));
  if (!secret) return;
  // A fixed name (the build service's) is checked at the secretName itself.
  const located_ = hosts.map((h) => (typeof h === 'string' ? { value: h, span: secret.span } : h));
  out.references.push({ kind: 'secret', span: secret.span, target: secret.value, key: 'tls.crt', role: 'serve', group: `d${d.index}:${path}`, hosts: located_, via });
}

export const opschain: Product = {
  id: 'opschain',
  title: 'OpsChain',
  seed: '000 OpsChain TLS guide',
  summary: 'OpsChain serves its API and UI, an image registry (trow), a build service and a secret vault behind Kong; each needs a certificate for a hostname that several values repeat.',
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
    const { json, doc } = d;
    const at = (p: string) => { const path = parsePath(p); return located(doc, path, get(json, path)); };
    const api = at('api.hostName');
    const registry = at('trow.trow.domain') ?? at('env.OPSCHAIN_IMAGE_REGISTRY_HOST');
    const vault = at('global.secretVaultExternalHostName');
    certSecret(d, out, 'api.certificateSecretName', 'api.certificateSecretName', api ? [api] : []);
    certSecret(d, out, 'imageRegistry.certificateSecretName', 'imageRegistry.certificateSecretName', [registry ?? DEFAULT_REGISTRY_HOST]);
    certSecret(d, out, 'buildService.certificateSecretName', 'buildService.certificateSecretName', [BUILD_SERVICE_HOST]);
    certSecret(d, out, 'secretVault.externalCertificateSecretName', 'secretVault.externalCertificateSecretName', vault ? [vault] : []);
    certSecret(d, out, 'secretVault.internalCertificateSecretName', 'secretVault.internalCertificateSecretName', [VAULT_INTERNAL_HOST]);
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
    '`api.hostName` and `env.OPSCHAIN_API_HOST_NAME` hold the same hostname, which the API certificate covers (000, "API and web UI hostname").',
    'The image registry hostname is repeated in `trow.trow.domain`, `trow.ingress.hosts[0].host`, `trow.ingress.tls[0].hosts[0]` and `env.OPSCHAIN_IMAGE_REGISTRY_HOST` (default `opschain-image-registry.local.gd`) (000, "Image registry hostname").',
    'The build service certificate covers `opschain-build-service`; the secret vault\'s internal certificate `opschain-secret-vault-0.opschain-secret-vault-internal` (000, "Certificates").',
    '`global.secretVaultExternalHostName` differs from the API hostname (000, "Secret vault hostname").',
    'Disable the insecure HTTP listener (`OPSCHAIN_INSECURE_HTTP_PORT_ENABLED: false`) only once HTTPS works (000, "Disabling the insecure HTTP listener").',
  ],
};
