import type { Rule } from '../types';
import { keySpanOf } from '../../model/yamlPaths';
import { obj } from '../../products/json';
import { GO_SERVICES, okHttpClientOf, PROFILES_PATH, profilesOf, SCHEMA } from '../../products/spinnaker';

/** Java server keys (both spellings) a Go service does not read; clientAuth is Go's own key too. */
const JAVA_ONLY = new Set([
  'key-store', 'keyStore', 'key-store-type', 'keyStoreType', 'key-store-password', 'keyStorePassword', 'key-alias', 'keyAlias', 'key-password',
  'trust-store', 'trustStore', 'trust-store-type', 'trustStoreType', 'trust-store-password', 'trustStorePassword', 'client-auth',
]);
/** Go server keys a Java service does not read, and what does the same there. */
const GO_ONLY: Readonly<Record<string, string>> = {
  certFile: 'key-store (a PKCS#12 keystore)', keyFile: 'key-store (the key is inside the keystore)', cacertFile: 'trust-store',
};
const GO_FOR_JAVA: Readonly<Record<string, string>> = {
  'key-store': 'certFile and keyFile (PEM)', keyStore: 'certFile and keyFile (PEM)',
  'trust-store': 'cacertFile', trustStore: 'cacertFile', 'client-auth': 'clientAuth',
};

export const rule: Rule = {
  meta: {
    id: 'spinnaker/wrong-service-keys',
    appliesTo: 'yaml',
    severity: 'error',
    description: 'Java TLS keys on a Go service (Dinghy, Terraformer), or Go keys on a Java service: the service ignores them and serves (or calls) without the TLS set-up they describe.',
    citation: 'Spinnaker mTLS guide, "What you need" (service types), "Configuring Java services", "Configuring Golang services"',
    messages: {
      javaOnGo: "{{svc}} is a Go service: it does not read '{{key}}' (a Java setting). Use {{right}}.",
      goOnJava: "{{svc}} is a Java service: it does not read '{{key}}' (a Go setting). Use {{right}}.",
      client: "{{svc}} is a {{lang}} service: its client side is {{right}}, not '{{key}}'.",
    },
  },
  check(ctx) {
    for (const d of ctx.model.yaml?.documents ?? []) {
      if (d.schema?.entry?.id !== SCHEMA) continue;
      const profiles = profilesOf(d.json);
      for (const [svc, p] of Object.entries(profiles)) {
        const go = GO_SERVICES.includes(svc);
        const base = [...PROFILES_PATH, svc];
        const ssl = obj(obj(obj(p)?.server)?.ssl) ?? {};
        for (const key of Object.keys(ssl)) {
          const span = keySpanOf(d, [...base, 'server', 'ssl', key]);
          if (!span) continue;
          if (go && JAVA_ONLY.has(key)) {
            ctx.report({ span, messageId: 'javaOnGo', data: { svc, key, right: GO_FOR_JAVA[key] ?? 'certFile, keyFile, cacertFile and clientAuth' } });
          }
          if (!go && GO_ONLY[key]) ctx.report({ span, messageId: 'goOnJava', data: { svc, key, right: GO_ONLY[key] } });
        }
        const wrongClient = go ? (okHttpClientOf(p)?.key ?? 'ok-http-client') : 'http';
        const span = obj(p)?.[wrongClient] !== undefined ? keySpanOf(d, [...base, wrongClient]) : undefined;
        if (span && (go || obj(obj(p)?.http)?.clientCertFile !== undefined || obj(obj(p)?.http)?.cacertFile !== undefined)) {
          const right = go ? 'http.clientCertFile, http.clientKeyFile and http.cacertFile' : 'ok-http-client.key-store and ok-http-client.trust-store';
          ctx.report({ span, messageId: 'client', data: { svc, lang: go ? 'Go' : 'Java', key: wrongClient, right } });
        }
      }
    }
  },
};
