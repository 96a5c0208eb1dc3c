import type { Rule } from '../types';
import { cipherTokens, named, nginxOf, onlyTls13, profileOf } from './helpers';

/** Suites no profile allows. */
const WEAK: [RegExp, string][] = [
  [/^aNULL$|^(ADH|AECDH)-/, 'anonymous: no authentication'],
  [/^(e|a)?NULL$|NULL/, 'no encryption'],
  [/^EXP(ORT)?|EXPORT/, 'export-grade (40/56-bit) encryption'],
  [/RC4/, 'RC4 (prohibited, RFC 7465)'],
  [/3DES|DES-CBC3/, '3DES (64-bit blocks: Sweet32, CVE-2016-2183)'],
  [/^DES$|(^|[-+])DES-/, 'single DES (56-bit key; removed from TLS 1.2, RFC 5469)'],
  [/MD5/, 'MD5 MACs'],
  [/^(PSK|SRP)|[-+](PSK|SRP)-/, 'PSK/SRP suites a web server does not use'],
];
const ALIASES = new Set([
  'ALL', 'HIGH', 'MEDIUM', 'LOW', 'DEFAULT', 'COMPLEMENTOFDEFAULT', 'COMPLEMENTOFALL', 'RSA', 'kRSA', 'AES', 'AES128', 'AES256', 'SHA',
  'SHA1', 'SHA256', 'SHA384', 'CAMELLIA', 'ARIA',
]);

/** Why one suite of an `ssl_ciphers` list is not allowed, or undefined when it is. */
function verdict(token: string, profile: string, allowed: readonly string[]): { weak: boolean; why: string } | undefined {
  const weak = WEAK.find(([re]) => re.test(token));
  if (weak) return { weak: true, why: weak[1] };
  if (profile !== 'intermediate' || allowed.includes(token)) return undefined;
  if (ALIASES.has(token)) return { weak: false, why: 'an alias that enables CBC and non-forward-secret suites' };
  if (token.includes('+') || !/-/.test(token)) return undefined; // combinations (EECDH+AESGCM) are read by OpenSSL, not here
  if (/CBC|-SHA$|-SHA(256|384)$/.test(token) && !/GCM|CHACHA|CCM/.test(token)) return { weak: false, why: 'CBC' };
  // DHE is forward secret; the profile dropped it because a 2048-bit DH per handshake is slow and ECDHE does the job.
  if (/^(DHE|EDH)-/.test(token)) return { weak: false, why: 'DHE: forward secret, but slow and off the profile' };
  if (!/^ECDHE-/.test(token)) return { weak: false, why: 'RSA key exchange: no forward secrecy' };
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'nginx/ssl-ciphers-weak',
    appliesTo: 'nginx',
    severity: 'warning',
    description: '`ssl_ciphers` enabling weak suites (NULL, aNULL, eNULL, EXPORT, RC4, DES, 3DES, MD5), or CBC, DHE and RSA-key-exchange suites the profile does not allow: one finding per directive, naming the suites. Quiet where only TLS 1.3 is enabled (`ssl_ciphers` sets TLS ≤ 1.2 suites only).',
    citation: 'Mozilla Server Side TLS 6.0 (intermediate: ECDHE with AES-GCM or ChaCha20-Poly1305); RFC 7465 (RC4 prohibited); RFC 5469 (DES); Sweet32, CVE-2016-2183 (3DES); SSL Labs grading: export, NULL, anonymous and DES suites → F, RC4 → B (C with TLS 1.1+), 3DES with TLS 1.1+ → C, no forward secrecy → B',
    messages: { suites: 'ssl_ciphers enables {{parts}}; {{advice}}.' },
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
      if (!arg || onlyTls13(model, d)) continue;
      const found: { token: string; weak: boolean; why: string }[] = [];
      for (const t of cipherTokens(arg)) {
        if (/^[!-]/.test(t.token)) continue; // removals are fine
        const token = t.token.replace(/^\+/, '');
        const v = verdict(token, profile, p.ciphers);
        if (v) found.push({ token, ...v });
      }
      if (!found.length) continue;
      const describe = (fs: typeof found) => fs.map((f) => `${f.token} (${f.why})`).join(', ');
      const weak = found.filter((f) => f.weak);
      const off = found.filter((f) => !f.weak);
      const parts = [
        ...(weak.length ? [`weak suites: ${describe(weak)}`] : []),
        ...(off.length ? [`suites the ${profile} profile does not allow: ${describe(off)}`] : []),
      ].join('; and ');
      const fix = profile === 'intermediate'
        ? { fixes: [{ title: 'Set ssl_ciphers to the intermediate profile\'s suites', edits: [{ span: arg.span, newText: recommended }] }] }
        : undefined;
      ctx.report({
        span: arg.span,
        messageId: 'suites',
        data: { parts, advice: profile === 'intermediate' ? `use ${recommended}` : 'remove them' },
        ...(fix ? { fix } : {}),
      });
    }
  },
};
