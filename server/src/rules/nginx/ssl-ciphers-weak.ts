import type { Rule } from '../types';
import { cipherTokens, named, nginxOf, profileOf } from './helpers';

/** Suites no profile allows. */
const WEAK: [RegExp, string][] = [
  [/^(e|a)?NULL$|NULL/, 'no encryption or no authentication'],
  [/^EXP(ORT)?|EXPORT/, 'export-grade (breakable) encryption'],
  [/RC4/, 'RC4 (broken, RFC 7465)'],
  [/3DES|DES-CBC3|^DES$|(^|[-+])DES-/, 'DES/3DES (64-bit blocks: Sweet32)'],
  [/MD5/, 'MD5 MACs'],
  [/^(PSK|SRP)|[-+](PSK|SRP)-/, 'PSK/SRP suites a web server does not use'],
];
const ALIASES = new Set(['ALL', 'HIGH', 'MEDIUM', 'LOW', 'DEFAULT', 'COMPLEMENTOFDEFAULT', 'COMPLEMENTOFALL', 'RSA', 'kRSA', 'AES', 'AES128', 'AES256', 'SHA', 'SHA1', 'SHA256', 'SHA384', 'CAMELLIA', 'ARIA']);

export const rule: Rule = {
  meta: {
    id: 'nginx/ssl-ciphers-weak',
    appliesTo: 'nginx',
    severity: 'warning',
    description: '`ssl_ciphers` enabling weak suites (NULL, aNULL, eNULL, EXPORT, RC4, DES, 3DES, MD5), or CBC and non-ECDHE suites the profile does not allow; reported on the suite.',
    citation: 'Mozilla Server Side TLS 6.0 (intermediate: ECDHE with AES-GCM or ChaCha20-Poly1305); RFC 7465 (RC4); SSL Labs: no forward secrecy caps at B',
    messages: {
      weak: 'Cipher "{{token}}" enables {{why}}; remove it.',
      cbc: 'Cipher "{{token}}" is a CBC suite, not allowed by the {{profile}} profile (AEAD only); use {{recommended}}.',
      noFs: 'Cipher "{{token}}" has no ECDHE key exchange (no forward secrecy, or DHE the {{profile}} profile dropped); use {{recommended}}.',
      alias: 'Cipher alias "{{token}}" enables CBC and non-forward-secret suites; list the {{profile}} suites instead: {{recommended}}.',
    },
    fixable: true,
  },
  check(ctx) {
    const model = nginxOf(ctx);
    if (!model) return;
    const p = profileOf(model);
    const profile = model.settings.profile;
    const recommended = p.ciphers.join(':');
    for (const d of named(model, 'ssl_ciphers')) {
      const arg = d.args[0];
      if (!arg) continue;
      const fix = profile === 'intermediate'
        ? { fixes: [{ title: 'Set ssl_ciphers to the intermediate profile\'s suites', edits: [{ span: arg.span, newText: recommended }] }] }
        : undefined;
      for (const t of cipherTokens(arg)) {
        if (/^[!-]/.test(t.token)) continue; // removals are fine
        const token = t.token.replace(/^\+/, '');
        const weak = WEAK.find(([re]) => re.test(token));
        const span = { start: t.start, end: t.end };
        if (weak) { ctx.report({ span, messageId: 'weak', data: { token, why: weak[1] }, ...(fix ? { fix } : {}) }); continue; }
        if (profile !== 'intermediate' || (p.ciphers as readonly string[]).includes(token)) continue;
        if (ALIASES.has(token)) { ctx.report({ span, messageId: 'alias', data: { token, profile, recommended }, ...(fix ? { fix } : {}) }); continue; }
        if (token.includes('+') || !/-/.test(token)) continue; // combinations (EECDH+AESGCM) are read by OpenSSL, not here
        if (/CBC|-SHA$|-SHA(256|384)$/.test(token) && !/GCM|CHACHA|CCM/.test(token)) ctx.report({ span, messageId: 'cbc', data: { token, profile, recommended }, ...(fix ? { fix } : {}) });
        else if (!/^ECDHE-/.test(token)) ctx.report({ span, messageId: 'noFs', data: { token, profile, recommended }, ...(fix ? { fix } : {}) });
      }
    }
  },
};
