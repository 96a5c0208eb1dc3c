/**
 * Spinnaker (Armory operator), Spinnaker mTLS guide: per service, a
 * Java (Spring Boot) or Go server TLS block, the client side (ok-http-client for Java, http for
 * Go), and the service endpoints and probes.
 */
import type { PathSegment } from '../parse/yaml';
import type { Issues, Role } from '../model/refs';
import { get, located, obj, str } from './json';
import type { BundleRecipe, Product } from './types';
import { stringify } from 'yaml';
import { GUIDES } from './guides';

/** The schema id of a SpinnakerService. */
export const SCHEMA = 'spinnaker';

/** Where a SpinnakerService keeps each service's profile (`<path>.<svc>`). */
export const PROFILES_PATH: readonly PathSegment[] = ['spec', 'spinnakerConfig', 'profiles'];

/** A SpinnakerService's profiles, by service. */
export function profilesOf(json: unknown): Record<string, unknown> {
  return obj(obj(obj(obj(json)?.spec)?.spinnakerConfig)?.profiles) ?? {};
}

/** The Java client block's key as written: Spring's relaxed binding takes kebab-case, camelCase and underscores alike. */
export const OK_HTTP_CLIENT_KEYS: readonly string[] = ['ok-http-client', 'okHttpClient', 'ok_http_client', 'okhttpclient'];

/** A profile's Java client block (ok-http-client in any of its spellings), with the key it is written under. */
export function okHttpClientOf(profile: unknown): { key: string; block: Record<string, unknown> } | undefined {
  const p = obj(profile);
  const key = OK_HTTP_CLIENT_KEYS.find((k) => p?.[k] !== undefined);
  const block = key ? obj(p?.[key]) : undefined;
  return key && block ? { key, block } : undefined;
}

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
export const GO_SERVER_KEYS: Readonly<Record<string, string>> = {
  certFile: 'key-store', keyFile: 'key-store', cacertFile: 'trust-store', keyPassword: 'key-store-password',
};

/** `encrypted:k8s!n:NAME!k:KEY` (a value held in a Secret, Spinnaker's secrets engine). */
export function secretValueRef(v: unknown): { secret: string; key: string } | undefined {
  const m = typeof v === 'string' ? /^encrypted:k8s!n:([^!]+)!k:(.+)$/.exec(v) : null;
  return m ? { secret: m[1], key: m[2] } : undefined;
}

/** Passwords to try on a Java store: one held in a Secret it names, the configured one when written in clear, then Java's default. */
function storePasswords(v: unknown): { passwords: string[]; passwordRefs?: { secret: string; key: string }[] } {
  const out: string[] = [];
  if (typeof v === 'string' && !/^encrypted|\$\{/.test(v)) out.push(v);
  for (const d of ['changeit', '']) if (!out.includes(d)) out.push(d);
  const held = secretValueRef(v);
  return { passwords: out, ...(held ? { passwordRefs: [held] } : {}) };
}

/** The host a service is reached at: its baseUrl's, or the operator's default `spin-<svc>.<namespace>`. */
export function serviceHost(json: Record<string, unknown>, svc: string): string {
  const url = str(obj(obj(obj(obj(json.spec)?.spinnakerConfig)?.['service-settings'])?.[svc])?.baseUrl);
  if (url) { try { return new URL(url).hostname.replace(/^\[|\]$/g, ''); } catch { /* not a URL: base-url-scheme reports it */ } }
  return `spin-${svc}.${str(obj(json.metadata)?.namespace) ?? 'spinnaker'}`;
}

/** `encryptedFile:k8s!n:NAME!k:KEY` (Spinnaker secrets engine) → a Secret reference. */
export function spinnakerTarget(v: string): { kind: 'file' | 'secret'; target: string; key?: string } {
  const m = /^encrypted(?:File)?:k8s!n:([^!]+)!k:(.+)$/.exec(v);
  return m ? { kind: 'secret', target: m[1], key: m[2] } : { kind: 'file', target: v };
}

/** Whether a profile path is under `server.ssl` (the serving side). */
function side(path: readonly PathSegment[]): 'server' | 'client' {
  return path[4] === 'server' ? 'server' : 'client';
}

const PROFILE = 'spec.spinnakerConfig.profiles.{svc}';
const SETTINGS = 'spec.spinnakerConfig.service-settings.{svc}';
const SECTION = GUIDES.spinnaker;

/** Where a file or password goes: a key of a Secret (the secrets engine), or a path on the service's disk. */
type Place = { kind: 'secret'; secret: string; key: string } | { kind: 'file'; path: string };

function placeOf(v: unknown, fallback: Place): Place {
  if (typeof v !== 'string' || !v) return fallback;
  const t = spinnakerTarget(v);
  return t.kind === 'secret' && t.key ? { kind: 'secret', secret: t.target, key: t.key } : { kind: 'file', path: t.target };
}

function refOf(p: Place, password = false): string {
  return p.kind === 'secret' ? `${password ? 'encrypted' : 'encryptedFile'}:k8s!n:${p.secret}!k:${p.key}` : p.path;
}

/** A password as configured: written in clear (kept), held in a Secret (made there), or missing (made, in the default Secret). */
function passwordPlace(v: unknown, fallback: Place): { place: Place; clear?: string } {
  const held = secretValueRef(v);
  if (held) return { place: { kind: 'secret', secret: held.secret, key: held.key } };
  if (typeof v === 'string' && v && !v.startsWith('${') && !v.startsWith('encrypted')) return { place: fallback, clear: v };
  return { place: fallback };
}

const DEFAULT_SECRET = 'spin-secrets';

/**
 * The guide's "What you need" (Spinnaker mTLS guide): a CA; per service with server.ssl, a certificate that is
 * both its server and its client certificate, covering its baseUrl host; `<svc>.p12` for Java
 * services, `<svc>.crt`/`<svc>.key` for Go ones; one truststore.p12 and ca.pem; everything placed
 * where the SpinnakerService's references point (a Secret key, or a file to copy).
 */
const bundle: BundleRecipe = {
  description: 'CA, one server-and-client certificate per service with server.ssl (PKCS#12 for Java services, PEM for Dinghy and Terraformer), truststore.p12, ca.pem, the Secret the profiles refer to, and the profiles to paste (Spinnaker mTLS guide).',
  async make(input, kit) {
    const docs = input.files.flatMap((f) => f.documents);
    if (!docs.length) return;
    kit.reserve(docs.reduce((n, d) => n + Object.values(obj(obj(obj(d.json.spec)?.spinnakerConfig)?.profiles) ?? {}).filter((p) => {
      const ssl = obj(obj(obj(p)?.server)?.ssl);
      return ssl && ssl.enabled !== false;
    }).length, 0));
    const ca = await kit.ca('Spinnaker CA', 'Spinnaker');
    kit.caCertificate('ca.pem', ca, 'The CA (PEM) for Go services\' cacertFile (Spinnaker mTLS guide, "What you need").');
    let truststorePassword: string | undefined;
    const secrets = new Map<string, { namespace?: string; files: Record<string, string>; values: Record<string, string> }>();
    const toCopy: string[] = [];
    const put = (p: Place, ns: string | undefined, file?: string, value?: string) => {
      if (p.kind === 'file') { if (file) toCopy.push(`\`${file}\` → \`${p.path}\``); return; }
      // Keys come from the configuration (`!k:__proto__` too): maps without a prototype.
      const s = secrets.get(p.secret) ?? {
        namespace: ns, files: Object.create(null) as Record<string, string>, values: Object.create(null) as Record<string, string>,
      };
      secrets.set(p.secret, s);
      if (file) s.files[p.key] = file; else if (value !== undefined) s.values[p.key] = value;
    };
    const profilesOut: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const clearPasswords = new Set<string>();
    let truststoreMade = false;
    for (const d of docs) {
      const ns = str(obj(d.json.metadata)?.namespace);
      const config = obj(obj(d.json.spec)?.spinnakerConfig) ?? {};
      const profiles = obj(config.profiles) ?? {};
      const services = Object.keys(profiles).filter((svc) => { const ssl = obj(obj(obj(profiles[svc])?.server)?.ssl); return ssl && ssl.enabled !== false; });
      for (const svc of services) {
        const p = obj(profiles[svc]) ?? {};
        const ssl = obj(obj(p.server)?.ssl) ?? {};
        const host = serviceHost(d.json, svc);
        const leaf = await kit.leaf({ role: 'peer', cn: `spin-${svc}`, org: 'Spinnaker', dns: [...new Set([host, `spin-${svc}`])], issuer: ca });
        const sec = (key: string): Place => ({ kind: 'secret', secret: DEFAULT_SECRET, key });
        if (GO_SERVICES.includes(svc)) {
          await kit.pem(leaf, `${svc}.crt`, `${svc}.key`, svc, `${svc} (Go): server and client certificate for ${host} (serverAuth + clientAuth).`);
          const http = obj(p.http) ?? {};
          const cert = placeOf(ssl.certFile, sec(`${svc}.crt`));
          const key = placeOf(ssl.keyFile, sec(`${svc}.key`));
          const caFile = placeOf(ssl.cacertFile, sec('ca.pem'));
          for (const [pl, f] of [
            [cert, `${svc}.crt`], [key, `${svc}.key`], [caFile, 'ca.pem'], [placeOf(http.clientCertFile, cert), `${svc}.crt`],
            [placeOf(http.clientKeyFile, key), `${svc}.key`], [placeOf(http.cacertFile, caFile), 'ca.pem'],
          ] as const) put(pl, ns, f);
          profilesOut[svc] = {
            server: {
              ssl: {
                enabled: true, certFile: refOf(cert), keyFile: refOf(key), cacertFile: refOf(caFile),
                clientAuth: str(ssl.clientAuth) ?? 'want',
              },
            },
            http: { cacertFile: refOf(caFile), clientCertFile: refOf(cert), clientKeyFile: refOf(key) },
          };
          continue;
        }
        const okhttp = okHttpClientOf(p)?.block ?? {};
        const val = (o: Record<string, unknown>, k: string) => o[k] ?? o[JAVA_SERVER_KEYS[k]];
        const ks = placeOf(val(ssl, 'key-store'), sec(`${svc}.p12`));
        const ksPw = passwordPlace(val(ssl, 'key-store-password'), sec(`${svc}-keystore-password`));
        const password = await kit.keystore(
          leaf, `${svc}.p12`, svc, svc, `${svc} (Java): server and client certificate for ${host} (serverAuth + clientAuth)`, ksPw.clear,
        );
        put(ks, ns, `${svc}.p12`);
        // A password written in clear in the SpinnakerService is kept (the keystore uses it) but not copied into
        // profiles.yaml: the profile takes it from the Secret, like every other password.
        put(ksPw.place, ns, undefined, password);
        const clientKs = placeOf(val(okhttp, 'key-store'), ks);
        if (refOf(clientKs) !== refOf(ks)) put(clientKs, ns, `${svc}.p12`);
        const clientKsPw = passwordPlace(val(okhttp, 'key-store-password'), ksPw.place);
        if (refOf(clientKsPw.place) !== refOf(ksPw.place)) put(clientKsPw.place, ns, undefined, password);
        const tsPlaces = [placeOf(val(ssl, 'trust-store'), sec('truststore.p12')), placeOf(val(okhttp, 'trust-store'), sec('truststore.p12'))];
        const tsPws = [
          passwordPlace(val(ssl, 'trust-store-password'), sec('truststore-password')),
          passwordPlace(val(okhttp, 'trust-store-password'), sec('truststore-password')),
        ];
        if (!truststoreMade) {
          truststorePassword = await kit.truststore(
            [ca], 'truststore.p12', 'truststore', 'The CA every Java service trusts (Spinnaker mTLS guide, "What you need")',
            tsPws.find((x) => x.clear)?.clear,
          );
          truststoreMade = true;
        }
        for (const pl of tsPlaces) put(pl, ns, 'truststore.p12');
        for (const pw of tsPws) put(pw.place, ns, undefined, truststorePassword);
        if ([ksPw, clientKsPw, ...tsPws].some((x) => x.clear !== undefined)) clearPasswords.add(svc);
        const javaSide = (keyStore: Place, keyPw: { place: Place; clear?: string }, trust: Place, trustPw: { place: Place; clear?: string }) => ({
          'key-store': refOf(keyStore), 'key-store-type': 'PKCS12', 'key-store-password': refOf(keyPw.place, true),
          'trust-store': refOf(trust), 'trust-store-type': 'PKCS12', 'trust-store-password': refOf(trustPw.place, true),
        });
        profilesOut[svc] = {
          server: { ssl: { enabled: true, ...javaSide(ks, ksPw, tsPlaces[0], tsPws[0]), 'client-auth': str(val(ssl, 'client-auth')) ?? 'want' } },
          'ok-http-client': javaSide(clientKs, clientKsPw, tsPlaces[1], tsPws[1]),
        };
      }
      if (!services.length) {
        kit.note(
          'No service of the SpinnakerService has `server.ssl`: add a profile with `server.ssl.enabled: true` for each service to secure '
            + '(Spinnaker mTLS guide, "Configuring Java services").',
        );
      }
    }
    for (const [name, s] of secrets) {
      kit.opaqueSecret(`${name}.yaml`, {
        name, namespace: s.namespace, files: s.files, values: s.values,
        purpose: `Secret ${name}: the keystores, certificates and passwords the profiles refer to (\`encryptedFile:k8s!n:${name}!k:…\`).`,
      });
    }
    for (const c of toCopy) kit.note(`Copy ${c} (a path in the profiles, not a Secret).`);
    if (clearPasswords.size) {
      kit.note(
        `The passwords written in clear for ${[...clearPasswords].join(', ')} are kept (the keystores use them) but not copied into `
          + `profiles.yaml: it takes them from the Secret (\`encrypted:k8s!n:…\`); remove the clear-text values from the SpinnakerService.`,
      );
    }
    if (Object.keys(profilesOut).length) {
      kit.snippet(
        'profiles.yaml',
        '# spec.spinnakerConfig.profiles of the SpinnakerService, with the files of this folder (Spinnaker mTLS guide). '
          + 'Roll out with client-auth: want, then need.\n'
          + `${stringify({ spec: { spinnakerConfig: { profiles: profilesOut } } }, { lineWidth: 0 })}`,
        'profiles',
        'The profiles that use these files, to merge into the SpinnakerService '
          + '(Spinnaker mTLS guide, "Configuring Java services", "Configuring Golang services").',
      );
    }
  },
};

export const spinnaker: Product = {
  id: 'spinnaker',
  title: 'Spinnaker (Armory operator)',
  guide: `${GUIDES.spinnaker} (Armory, "Configure mTLS for Spinnaker Services")`,
  summary: 'A SpinnakerService configures each service\'s server TLS (Java services with Spring Boot key-stores and trust-stores, Go services Dinghy and Terraformer with PEM files), its client certificate, its `baseUrl` and its readiness probe.',
  schemas: { spinnaker: 'spinnakerservice.schema.json' },
  kinds: [{ apiVersion: /^spinnaker(\.armory)?\.io\/v1alpha2$/, kinds: ['SpinnakerService'], schema: SCHEMA }],
  refs(d, out) {
    const { json, doc } = d;
    const ns = str(obj(json.metadata)?.namespace);
    const profiles = profilesOf(json);
    for (const [svc, p] of Object.entries(profiles)) {
      const base = [...PROFILES_PATH, svc];
      const ssl = obj(obj(obj(p)?.server)?.ssl) ?? {};
      const http = obj(obj(p)?.http) ?? {};
      const client = okHttpClientOf(p);
      const okhttp = client?.block ?? {};
      const g = (s: string) => `d${d.index}:${svc}-${s}`;
      // A server certificate must cover the host other services reach it at (its baseUrl).
      const urlPath = ['spec', 'spinnakerConfig', 'service-settings', svc, 'baseUrl'];
      const url = located(doc, urlPath, get(json, urlPath));
      const host = serviceHost(json, svc);
      const hosts = [{ value: host, span: url?.span }];
      const push = (path: PathSegment[], v: unknown, role: Role, group: string, via: string, store?: ReturnType<typeof storePasswords>, issues?: Issues) => {
        const l = located(doc, path, v);
        if (!l) return;
        const t = spinnakerTarget(l.value);
        const serve = role === 'serve' && side(path) === 'server';
        out.references.push({
          kind: t.kind, span: l.span, target: t.target, key: t.key, namespace: ns, role, group: g(group), via, ...(store ? { store } : {}),
          ...(issues ? { issues } : {}), ...(serve ? { hosts: hosts.map((h) => ({ value: h.value, span: h.span ?? l.span })) } : {}),
        });
      };
      // Go: PEM files.
      push([...base, 'server', 'ssl', 'certFile'], ssl.certFile, 'serve', 'server', `${svc} server.ssl.certFile`);
      push([...base, 'server', 'ssl', 'keyFile'], ssl.keyFile, 'serve-key', 'server', `${svc} server.ssl.keyFile`);
      // A Go service's CA must have issued its peers' certificates, as it did its own (the same group's).
      push([...base, 'server', 'ssl', 'cacertFile'], ssl.cacertFile, 'ca', 'server', `${svc} server.ssl.cacertFile`, undefined, { group: true });
      push([...base, 'http', 'clientCertFile'], http.clientCertFile, 'client', 'client', `${svc} http.clientCertFile`);
      push([...base, 'http', 'clientKeyFile'], http.clientKeyFile, 'client-key', 'client', `${svc} http.clientKeyFile`);
      push([...base, 'http', 'cacertFile'], http.cacertFile, 'ca', 'client', `${svc} http.cacertFile`, undefined, { group: true });
      // Java: PKCS#12/JKS stores, read for their certificates (never their keys), in either spelling.
      const java = (o: Record<string, unknown>, key: string) => (o[key] !== undefined ? key : JAVA_SERVER_KEYS[key]);
      for (const [where, o, role, group] of [['server.ssl', ssl, 'serve', 'java-server'], ['ok-http-client', okhttp, 'client', 'java-client']] as const) {
        const written = where === 'server.ssl' ? where : (client?.key ?? where);
        const path = where === 'server.ssl' ? [...base, 'server', 'ssl'] : [...base, written];
        const ks = java(o, 'key-store');
        const ts = java(o, 'trust-store');
        push([...path, ks], o[ks], role, group, `${svc} ${written}.${ks}`, storePasswords(o[java(o, 'key-store-password')]));
        push([...path, ts], o[ts], 'ca', group, `${svc} ${written}.${ts}`, storePasswords(o[java(o, 'trust-store-password')]));
      }
    }
  },
  constraints: [
    {
      kind: 'requires', name: 'java-keystore', schema: 'spinnaker', severity: 'error', relativeTo: PROFILE,
      when: { path: `${PROFILE}.server.ssl.enabled`, equals: [true] }, except: { svc: GO_SERVICES },
      then: ['key-store', 'key-store-type', 'key-store-password'].map((k) => ({
        path: `${PROFILE}.server.ssl.${k}`, alternatives: [`${PROFILE}.server.ssl.${JAVA_SERVER_KEYS[k]}`],
      })),
      description: 'A Java service with `server.ssl.enabled: true` and no `key-store`, `key-store-type` or `key-store-password`: Spring Boot fails to start its HTTPS connector.',
      citation: `${SECTION}, "Configuring Java services"`,
      message: "{{svc}} has server.ssl.enabled: true but no {{missing}}: the service cannot start HTTPS.",
      fixText: 'Add the keystore, its type (`PKCS12` or `JKS`) and its password under `server.ssl` (the guide\'s `[service].p12` and `[SERVICE]_KEY_PASS`); `tls-lens generate bundle spinnaker` makes them.',
    },
    {
      kind: 'requires', name: 'java-truststore', schema: 'spinnaker', severity: 'error', relativeTo: PROFILE,
      when: {
        path: `${PROFILE}.server.ssl.client-auth`, alternatives: [`${PROFILE}.server.ssl.clientAuth`], equals: ['need', 'want'], ci: true,
      },
      except: { svc: GO_SERVICES },
      then: ['trust-store', 'trust-store-type', 'trust-store-password'].map((k) => ({
        path: `${PROFILE}.server.ssl.${k}`, alternatives: [`${PROFILE}.server.ssl.${JAVA_SERVER_KEYS[k]}`],
      })),
      description: 'A Java service that asks for client certificates (`client-auth: need` or `want`) without a `trust-store`, its type and password: no client certificate can be verified.',
      citation: `${SECTION}, "Configuring Java services"`,
      message: '{{svc}} asks for client certificates ({{value}}) but has no {{missing}}: it cannot verify them.',
      fixText: 'Add the truststore holding the CA (`truststore.p12`), its type and its password under `server.ssl`.',
    },
    {
      kind: 'requires', name: 'go-cert-file', schema: 'spinnaker', severity: 'error', relativeTo: PROFILE,
      when: { path: `${PROFILE}.server.ssl.enabled`, equals: [true] }, only: { svc: GO_SERVICES },
      then: [{ path: `${PROFILE}.server.ssl.certFile` }],
      description: 'A Go service (Dinghy, Terraformer) with `server.ssl.enabled: true` and no `certFile`: it has no certificate to serve.',
      citation: `${SECTION}, "Configuring Golang services"`,
      message: '{{svc}} has server.ssl.enabled: true but no {{missing}}: a Go service serves the PEM certificate in certFile.',
      fixText: 'Add `certFile` (and `keyFile` unless the key is in the same PEM) pointing at `[service].crt`.',
    },
    {
      kind: 'requires', name: 'tcp-probe', schema: 'spinnaker', severity: 'warning', relativeTo: PROFILE,
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
    'Java services (every service but Dinghy and Terraformer) serve HTTPS from a PKCS#12 or JKS `key-store` with its type and password, and verify clients with a `trust-store` (Spinnaker mTLS guide, "Configuring Java services"); Spring accepts kebab-case and camelCase keys.',
    'Go services (Dinghy, Terraformer) serve PEM files: `certFile`, `keyFile`, `cacertFile`, `clientAuth`; their client side is `http.clientCertFile` / `clientKeyFile` (Spinnaker mTLS guide, "Configuring Golang services").',
    'The server certificate is also the service\'s client certificate: it needs serverAuth and clientAuth (Spinnaker mTLS guide, "What you need").',
    'Roll out with `client-auth: want`, then `need` once every service presents a client certificate (Spinnaker mTLS guide, last paragraph).',
    '`need` requires a TCP readiness probe (`useTcpProbe: true`) and `https://` baseUrls on the standard ports (Spinnaker mTLS guide, "Changing readiness probe", "Changing service endpoints").',
  ],
  bundle,
};
