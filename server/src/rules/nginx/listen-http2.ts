import type { Rule } from '../types';
import { atLeast, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/listen-http2',
    appliesTo: 'nginx',
    severity: 'information',
    description: 'The `http2` parameter of `listen`, deprecated from nginx 1.25.1 in favour of the `http2 on;` directive.',
    citation: 'nginx CHANGES 1.25.1; ngx_http_v2_module, http2',
    messages: { deprecated: 'The "http2" parameter of listen is deprecated since nginx 1.25.1 (tlsLens.nginx.version is {{version}}): use "http2 on;".' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model || !atLeast(model, '1.25.1')) return;
    for (const s of model.servers) {
      const hasDirective = s.get('http2').length > 0;
      for (const l of s.listens) {
        if (!l.http2 || !model.isLocal(l.directive)) continue;
        const remove = { span: { start: l.http2.span.start - 1, end: l.http2.span.end }, newText: '' };
        const add = { span: { start: l.directive.span.end, end: l.directive.span.end }, newText: `\n${model.indentAt(l.directive.span.start)}http2 on;` };
        ctx.report({
          span: l.http2.span, messageId: 'deprecated', data: { version: model.settings.version },
          fix: { fixes: [{ title: 'Use "http2 on;"', edits: hasDirective ? [remove] : [add, remove] }] },
        });
      }
    }
  },
};
