/**
 * Spinnaker (Armory operator), seed 001 "Configure mTLS for Spinnaker Services": per service, a
 * Java (Spring Boot) or Go server TLS block, the client side (ok-http-client for Java, http for
 * Go), and the service endpoints and probes.
 */
import type { PathSegment } from '../parse/yaml';
import type { Role } from '../model/refs';
import { located, obj, str } from './json';
import type { Product } from './types';

/** The Go services of the guide's table (Dinghy, Terraformer); every other service is Java. */
export const GO_SERVICES: readonly string[] = ['dinghy', 'terraformer'];

/** Each service's port in the guide's baseUrl list ("Changing service endpoints"). */
export const STANDARD_PORTS: Readonly<Record<string, number>> = {
  clouddriver: 7002, dinghy: 8081, echo: 8089, fiat: 7003, front50: 8080, gate: 8084, kayenta: 8090, orca: 8083, igor: 8088, rosco: 8087, terraformer: 7088,
};

/** Java keys, kebab-case as the guide writes them and camelCase as Spring binds them too. */
export const JAVA_SERVER_KEYS: Readonly<Record<string, string>> = {
  'key-store': 'keyStore', 'key-store-type': 'keyStoreType', 'key-store-password': 'keyStorePassword', 'key-password': 'keyPassword', 'key-alias': 'keyAlias',
  'trust-store': 'trustStore', 'trust-store-type': 'trustStoreType', 'trust-store-password': 'trustStorePassword', 'client-auth': 'clientAuth',
};
/** Go server keys, and the Java key that does the same. */
export const GO_SERVER_KEYS: Readonly<Record<string, string>> = { certFile: 'key-store', keyFile: 'key-store', cacertFile: 'trust-store', keyPassword: 'key-store-password' };

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

const PROFILE = 'spec.spinnakerConfig.profiles.{svc}';
const SETTINGS = 'spec.spinnakerConfig.service-settings.{svc}';
const SECTION = 'Spinnaker mTLS guide (seed 001)';

export const spinnaker: Product = {
  id: 'spinnaker',
  title: 'Spinnaker (Armory operator)',
  seed: '001 Configure mTLS for Spinnaker Services',
  summary: 'A SpinnakerService configures each service\'s server TLS (Java services with Spring Boot key-stores and trust-stores, Go services Dinghy and Terraformer with PEM files), its client certificate, its `baseUrl` and its readiness probe.',
  kinds: [{ apiVersion: /^spinnaker(\.armory)?\.io\/v1alpha2$/, kinds: ['SpinnakerService'], schema: 'spinnaker' }],
  refs(d, out) {
    const { json, doc } = d;
    const ns = str(obj(json.metadata)?.namespace);
    const profiles = obj(obj(obj(json.spec)?.spinnakerConfig)?.profiles) ?? {};
    for (const [svc, p] of Object.entries(profiles)) {
      const base = ['spec', 'spinnakerConfig', 'profiles', svc];
      const ssl = obj(obj(obj(p)?.server)?.ssl) ?? {};
      const http = obj(obj(p)?.http) ?? {};
      const okhttp = obj(obj(p)?.['ok-http-client']) ?? {};
      const g = (s: string) => `d${d.index}:${svc}-${s}`;
      const push = (path: PathSegment[], v: unknown, role: Role, group: string, via: string, store?: { passwords: string[] }) => {
        const l = located(doc, path, v);
        if (!l) return;
        const t = spinnakerTarget(l.value);
        out.references.push({ kind: t.kind, span: l.span, target: t.target, key: t.key, namespace: ns, role, group: g(group), via, ...(store ? { store } : {}) });
      };
      // Go: PEM files.
      push([...base, 'server', 'ssl', 'certFile'], ssl.certFile, 'serve', 'server', `${svc} server.ssl.certFile`);
      push([...base, 'server', 'ssl', 'keyFile'], ssl.keyFile, 'serve-key', 'server', `${svc} server.ssl.keyFile`);
      push([...base, 'server', 'ssl', 'cacertFile'], ssl.cacertFile, 'ca', 'server', `${svc} server.ssl.cacertFile`);
      push([...base, 'http', 'clientCertFile'], http.clientCertFile, 'client', 'client', `${svc} http.clientCertFile`);
      push([...base, 'http', 'clientKeyFile'], http.clientKeyFile, 'client-key', 'client', `${svc} http.clientKeyFile`);
      push([...base, 'http', 'cacertFile'], http.cacertFile, 'ca', 'client', `${svc} http.cacertFile`);
      // Java: PKCS#12/JKS stores, read for their certificates (never their keys), in either spelling.
      const java = (o: Record<string, unknown>, key: string) => (o[key] !== undefined ? key : JAVA_SERVER_KEYS[key]);
      for (const [where, o, role, group] of [['server.ssl', ssl, 'serve', 'java-server'], ['ok-http-client', okhttp, 'client', 'java-client']] as const) {
        const path = where === 'server.ssl' ? [...base, 'server', 'ssl'] : [...base, 'ok-http-client'];
        const ks = java(o, 'key-store');
        const ts = java(o, 'trust-store');
        push([...path, ks], o[ks], role, group, `${svc} ${where}.${ks}`, { passwords: storePasswords(o[java(o, 'key-store-password')]) });
        push([...path, ts], o[ts], 'ca', group, `${svc} ${where}.${ts}`, { passwords: storePasswords(o[java(o, 'trust-store-password')]) });
      }
    }
  },
  constraints: [
    {
      kind: 'requires', name: 'java-keystore', schema: 'spinnaker', severity: 'error',
      when: { path: `${PROFILE}.server.ssl.enabled`, equals: [true] }, except: { svc: GO_SERVICES },
      then: ['key-store', 'key-store-type', 'key-store-password'].map((k) => ({ path: `${PROFILE}.server.ssl.${k}`, alternatives: [`${PROFILE}.server.ssl.${JAVA_SERVER_KEYS[k]}`] })),
      description: 'A Java service with `server.ssl.enabled: true` and no `key-store`, `key-store-type` or `key-store-password`: Spring Boot fails to start its HTTPS connector.',
      citation: `${SECTION}, "Configuring Java services"`,
      message: "{{svc}} has server.ssl.enabled: true but no {{missing}}: the service cannot start HTTPS.",
      fixText: 'Add the keystore, its type (`PKCS12` or `JKS`) and its password under `server.ssl` (the guide\'s `[service].p12` and `[SERVICE]_KEY_PASS`); `tls-lens generate bundle spinnaker` makes them.',
    },
    {
      kind: 'requires', name: 'java-truststore', schema: 'spinnaker', severity: 'error',
      when: { path: `${PROFILE}.server.ssl.client-auth`, alternatives: [`${PROFILE}.server.ssl.clientAuth`], equals: ['need', 'want'], ci: true }, except: { svc: GO_SERVICES },
      then: ['trust-store', 'trust-store-type', 'trust-store-password'].map((k) => ({ path: `${PROFILE}.server.ssl.${k}`, alternatives: [`${PROFILE}.server.ssl.${JAVA_SERVER_KEYS[k]}`] })),
      description: 'A Java service that asks for client certificates (`client-auth: need` or `want`) without a `trust-store`, its type and password: no client certificate can be verified.',
      citation: `${SECTION}, "Configuring Java services"`,
      message: '{{svc}} asks for client certificates ({{value}}) but has no {{missing}}: it cannot verify them.',
      fixText: 'Add the truststore holding the CA (`truststore.p12`), its type and its password under `server.ssl`.',
    },
    {
      kind: 'requires', name: 'go-cert-file', schema: 'spinnaker', severity: 'error',
      when: { path: `${PROFILE}.server.ssl.enabled`, equals: [true] }, only: { svc: GO_SERVICES },
      then: [{ path: `${PROFILE}.server.ssl.certFile` }],
      description: 'A Go service (Dinghy, Terraformer) with `server.ssl.enabled: true` and no `certFile`: it has no certificate to serve.',
      citation: `${SECTION}, "Configuring Golang services"`,
      message: '{{svc}} has server.ssl.enabled: true but no {{missing}}: a Go service serves the PEM certificate in certFile.',
      fixText: 'Add `certFile` (and `keyFile` unless the key is in the same PEM) pointing at `[service].crt`.',
    },
    {
      kind: 'requires', name: 'tcp-probe', schema: 'spinnaker', severity: 'warning',
      when: { path: `${PROFILE}.server.ssl.client-auth`, alternatives: [`${PROFILE}.server.ssl.clientAuth`], equals: ['need'], ci: true },
      then: [{ path: `${SETTINGS}.kubernetes.useTcpProbe`, value: true, insert: 'true' }],
      description: 'A service that requires client certificates (`need`) without `service-settings.<svc>.kubernetes.useTcpProbe: true`: the HTTP readiness probe presents no client certificate, fails, and the pod never becomes Ready.',
      citation: `${SECTION}, "Changing readiness probe"`,
      message: '{{svc}} requires client certificates, but its readiness probe is HTTP ({{missing}} is not true): the probe has no client certificate and the pod never becomes Ready.',
      fixText: 'Set `spec.spinnakerConfig.service-settings.<svc>.kubernetes.useTcpProbe: true` (the quick fix adds it).',
    },
    {
      kind: 'scheme', name: 'base-url-scheme', schema: 'spinnaker', severity: 'warning',
      path: `${SETTINGS}.baseUrl`, scheme: 'https', when: { path: `${PROFILE}.server.ssl.enabled`, equals: [true] },
      description: 'A service whose `server.ssl.enabled` is true, called over `http://` in its `baseUrl`: the other services speak plain HTTP to an HTTPS port.',
      citation: `${SECTION}, "Changing service endpoints"`,
      message: "{{svc}} serves HTTPS (server.ssl.enabled: true) but its baseUrl '{{value}}' is http: every call to it fails.",
      fixText: 'Use `https://` in the baseUrl (the quick fix changes it).',
    },
    {
      kind: 'port', name: 'base-url-port', schema: 'spinnaker', severity: 'information',
      path: `${SETTINGS}.baseUrl`, ports: STANDARD_PORTS,
      description: "A service's `baseUrl` on another port than the service's standard one (clouddriver 7002, gate 8084, …): correct only if the service listens there.",
      citation: `${SECTION}, "Changing service endpoints"`,
      message: "{{svc}}'s baseUrl uses port {{port}}; the service listens on {{standard}} unless its server.port says otherwise.",
      fixText: 'Use the standard port of the guide\'s list, or make sure the service\'s `server.port` matches.',
    },
  ],
  knows: [
    'Java services (every service but Dinghy and Terraformer) serve HTTPS from a PKCS#12 or JKS `key-store` with its type and password, and verify clients with a `trust-store` (001, "Configuring Java services"); Spring accepts kebab-case and camelCase keys.',
    'Go services (Dinghy, Terraformer) serve PEM files: `certFile`, `keyFile`, `cacertFile`, `clientAuth`; their client side is `http.clientCertFile` / `clientKeyFile` (001, "Configuring Golang services").',
    'The server certificate is also the service\'s client certificate: it needs serverAuth and clientAuth (001, "What you need").',
    'Roll out with `client-auth: want`, then `need` once every service presents a client certificate (001, last paragraph).',
    '`need` requires a TCP readiness probe (`useTcpProbe: true`) and `https://` baseUrls on the standard ports (001, "Changing readiness probe", "Changing service endpoints").',
  ],
};
