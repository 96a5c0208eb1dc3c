/**
 * certctl, certctl Helm chart guide and its readiness-probe fix: an HTTPS-only server
 * (TLS from an existing Secret or a cert-manager Certificate), API-key auth, a local or ACME issuer.
 */
import { has, located, obj } from './json';
import type { Product } from './types';
import { GUIDES } from './guides';

const SECTION = GUIDES.certctl;
const ACME = 'server.issuer.acme';

export const certctl: Product = {
  id: 'certctl',
  title: 'certctl',
  guide: `${GUIDES.certctl} and its readiness-probe fix (U-2)`,
  summary: 'certctl\'s server is HTTPS-only (since v2.2): its chart needs a TLS source, probes over HTTPS on the routes the server registers, real secrets instead of the README\'s placeholders, and a complete ACME issuer when it is enabled.',
  schemas: { certctl: 'certctl-values.schema.json' },
  values: {
    schema: 'certctl',
    recognise(json) {
      const server = obj(json.server);
      const auth = obj(server?.auth);
      const issuer = obj(server?.issuer);
      const keys: string[] = [];
      if (auth && ['type', 'apiKey', 'existingSecret'].some((k) => auth[k] !== undefined)) keys.push('server.auth');
      if (issuer && (issuer.local !== undefined || issuer.acme !== undefined)) keys.push('server.issuer');
      if (keys.length === 0 && server && obj(json.postgresql) && obj(json.agent)
        && (has(json, 'server.tls') || has(json, 'agent.discoveryDirs'))) keys.push('server', 'postgresql', 'agent');
      return keys.length ? keys : undefined;
    },
  },
  refs(d, out) {
    const tls = obj(obj(d.json.server)?.tls);
    const existing = located(d.doc, ['server', 'tls', 'existingSecret'], tls?.existingSecret);
    if (existing) {
      out.references.push({
        kind: 'secret', span: existing.span, target: existing.value, key: 'tls.crt', role: 'serve', group: `d${d.index}:server`,
        via: 'server.tls.existingSecret',
      });
    }
  },
  constraints: [
    {
      kind: 'value', name: 'readiness-path', schema: 'certctl', severity: 'warning',
      path: 'server.readinessProbe.httpGet.path', expect: '/ready',
      description: 'A readiness probe on a path the certctl server does not register (`/readyz`): it gets 401 or 404 and pods never become Ready.',
      citation: `${SECTION}, U-2 fix ("server.readinessProbe.httpGet.path changed from /readyz to /ready": only /health and /ready are registered and bypass auth)`,
      message: "The readiness probe asks for '{{value}}', which the certctl server does not serve (only /health and /ready, without auth): it gets 401 or 404 and the pods never become Ready.",
      fixText: 'Probe `/ready` (the quick fix sets it); the liveness probe uses `/health`.',
    },
    {
      kind: 'requires', name: 'probe-scheme', schema: 'certctl', severity: 'warning',
      when: { path: 'server.{probe}.httpGet.port', equals: ['https', 8443], ci: true }, only: { probe: ['livenessProbe', 'readinessProbe', 'startupProbe'] },
      then: [{ path: 'server.{probe}.httpGet.scheme', value: 'HTTPS', insert: 'HTTPS' }],
      description: 'A probe on the TLS port without `scheme: HTTPS`: the kubelet speaks plain HTTP to the HTTPS-only server and the probe fails.',
      citation: `${SECTION}, U-2 fix (the server is HTTPS-only since v2.2; Helm probes use scheme: HTTPS)`,
      message: 'The {{probe}} targets the TLS port but {{missing}} is not HTTPS: the kubelet speaks HTTP to an HTTPS-only server and the probe fails.',
      fixText: 'Set `httpGet.scheme: HTTPS` on probes of the `https` port (the quick fix does it).',
    },
    {
      kind: 'placeholder', name: 'placeholder-secret', schema: 'certctl', severity: 'warning',
      paths: [
        { path: 'server.auth.apiKey', unless: { path: 'server.auth.existingSecret' } },
        { path: 'postgresql.auth.password', unless: { path: 'postgresql.auth.existingSecret' } },
        { path: 'server.smtp.password', when: { path: 'server.smtp.enabled', equals: [true] } },
      ],
      placeholders: ['change-me', 'changeme', 'your-secure-api-key', 'your-api-key', 'your-password', 'your-secure-password', 'password', 'smtp-password'],
      description: 'An API key or password left empty or at a value from the chart\'s README (`change-me`, `your-api-key`, `your-password`): the schema accepts any string, an attacker guesses this one.',
      citation: `${SECTION}, Quick Start and "Security Considerations" (generate keys with openssl rand -base64 32; never commit them)`,
      message: '{{path}} is {{what}}: generate a real secret (openssl rand -base64 32) and keep it out of Git (an existing Secret, sealed-secrets).',
      fixText: 'Generate a secret (`openssl rand -base64 32`), store it in a Secret and reference it (`server.auth.existingSecret`), or pass it with `--set` from your secret store.',
    },
    {
      kind: 'scheme', name: 'acme-https', schema: 'certctl', severity: 'warning',
      path: `${ACME}.directoryURL`, scheme: 'https', when: { path: `${ACME}.enabled`, equals: [true] },
      description: 'An ACME issuer whose `directoryURL` is not https: the ACME directory must be served over HTTPS (RFC 8555 §6.1).',
      citation: `${SECTION}, "Example 3: ACME + Let's Encrypt"; RFC 8555 §6.1`,
      message: "The ACME directoryURL '{{value}}' is not https: ACME requires HTTPS (RFC 8555 §6.1).",
      fixText: 'Use the https:// directory URL, e.g. `https://acme-v02.api.letsencrypt.org/directory`.',
    },
    {
      kind: 'requires', name: 'acme-settings', schema: 'certctl', severity: 'warning',
      when: { path: `${ACME}.enabled`, equals: [true] },
      then: [{ path: `${ACME}.directoryURL` }, { path: `${ACME}.email` }],
      description: 'The ACME issuer is enabled without a `directoryURL` or an account `email`.',
      citation: `${SECTION}, "Server Configuration" (issuer.acme) and "Example 3: ACME + Let's Encrypt"`,
      message: 'The ACME issuer is enabled but {{missing}} is not set: certctl cannot register an ACME account.',
      fixText: 'Set `directoryURL` (Let\'s Encrypt: `https://acme-v02.api.letsencrypt.org/directory`) and the account `email`.',
    },
    {
      kind: 'requires', name: 'acme-dns01-scripts', schema: 'certctl', severity: 'warning',
      when: { path: `${ACME}.challengeType`, equals: ['dns-01'] },
      then: [{ path: `${ACME}.dnsPresentScript` }, { path: `${ACME}.dnsCleanupScript` }],
      description: 'ACME DNS-01 without `dnsPresentScript` and `dnsCleanupScript`: certctl cannot publish or remove the TXT record.',
      citation: `${SECTION}, "Example 3: ACME + Let's Encrypt" (challengeType: dns-01 with dnsPresentScript and dnsCleanupScript)`,
      message: 'challengeType is dns-01 but {{missing}} is not set: certctl cannot publish the challenge TXT record (or clean it up).',
      fixText: 'Set `dnsPresentScript` and `dnsCleanupScript` to scripts mounted into the server (see the chart\'s values-acme-dns01.yaml).',
    },
    {
      kind: 'requires', name: 'acme-dns-persist-script', schema: 'certctl', severity: 'warning',
      when: { path: `${ACME}.challengeType`, equals: ['dns-persist-01'] },
      then: [{ path: `${ACME}.dnsPresentScript` }],
      description: 'ACME dns-persist-01 without `dnsPresentScript`: certctl cannot publish the persistent record.',
      citation: `${SECTION}, "Server Configuration" (challengeType http-01, dns-01, dns-persist-01)`,
      message: 'challengeType is dns-persist-01 but {{missing}} is not set: certctl cannot publish the persistent challenge record.',
      fixText: 'Set `dnsPresentScript`.',
    },
    {
      kind: 'exactlyOne', name: 'tls-source', schema: 'certctl', severity: 'error',
      paths: ['server.tls.existingSecret', 'server.tls.certManager.enabled'], at: 'server',
      description: 'Neither or both of `server.tls.existingSecret` and `server.tls.certManager.enabled`: the HTTPS-only server has no certificate (or two), and `helm template` fails.',
      citation: `${SECTION}, values.yaml "TLS configuration — REQUIRED … EXACTLY ONE of (a) server.tls.existingSecret (b) server.tls.certManager.enabled"`,
      message: '{{which}}: certctl is HTTPS-only and needs exactly one TLS source; `helm template` fails otherwise (with the chart\'s defaults, an unset value here is unset).',
      fixText: 'Set `server.tls.existingSecret` to a `kubernetes.io/tls` Secret, or `server.tls.certManager.enabled: true` with an issuer, not both. '
        + "The chart's own values.yaml leaves both unset on purpose: there the finding is information, saying what an install must set.",
      chartDefaults: {
        severity: 'information',
        message: "{{which}} in the chart's defaults, on purpose: an install must set exactly one, `server.tls.existingSecret` "
          + '(a kubernetes.io/tls Secret) or `server.tls.certManager.enabled: true`, in its own values file (`-f`) or with `--set`; '
          + 'certctl is HTTPS-only and `helm template` fails without.',
      },
    },
    {
      kind: 'renewal', name: 'cert-manager-renewal', schema: 'certctl', severity: 'error',
      pairs: [{ duration: 'server.tls.certManager.duration', renewBefore: 'server.tls.certManager.renewBefore' }],
      description: 'The cert-manager Certificate certctl creates has `renewBefore` not shorter than `duration` (cert-manager rejects it), a duration under 1 h, or a renewBefore under 5 min.',
      citation: `${SECTION}, server.tls.certManager (duration, renewBefore); cert-manager Certificate validation`,
      message: '{{problem}}',
      fixText: 'Keep `renewBefore` well below `duration` (the chart\'s default: 2160h and 360h).',
    },
  ],
  // The kubelet's probe events (kubernetes pkg/probe/http/http.go "HTTP probe failed with statuscode: %d", pkg/kubelet/prober/prober.go
  // "%s probe failed: %s") and Go net/http's answer to plain HTTP on a TLS port, for the faults of the guide's U-2 fix.
  errors: [
    {
      id: 'certctl/probe-plain-http',
      ecosystem: 'certctl (Kubernetes probes)',
      pattern: /(?:Liveness|Readiness|Startup) probe failed: HTTP probe failed with statuscode: 400|Client sent an HTTP request to an HTTPS server/,
      citation: 'kubernetes pkg/probe/http/http.go, pkg/kubelet/prober/prober.go; Go net/http server.go (400 "Client sent an HTTP request to an HTTPS server.")',
      examples: [
        { message: 'Warning  Unhealthy  12s (x3 over 32s)  kubelet  Liveness probe failed: HTTP probe failed with statuscode: 400' },
        { message: 'HTTP/1.0 400 Bad Request\n\nClient sent an HTTP request to an HTTPS server.' },
      ],
      causes: [{
        id: 'certctl-probe-http',
        summary: 'A probe speaks plain HTTP to certctl\'s HTTPS-only server (HTTPS-only since v2.2, TLS 1.3 pinned): Go answers 400 and the pod never becomes healthy.',
        fixText: 'Give the probe `httpGet.scheme: HTTPS` (a Docker HEALTHCHECK: `curl -fsk https://localhost:8443/health`).',
        citation: `${SECTION}, U-2 fix (HEALTHCHECK and probes over HTTPS)`,
      }],
      rules: ['certctl/probe-scheme'],
    },
    {
      id: 'certctl/readiness-path',
      ecosystem: 'certctl (Kubernetes probes)',
      pattern: /Readiness probe failed: HTTP probe failed with statuscode: 40[14]/,
      citation: 'kubernetes pkg/probe/http/http.go, pkg/kubelet/prober/prober.go',
      examples: [{ message: 'Warning  Unhealthy  5s (x12 over 2m)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 404' }],
      causes: [{
        id: 'certctl-readiness-path',
        summary: 'The readiness probe asks for `/readyz`, which certctl does not serve (only `/health` and `/ready` bypass the API-key check): 404, or 401 with auth on; the pod stays NotReady and Helm rollouts stall.',
        fixText: 'Set `server.readinessProbe.httpGet.path: /ready` (and keep `scheme: HTTPS`).',
        citation: `${SECTION}, U-2 fix ("server.readinessProbe.httpGet.path changed from /readyz to /ready")`,
      }],
      rules: ['certctl/readiness-path'],
    },
  ],
  knows: [
    'The server is HTTPS-only: exactly one of `server.tls.existingSecret` and `server.tls.certManager.enabled` (certctl Helm chart guide, values.yaml "TLS configuration — REQUIRED").',
    'Probes use `/health` (liveness) and `/ready` (readiness) over HTTPS; `/readyz` is not served (certctl Helm chart guide, U-2).',
    '`server.auth.apiKey`, `postgresql.auth.password` and `server.smtp.password` must not keep the README\'s placeholders (certctl Helm chart guide, Quick Start, "Security Considerations").',
    'An enabled ACME issuer needs an https `directoryURL` and an `email`; DNS-01 needs `dnsPresentScript` and `dnsCleanupScript` (certctl Helm chart guide, "Example 3").',
  ],
};
