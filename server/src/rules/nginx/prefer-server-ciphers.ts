import type { Rule } from '../types';
import { named, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/prefer-server-ciphers',
    appliesTo: 'nginx',
    severity: 'information',
    description: '`ssl_prefer_server_ciphers on` against the intermediate and modern profiles, which say off: every suite they allow is strong, and the client knows which one its hardware runs fast (ChaCha20-Poly1305 on phones without AES instructions).',
    citation: 'Mozilla Server Side TLS 6.0 (intermediate and modern: ssl_prefer_server_ciphers off; old: on)',
    messages: { on: 'ssl_prefer_server_ciphers on: the {{profile}} profile says off (every allowed suite is strong; let clients pick what they run fast).' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of named(model, 'ssl_prefer_server_ciphers')) {
      const a = d.args[0];
      if (a?.value !== 'on') continue;
      ctx.report({
        span: d.span, messageId: 'on', data: { profile: model.settings.profile },
        fix: { fixes: [{ title: 'Set ssl_prefer_server_ciphers off', edits: [{ span: a.span, newText: 'off' }] }] },
      });
    }
  },
};
