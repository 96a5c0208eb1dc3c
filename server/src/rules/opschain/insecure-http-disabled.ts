import type { Rule } from '../types';
import { get, parsePath } from '../../products/json';
import { evaluate } from '../../products/constraints';
import { opschain } from '../../products/opschain';
import { coversHost } from '../../x509/hostname';
import { refsOf } from '../../products/refs';
import { replaceValue } from '../../model/yamlEdit';
import { valueSpanOf } from '../../model/yamlPaths';

export const rule: Rule = {
  meta: {
    id: 'opschain/insecure-http-disabled',
    appliesTo: 'yaml',
    severity: 'warning',
    description: "`env.OPSCHAIN_INSECURE_HTTP_PORT_ENABLED: false` while the same file shows HTTPS to the API broken (hostnames that disagree, the vault on the API's hostname, no API certificate, or one that does not cover the API hostname): nothing would reach OpsChain.",
    citation: 'OpsChain TLS guide, "Disabling the insecure HTTP listener" ("Only disable the insecure HTTP listener after ensuring you can reach the API, UI and secret vault via HTTPS")',
    messages: { disabled: 'The insecure HTTP listener is disabled, but HTTPS to the API is broken here: {{why}}. Disabling HTTP now leaves no way in.' },
    fixable: true,
  },
  check(ctx) {
    for (const d of ctx.model.yaml?.documents ?? []) {
      if (d.schema?.entry?.id !== opschain.values?.schema || !d.json || typeof d.json !== 'object') continue;
      const path = parsePath('env.OPSCHAIN_INSECURE_HTTP_PORT_ENABLED');
      const v = get(d.json, path);
      if (v !== false && String(v).toLowerCase() !== 'false') continue;
      const why: string[] = [];
      const related: { path: string; span: { start: number; end: number }; message: string }[] = [];
      for (const c of opschain.constraints.filter((x) => x.name === 'api-hostname' || x.name === 'vault-hostname')) {
        for (const r of evaluate(c, d, ctx.model)) {
          why.push(c.name === 'api-hostname' ? 'api.hostName and env.OPSCHAIN_API_HOST_NAME differ' : 'the secret vault uses the API hostname');
          related.push({ path: ctx.path, span: r.span, message: `opschain/${c.name}` });
        }
      }
      const useCertManager = get(d.json, ['useCertManager']);
      const secret = get(d.json, ['api', 'certificateSecretName']);
      if ((useCertManager === false || String(useCertManager) === 'false') && !secret) {
        why.push('useCertManager is false and api.certificateSecretName is empty (no API certificate)');
      }
      // The API certificate in the workspace must cover the API hostname.
      const apiRef = refsOf(ctx.model).references.find((r) =>
        r.via === 'api.certificateSecretName' && r.span.start >= d.span.start && r.span.end <= d.span.end);
      const leaf = apiRef && ctx.workspace?.resolve(apiRef, ctx.path)?.certs[0];
      const host = apiRef?.hosts?.[0];
      if (leaf && host && !coversHost(leaf.cert.ext.san, host.value)) {
        why.push(`the API certificate does not cover ${host.value}`);
        related.push({ path: leaf.path, span: leaf.span, message: 'the API certificate' });
      }
      const span = valueSpanOf(d, path);
      if (!why.length || !span) continue;
      const edit = replaceValue(ctx.model, d, path, true);
      const fix = edit ? { fix: { fixes: [{ title: 'Keep the HTTP listener until HTTPS works (true)', edits: [edit] }] } } : {};
      ctx.report({ span, messageId: 'disabled', data: { why: why.join('; ') }, related, ...fix });
    }
  },
};
