import type { Rule } from '../types';
import { keySpanOf, valueSpanOf } from '../../model/yamlPaths';
import { obj, str } from '../../products/json';
import { GO_SERVICES, JAVA_SERVER_KEYS, okHttpClientOf, PROFILES_PATH, profilesOf, SCHEMA } from '../../products/spinnaker';
import { replaceValue } from '../../model/yamlEdit';
import { someOf } from '../../util/list';

/** Profiles that are not a service of their own: `spinnaker` applies to every Java service; Deck serves no TLS. */
const NOT_A_SERVICE = new Set(['spinnaker', 'deck']);

export const rule: Rule = {
  meta: {
    id: 'spinnaker/mtls-rollout',
    appliesTo: 'yaml',
    severity: 'warning',
    description: 'A service requires client certificates (`client-auth: need`) while another service of the same SpinnakerService presents none (no ok-http-client key-store, no http.clientCertFile): its calls will be rejected. Roll out with `want` first.',
    citation: 'Spinnaker mTLS guide, last paragraph ("roll out mTLS without interruption by making the client certificate optional (want) … then … need") and "Needed for all Java services"',
    messages: { noClientCert: "{{svc}} presents no client certificate ({{missing}}), but {{needing}} require{{s}} one (client-auth: need): {{needing}} will reject {{svc}}'s calls. Give {{svc}} a client certificate, or set want until every service has one." },
    fixable: true,
  },
  check(ctx) {
    for (const d of ctx.model.yaml?.documents ?? []) {
      if (d.schema?.entry?.id !== SCHEMA) continue;
      const profiles = profilesOf(d.json);
      const shared = obj(profiles.spinnaker);
      const needing: { svc: string; path: (string | number)[]; key: string }[] = [];
      for (const [svc, p] of Object.entries(profiles)) {
        if (NOT_A_SERVICE.has(svc)) continue;
        const ssl = obj(obj(obj(p)?.server)?.ssl) ?? {};
        for (const key of ['client-auth', 'clientAuth']) {
          if (str(ssl[key])?.toLowerCase() === 'need') needing.push({ svc, key, path: [...PROFILES_PATH, svc, 'server', 'ssl', key] });
        }
      }
      if (needing.length === 0) continue;
      for (const [svc, p] of Object.entries(profiles)) {
        if (NOT_A_SERVICE.has(svc)) continue;
        const others = needing.filter((n) => n.svc !== svc);
        if (others.length === 0) continue;
        const go = GO_SERVICES.includes(svc);
        // The service's own client block, else the shared profile's, in any spelling Spring binds.
        const client = okHttpClientOf(p) ?? okHttpClientOf(shared);
        const okhttp = client?.block ?? {};
        const hasClient = go
          ? str(obj(obj(p)?.http)?.clientCertFile) !== undefined
          : str(okhttp['key-store'] ?? okhttp[JAVA_SERVER_KEYS['key-store']]) !== undefined;
        if (hasClient) continue;
        const base = [...PROFILES_PATH, svc];
        const at = keySpanOf(d, [...base, go ? 'http' : (okHttpClientOf(p)?.key ?? 'ok-http-client')]) ?? keySpanOf(d, base);
        if (!at) continue;
        const names = others.map((n) => n.svc);
        const fixes = others.flatMap((n) => {
          const edit = replaceValue(ctx.model, d, n.path, 'want');
          return edit ? [{ title: `Set ${n.svc} server.ssl.${n.key} to want (roll out first)`, edits: [edit] }] : [];
        });
        ctx.report({
          span: at,
          messageId: 'noClientCert',
          data: { svc, missing: go ? 'no http.clientCertFile' : 'no ok-http-client.key-store', needing: someOf(names), s: names.length === 1 ? 's' : '' },
          related: others.flatMap((n) => {
            const s = valueSpanOf(d, n.path);
            return s ? [{ path: ctx.path, span: s, message: `${n.svc} requires client certificates` }] : [];
          }),
          ...(fixes.length ? { fix: { fixes } } : {}),
        });
      }
    }
  },
};
