import type { Rule } from '../types';
import { atLeast, eachDirective, nginxOf } from './helpers';

/** `listen` parameters of ngx_http_core_module, with the version that added (and removed) each. */
const PARAMETERS: { re: RegExp; name: string; since?: string; until?: string; why?: string }[] = [
  { re: /^default_server$/, name: 'default_server' },
  { re: /^default$/, name: 'default', until: '0.8.21', why: 'renamed default_server in 0.8.21' },
  { re: /^ssl$/, name: 'ssl', since: '0.7.14' },
  { re: /^http2$/, name: 'http2', since: '1.9.5' },
  { re: /^spdy$/, name: 'spdy', since: '1.3.15', until: '1.9.5', why: 'SPDY was replaced by HTTP/2 in 1.9.5: use "http2"' },
  { re: /^quic$/, name: 'quic', since: '1.25.0' },
  { re: /^proxy_protocol$/, name: 'proxy_protocol', since: '1.5.12' },
  { re: /^setfib=\d+$/, name: 'setfib=' },
  { re: /^fastopen=\d+$/, name: 'fastopen=', since: '1.5.8' },
  { re: /^backlog=-?\d+$/, name: 'backlog=' },
  { re: /^rcvbuf=\d+[kKmM]?$/, name: 'rcvbuf=' },
  { re: /^sndbuf=\d+[kKmM]?$/, name: 'sndbuf=' },
  { re: /^accept_filter=\S+$/, name: 'accept_filter=' },
  { re: /^deferred$/, name: 'deferred' },
  { re: /^bind$/, name: 'bind' },
  { re: /^ipv6only=(on|off)$/, name: 'ipv6only=' },
  { re: /^reuseport$/, name: 'reuseport', since: '1.9.1' },
  { re: /^so_keepalive=(on|off|\d*:\d*:\d*)$/, name: 'so_keepalive=' },
];

export const rule: Rule = {
  meta: {
    id: 'nginx/listen-parameter',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'A `listen` parameter nginx of the configured version does not know (`spdy` since 1.9.5, `quic` before 1.25.0, a typo): nginx -t fails with "invalid parameter" and nginx does not start.',
    citation: 'nginx ngx_http_core_module, listen; nginx CHANGES 1.9.5 (SPDY replaced by HTTP/2), 1.25.0 (QUIC)',
    messages: {
      unknown: 'invalid parameter "{{param}}" of listen: nginx refuses to start (nginx -t: invalid parameter).',
      removed: 'invalid parameter "{{param}}" of listen in nginx {{version}}: {{why}}; nginx refuses to start.',
      tooNew: 'invalid parameter "{{param}}" of listen in nginx {{version}}: it needs nginx {{since}}; nginx refuses to start.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    eachDirective(model, (d, context) => {
      if (d.name !== 'listen' || (context !== undefined && context !== 'server')) return;
      for (const a of d.args.slice(1)) {
        if (a.value.includes('$')) continue; // variables are not allowed here, but directive-args says so
        const p = PARAMETERS.find((x) => x.re.test(a.value));
        const version = model.settings.version;
        if (!p) { ctx.report({ span: a.span, messageId: 'unknown', data: { param: a.value } }); continue; }
        if (p.until && atLeast(model, p.until)) {
          const fix = p.name === 'spdy' ? { fix: { fixes: [{ title: 'Use "http2"', edits: [{ span: a.span, newText: 'http2' }] }] } } : {};
          ctx.report({ span: a.span, messageId: 'removed', data: { param: a.value, version, why: p.why ?? `removed in ${p.until}` }, ...fix });
        } else if (p.since && !atLeast(model, p.since)) {
          ctx.report({ span: a.span, messageId: 'tooNew', data: { param: a.value, version, since: p.since } });
        }
      }
    });
  },
};
