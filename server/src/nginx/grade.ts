/**
 * The SSL Labs grade a server block's configuration alone predicts, with the reasons. The caps are
 * SSL Labs' own, as its grading announcements state them and testssl.sh's rating implements
 * them (SSL Server Rating Guide 2009q): SSL 2 → F; SSL 3 → B, C with CBC suites (POODLE), F when
 * it is the only protocol; TLS 1.0/1.1 → B; neither TLS 1.2 nor 1.3 → C; RC4 → B (C with TLS
 * 1.1+); 64-bit block ciphers (3DES) with TLS 1.1+ → C; export, NULL, anonymous or DES suites (under
 * 112 bits, or no authentication) → F; no forward secrecy → B; A+ only with HSTS of at least 180
 * days. The certificate is what the workspace index resolves `ssl_certificate` to (path mappings
 * included); the caller looks it up, this module only judges.
 */
import * as path from 'node:path';
import type { NginxModel, ServerBlock } from '../model/nginx';
import type { CertificateFacts } from '../x509/certificate';
import { coversHost } from '../x509/hostname';
import { code, md } from '../util/markdown';
import { configuredProtocols, effectiveProtocols, hstsValue, negotiated } from './tls';

const GRADES = ['A+', 'A', 'B', 'C', 'F'];
const worse = (a: string, b: string) => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

/** Suites SSL Labs grades F: export, NULL and single-DES (under 112 bits), anonymous (no authentication). */
const UNDER_112_OR_ANONYMOUS = /^EXP|NULL|^(ADH|AECDH)-|(^|-)DES-CBC-(SHA|MD5)$|^(DES|LOW)$/;

/** SSL Labs' "long" HSTS max-age for A+: 180 days. */
const HSTS_A_PLUS = 15_552_000;

export interface Grade {
  /** A+ … F, or "M (A if trusted and matching)" / "T (…)" for a name mismatch or an untrusted certificate. */
  readonly grade: string;
  readonly caps: readonly string[];
  readonly notes: readonly string[];
}

/** `certificate`: the certificate ssl_certificate resolves to in the workspace, when it does. */
export function predictGrade(server: ServerBlock, model: NginxModel, certificate: { cert: CertificateFacts; path: string } | undefined, now: Date): Grade {
  const caps: string[] = [];
  const notes: string[] = [];
  let grade = 'A';
  const cap = (to: string, why: string) => { grade = worse(grade, to); caps.push(`${why} → ${to}`); };
  const effective = effectiveProtocols(server, model);
  const asked = configuredProtocols(server, model);
  const dropped = asked.protocols.filter((p) => !negotiated(p, server, model));
  if (dropped.length) {
    notes.push(`${dropped.join(', ')} ${asked.byDefault ? `in nginx ${md(model.settings.version)}'s default` : 'listed'}, `
      + `but OpenSSL ${md(model.settings.openssl)} (tlsLens.nginx.openssl) does not negotiate ${dropped.length === 1 ? 'it' : 'them'}`
      + `${dropped.some((p) => p === 'TLSv1' || p === 'TLSv1.1') ? ' (TLS 1.0/1.1 need @SECLEVEL=0 from OpenSSL 3.0)' : ''}`);
  }
  // ssl_ciphers sets TLS ≤ 1.2 suites: with TLS 1.3 alone it does nothing.
  const ciphers = server.get('ssl_ciphers').at(-1)?.args[0]?.value ?? 'HIGH:!aNULL:!MD5';
  const enabled = effective.some((p) => p !== 'TLSv1.3')
    ? ciphers.split(/[:, ]+/).filter((c) => c && !/^[!-]/.test(c) && !c.startsWith('@')).map((c) => c.replace(/^\+/, ''))
    : [];
  const tls11plus = effective.some((p) => p === 'TLSv1.1' || p === 'TLSv1.2');
  if (effective.includes('SSLv2')) cap('F', 'SSL 2 enabled');
  if (effective.includes('SSLv3')) {
    if (effective.every((p) => /^SSLv/.test(p))) cap('F', 'SSL 3 is the only protocol');
    // CBC suites: anything but RC4 and AEAD (which SSL 3 lacks); an alias such as HIGH includes them.
    else if (enabled.some((c) => !/RC4|GCM|CHACHA20|CCM/.test(c))) cap('C', 'SSL 3 with CBC suites (POODLE)');
    else cap('B', 'SSL 3 enabled');
  }
  if (effective.some((p) => p === 'TLSv1' || p === 'TLSv1.1')) cap('B', 'TLS 1.0/1.1 enabled');
  if (!effective.includes('TLSv1.2') && !effective.includes('TLSv1.3')) cap('C', 'neither TLS 1.2 nor TLS 1.3');
  if (!effective.includes('TLSv1.3')) notes.push('no TLS 1.3: the Mozilla profiles enable it (SSL Labs does not cap the grade for it)');
  if (enabled.some((c) => UNDER_112_OR_ANONYMOUS.test(c))) cap('F', 'export, NULL, anonymous or DES suites');
  if (enabled.some((c) => /RC4/.test(c))) cap(tls11plus ? 'C' : 'B', tls11plus ? 'RC4 with TLS 1.1+' : 'RC4');
  if (tls11plus && enabled.some((c) => /3DES|DES-CBC3/.test(c))) cap('C', '3DES (64-bit blocks) with TLS 1.1+');
  if (enabled.length > 0 && enabled.every((c) => !/ECDHE|EECDH|DHE|EDH|HIGH|ALL|DEFAULT/.test(c))) cap('B', 'no forward secrecy');
  const hsts = hstsValue(server);
  const age = hsts !== undefined ? Number(/max-age\s*=\s*"?(\d+)/i.exec(hsts)?.[1] ?? 0) : 0;
  if (hsts === undefined) cap('A', 'no HSTS (A+ needs HSTS of at least 180 days)');
  else if (age < HSTS_A_PLUS) cap('A', `HSTS max-age ${age} under 180 days (A+ needs at least 180 days)`);
  let special: string | undefined;
  const certPath = server.get('ssl_certificate').at(-1)?.args[0]?.value;
  if (certPath && !certificate) {
    notes.push(`certificate ${code(certPath)} is not in the workspace (or not mapped with tlsLens.pathMappings): key size, expiry and names not checked`);
  }
  if (certificate) {
    const c = certificate.cert;
    notes.push(`certificate: ${code(path.basename(certificate.path))} (${md(c.subject.text)})`);
    if (c.publicKey.algorithm.startsWith('RSA') && (c.publicKey.bits ?? 0) < 1024) cap('F', `RSA ${c.publicKey.bits} bits`);
    else if (c.publicKey.algorithm.startsWith('RSA') && (c.publicKey.bits ?? 0) < 2048) cap('B', `RSA ${c.publicKey.bits} bits`);
    if (c.signatureAlgorithm.hash === 'MD5') cap('F', 'MD5 signature');
    const names = server.names.map((n) => n.value).filter((n) => n !== '_' && !n.startsWith('~') && n !== '');
    const missed = names.filter((n) => !coversHost(c.ext.san, n.replace(/^\./, '')));
    if (missed.length > 0) { special = 'M'; caps.push(`certificate does not cover ${missed.map((m) => `${code(m)}`).join(', ')} → M (name mismatch)`); }
    if (c.notAfter < now || c.notBefore > now) { special = 'T'; caps.push(`certificate ${c.notAfter < now ? 'expired' : 'not yet valid'} → T (not trusted)`); }
  }
  if (grade === 'A' && hsts !== undefined && age >= HSTS_A_PLUS && caps.length === 0) grade = 'A+';
  return { grade: special ? `${special} (${grade} if trusted and matching)` : grade, caps, notes };
}
