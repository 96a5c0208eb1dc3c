import type { NginxDirective, NginxModel, ServerBlock } from '../../model/nginx';
import type { Rule } from '../types';
import { insertLineAfter, nginxOf, serverAnchor } from './helpers';

const on = (list: readonly NginxDirective[]) => list.at(-1)?.args[0]?.value === 'on';
const returns421 = (list: readonly NginxDirective[]) => list.some((d) => d.name === 'return' && d.args[0]?.value === '421');

/** A default server: one of its listens says `default_server` (or the older `default`). */
const isDefault = (s: ServerBlock) => s.listens.some((l) => l.directive.args.some((a) => a.value === 'default_server' || a.value === 'default'));

/** HTTP/2 in a server: `http2 on` (its own, else http {}'s), or `listen … http2` on one of its ports (the parameter is the socket's). */
function speaksHttp2(model: NginxModel, s: ServerBlock): boolean {
  if (s.get('http2').length) return on(s.get('http2'));
  const ports = new Set(s.listens.map((l) => l.port));
  return model.servers.some((o) => o.listens.some((l) => l.http2 && ports.has(l.port)));
}

/** Every request answered 421: `return 421` in the server itself, or in its `location /` (a prefix location, which every path reaches). */
function answers421(s: ServerBlock): boolean {
  if (returns421(s.get('return'))) return true;
  return s.get('location').some((l) => l.args.length === 1 && l.args[0].value === '/' && returns421(l.block ?? []));
}

export const rule: Rule = {
  meta: {
    id: 'nginx/http2-misdirected-request',
    appliesTo: 'nginx',
    severity: 'warning',
    description: 'A TLS default server that turns unknown names away with `ssl_reject_handshake on` and speaks HTTP/2 (`http2 on`, its own or http {}\'s, or `listen … http2`) but does not `return 421`: a browser reuses an HTTP/2 connection for another name the certificate covers, no new handshake happens, and a request nginx has no server_name for lands in the default server, which must answer 421 Misdirected Request so that the browser retries on a new connection. The 421 must answer every path (in the server, or in `location /`): a reused connection can carry a request for any path, so `location = /` alone, which Gixy-Next accepts, is not enough.',
    citation: 'RFC 9113 §9.1.1 (connection reuse); RFC 9110 §15.5.20 (421 Misdirected Request); nginx ngx_http_ssl_module, ssl_reject_handshake; Gixy-Next http2_misdirected_request',
    messages: {
      missing: 'This default server rejects unknown names with ssl_reject_handshake and speaks HTTP/2, but answers no request with 421: a request for another name that reaches it over a reused HTTP/2 connection gets this server\'s response instead of 421 Misdirected Request. Add "return 421;".',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const s of model.servers) {
      const reject = s.get('ssl_reject_handshake');
      if (!s.tls || !on(reject) || !isDefault(s) || !speaksHttp2(model, s) || answers421(s)) continue;
      const own = reject.at(-1)!;
      const at = !s.inherited(own) && model.isLocal(own) ? own : undefined;
      ctx.report({
        span: at ? at.span : serverAnchor(s).span,
        messageId: 'missing',
        ...(at ? { fix: { fixes: [{ title: 'Answer every request with 421', edits: [insertLineAfter(model, at, 'return 421;')] }] } } : {}),
      });
    }
  },
};
