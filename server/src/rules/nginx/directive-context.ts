import type { Rule } from '../types';
import { DIRECTIVES } from '../../nginx/directives';
import { eachDirective, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/directive-context',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'A directive where nginx rejects it (e.g. `ssl_certificate` in a `location`), for the ssl_* and core directives TLS Lens knows.',
    citation: 'nginx documentation, each directive\'s Context; nginx -t: "directive is not allowed here"',
    messages: { notAllowed: '"{{name}}" directive is not allowed here (in {{context}}); nginx allows it in {{allowed}}.' },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    eachDirective(model, (d, context) => {
      const info = DIRECTIVES[d.name];
      if (!info || !context || info.contexts.includes(context)) return;
      // `if` is allowed in server and location; its children follow location rules in nginx.
      if (context === 'if' && info.contexts.includes('location')) return;
      ctx.report({ span: d.nameSpan, messageId: 'notAllowed', data: { name: d.name, context, allowed: info.contexts.join(', ') } });
    });
  },
};
