/** The JSON Schemas TLS Lens ships (schemas/), bundled into the server so that no file lookup is needed. */
import certManagerCertificate from '../../../schemas/cert-manager-certificate.schema.json';
import certManagerIssuer from '../../../schemas/cert-manager-issuer.schema.json';
import certctl from '../../../schemas/certctl-values.schema.json';
import helmIngress from '../../../schemas/helm-ingress.schema.json';
import configMap from '../../../schemas/k8s-configmap.schema.json';
import ingress from '../../../schemas/k8s-ingress.schema.json';
import secret from '../../../schemas/k8s-secret.schema.json';
import openchoreoPlane from '../../../schemas/openchoreo-plane.schema.json';
import openchoreo from '../../../schemas/openchoreo-values.schema.json';
import opschain from '../../../schemas/opschain-values.schema.json';
import spinnaker from '../../../schemas/spinnakerservice.schema.json';

export interface CatalogEntry {
  /** What a modeline or the `tlsLens.yaml.schemas` setting names: `# tls-lens: schema=certctl`. */
  readonly id: string;
  readonly file: string;
  readonly title: string;
  readonly schema: Record<string, unknown>;
}

const entry = (id: string, file: string, schema: Record<string, unknown>): CatalogEntry => ({ id, file: `schemas/${file}`, title: String(schema.title), schema });

export const CATALOG: readonly CatalogEntry[] = [
  entry('opschain', 'opschain-values.schema.json', opschain),
  entry('certctl', 'certctl-values.schema.json', certctl),
  entry('openchoreo', 'openchoreo-values.schema.json', openchoreo),
  entry('helm-ingress', 'helm-ingress.schema.json', helmIngress),
  entry('spinnaker', 'spinnakerservice.schema.json', spinnaker),
  entry('openchoreo-plane', 'openchoreo-plane.schema.json', openchoreoPlane),
  entry('secret', 'k8s-secret.schema.json', secret),
  entry('configmap', 'k8s-configmap.schema.json', configMap),
  entry('ingress', 'k8s-ingress.schema.json', ingress),
  entry('cert-manager-certificate', 'cert-manager-certificate.schema.json', certManagerCertificate),
  entry('cert-manager-issuer', 'cert-manager-issuer.schema.json', certManagerIssuer),
];

export const CATALOG_BY_ID: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [e.id, e]));
export const CATALOG_BY_URI: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((e) => [String(e.schema.$id), e]));
