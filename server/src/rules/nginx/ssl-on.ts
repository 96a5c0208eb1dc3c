import type { Rule } from '../types';
import { atLeast, named, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/ssl-on',
    appliesTo: 'nginx',
    severity: 'warning',
    description: '`ssl on;` — deprecated since nginx 1.15.0 and removed in 1.25.1 (an error from that version): use the `ssl` parameter of `listen`.',
    citation: 'nginx CHANGES 1.25.1 ("the ssl directive is removed"); ngx_http_ssl_module, ssl',
    messages: {
      removed: '"ssl on" was removed in nginx 1.25.1 (tlsLens.nginx.version is {{version}}): nginx refuses to start. Put "ssl" on the listen directive instead.',
      deprecated: '"ssl on" is deprecated (removed in 1.25.1): put "ssl" on the listen directive instead.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const removed = atLeast(model, '1.25.1');
    for (const d of named(model, 'ssl')) {
      if (d.args[0]?.value !== 'on') continue;
      const server = model.servers.find((s) => s.directive.block?.includes(d));
      const edits = [{ span: { start: d.span.start, end: d.span.end }, newText: '' }];
      for (const l of server?.listens ?? []) {
        if (l.ssl || !model.isLocal(l.directive)) continue;
        const at = l.directive.args[0]?.span.end ?? l.directive.nameSpan.end;
        edits.push({ span: { start: at, end: at }, newText: ' ssl' });
      }
      ctx.report({
        span: d.span,
        messageId: removed ? 'removed' : 'deprecated',
        data: { version: model.settings.version },
        ...(removed ? { severity: 'error' as const } : {}),
        fix: { fixes: [{ title: 'Replace "ssl on" with "listen … ssl"', edits: edits.sort((a, b) => b.span.start - a.span.start) }] },
      });
    }
  },
};
