import type { Rule } from '../types';
import { atLeast, named, nginxOf } from './helpers';

export const rule: Rule = {
  meta: {
    id: 'nginx/ssl-session-tickets',
    appliesTo: 'nginx',
    severity: 'information',
    description: '`ssl_session_tickets on`: before nginx 1.23.2 the ticket key is never rotated, which undoes forward secrecy until a restart.',
    citation: 'Mozilla Server Side TLS 6.0 (ssl_session_tickets off for nginx < 1.23.2); nginx CHANGES 1.23.2 (ticket keys rotated)',
    messages: {
      old: 'ssl_session_tickets on: nginx {{version}} never rotates the ticket key (before 1.23.2), so one stolen key decrypts every session; set it off.',
      rotated: 'ssl_session_tickets on: nginx {{version}} rotates ticket keys, but a multi-server setup needs a shared ssl_session_ticket_key that you rotate yourself.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of named(model, 'ssl_session_tickets')) {
      const a = d.args[0];
      if (a?.value !== 'on') continue;
      ctx.report({
        span: d.span, messageId: atLeast(model, '1.23.2') ? 'rotated' : 'old', data: { version: model.settings.version },
        fix: { fixes: [{ title: 'Set ssl_session_tickets off', edits: [{ span: a.span, newText: 'off' }] }] },
      });
    }
  },
};
