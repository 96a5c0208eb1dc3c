/**
 * Kubernetes manifests for what was made: `kubernetes.io/tls` Secrets (tls.crt, tls.key, and
 * ca.crt), Opaque Secrets (keystores and their passwords, for Spinnaker's secrets engine), and
 * ConfigMaps with a CA (`ca.crt`). Secret values are base64 in `data`, as `kubectl create secret`
 * writes them; ConfigMaps hold PEM text.
 */
import { stringify } from 'yaml';

function metadata(name: string, namespace?: string): Record<string, string> {
  return namespace ? { name, namespace } : { name };
}

function b64(v: Uint8Array | string): string {
  return Buffer.from(typeof v === 'string' ? Buffer.from(v, 'utf8') : v).toString('base64');
}

function yaml(o: unknown): string {
  return stringify(o, { lineWidth: 0 });
}

/** A map of data keys: without a prototype, so a key such as `__proto__` is a key like any other. */
function dataMap(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

export function tlsSecretManifest(o: { name: string; namespace?: string; certPem: string; keyPem: string; caPem?: string }): string {
  const data = dataMap();
  data['tls.crt'] = b64(o.certPem);
  data['tls.key'] = b64(o.keyPem);
  if (o.caPem) data['ca.crt'] = b64(o.caPem);
  return yaml({ apiVersion: 'v1', kind: 'Secret', metadata: metadata(o.name, o.namespace), type: 'kubernetes.io/tls', data });
}

export function opaqueSecretManifest(o: { name: string; namespace?: string; data: Readonly<Record<string, Uint8Array | string>> }): string {
  const data = dataMap();
  for (const [k, v] of Object.entries(o.data)) data[k] = b64(v);
  return yaml({ apiVersion: 'v1', kind: 'Secret', metadata: metadata(o.name, o.namespace), type: 'Opaque', data });
}

export function configMapManifest(o: { name: string; namespace?: string; data: Readonly<Record<string, string>> }): string {
  const data = dataMap();
  for (const [k, v] of Object.entries(o.data)) data[k] = v;
  return yaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(o.name, o.namespace), data });
}

