import type { Rule } from '../types';
import { DIRECTIVES } from '../../nginx/directives';
import { eachDirective, nginxOf } from './helpers';
import { quoteToken } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'nginx/directive-args',
    appliesTo: 'nginx',
    severity: 'error',
    description: 'A known directive with the wrong number of arguments, a flag that is not on/off, or a block where a `;` belongs (and the reverse).',
    citation: 'nginx documentation, each directive\'s Syntax; nginx -t: "invalid number of arguments", "it must be on or off"',
    messages: {
      count: 'invalid number of arguments in "{{name}}" directive: it takes {{expected}}, got {{got}} (syntax: {{syntax}}).',
      flag: 'invalid value "{{value}}" in "{{name}}" directive, it must be "on" or "off".',
      value: 'invalid value "{{value}}" in "{{name}}" directive: it takes {{values}}.',
      noBlock: 'directive "{{name}}" has no opening "{".',
      notBlock: 'directive "{{name}}" is not terminated by ";": it takes no block.',
    },
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    eachDirective(model, (d, context) => {
      const info = DIRECTIVES[d.name];
      if (!info) return;
      if (d.name === 'server' && context !== 'http' && context !== undefined) return; // upstream/stream servers differ
      const isBlock = d.block !== undefined;
      if (info.block && !isBlock) { ctx.report({ span: d.nameSpan, messageId: 'noBlock', data: { name: d.name } }); return; }
      if (!info.block && d.name !== 'server' && isBlock && !d.name.endsWith('_by_lua_block')) {
        ctx.report({ span: d.nameSpan, messageId: 'notBlock', data: { name: d.name } });
        return;
      }
      if (d.name === 'server' && context === 'http' && !isBlock) { ctx.report({ span: d.nameSpan, messageId: 'noBlock', data: { name: d.name } }); return; }
      const n = d.args.length;
      if (n < info.min || (info.max >= 0 && n > info.max)) {
        const expected = info.max < 0 ? `at least ${info.min}` : info.min === info.max ? String(info.min) : `${info.min} to ${info.max}`;
        const span = n > 0 ? { start: d.nameSpan.start, end: d.args[n - 1].span.end } : d.nameSpan;
        ctx.report({ span, messageId: 'count', data: { name: d.name, expected, got: n, syntax: info.syntax } });
        return;
      }
      if (info.flag && n === 1 && !/^(on|off)$/i.test(d.args[0].value)) {
        ctx.report({ span: d.args[0].span, messageId: 'flag', data: { name: d.name, value: quoteToken(d.args[0].value) } });
      }
      if (info.values) {
        const bad = d.args.find((a) => !a.value.includes('$') && !info.values!.includes(a.value));
        if (bad) ctx.report({ span: bad.span, messageId: 'value', data: { name: d.name, value: quoteToken(bad.value), values: info.values.join(', ') } });
      }
    });
  },
};
