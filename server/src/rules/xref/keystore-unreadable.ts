import type { Rule } from '../types';
import { resolved } from './helpers';
import { quoteUser } from '../../util/redact';

export const rule: Rule = {
  meta: {
    id: 'xref/keystore-unreadable',
    appliesTo: 'any',
    severity: 'warning',
    description: 'A Java keystore or truststore a configuration names that TLS Lens cannot read: not a PKCS#12 or JKS store, a PBKDF2 iteration count Java refuses (over 5,000,000), encrypted with no known password, or not opened because the key derivation budget of the analysis is spent; its certificates are not checked.',
    citation: 'RFC 7292 (PKCS#12); RFC 8018 §5.2 (PBKDF2); JDK PKCS12KeyStore (iteration counts over 5,000,000 are refused); Spinnaker mTLS guide, "Configuring Java services"',
    messages: {
      refused: "{{via}} '{{target}}' is refused: {{message}}. Java will not load it either; its certificates are not checked.",
      unreadable: "{{via}} '{{target}}' cannot be read: {{message}}. Its certificates are not checked.",
      password: "{{via}} '{{target}}': {{message}} (the password in the Secret it names, one written in clear in the configuration, and Java's default are tried). Its certificates are not checked.",
      budget: "{{via}} '{{target}}' not opened: {{message}}. Its certificates are not checked.",
    },
  },
  check(ctx) {
    for (const { ref, res } of resolved(ctx)) {
      const p = res?.problem;
      // A key being derived (the language server's engine): the store is checked again when it is.
      if (!p || p.kind === 'pending') continue;
      ctx.report({
        span: ref.span, messageId: p.kind, data: { via: ref.via, target: quoteUser(ref.target), message: p.message },
        ...(p.kind === 'password' || p.kind === 'budget' ? { severity: 'information' as const } : {}),
      });
    }
  },
};
