import type { NginxDirective, NginxModel } from '../../model/nginx';
import type { Rule } from '../types';
import { named, nginxOf, serversUsing } from './helpers';

/**
 * Whether `ssl_conf_command Options … PrioritizeChaCha` is among these directives: OpenSSL's Options value is a
 * comma-separated list of flags, matched case-insensitively, `-` turning one off (OpenSSL SSL_CONF_cmd, ssl_conf.c).
 */
function prioritizesChaCha(commands: readonly NginxDirective[]): boolean {
  let on = false;
  for (const d of commands) {
    if (d.args[0]?.value.toLowerCase() !== 'options') continue;
    for (const flag of (d.args[1]?.value ?? '').split(',').map((f) => f.trim().toLowerCase())) {
      if (flag === 'prioritizechacha' || flag === '+prioritizechacha') on = true;
      else if (flag === '-prioritizechacha') on = false;
    }
  }
  return on;
}

/** Whether ChaCha20 is prioritized wherever a directive applies: the servers in view decide; without them, the file. */
function chachaFirst(model: NginxModel, d: NginxDirective): boolean {
  const servers = serversUsing(model, d);
  if (servers.length) return servers.every((s) => prioritizesChaCha(s.get('ssl_conf_command')));
  return prioritizesChaCha(named(model, 'ssl_conf_command'));
}

export const rule: Rule = {
  meta: {
    id: 'nginx/prefer-server-ciphers',
    appliesTo: 'nginx',
    severity: 'information',
    description: '`ssl_prefer_server_ciphers on` against the intermediate and modern profiles, which say off: every suite they allow is strong, and the client knows which one its hardware runs fast (ChaCha20-Poly1305 on phones without AES instructions). Quiet with `ssl_conf_command Options PrioritizeChaCha`, which answers that reason: the server then puts ChaCha20 first for a client that lists it first.',
    citation: 'Mozilla Server Side TLS 6.0 (intermediate and modern: ssl_prefer_server_ciphers off; old: on); OpenSSL SSL_CONF_cmd (Options PrioritizeChaCha)',
    messages: { on: 'ssl_prefer_server_ciphers on: the {{profile}} profile says off (every allowed suite is strong; let clients pick what they run fast).' },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    for (const d of named(model, 'ssl_prefer_server_ciphers')) {
      const a = d.args[0];
      if (a?.value !== 'on' || chachaFirst(model, d)) continue;
      ctx.report({
        span: d.span, messageId: 'on', data: { profile: model.settings.profile },
        fix: { fixes: [{ title: 'Set ssl_prefer_server_ciphers off', edits: [{ span: a.span, newText: 'off' }] }] },
      });
    }
  },
};
