/**
 * The SSL Labs grade a server block's configuration alone predicts (SSL Labs guide 2009r caps),
 * with the reasons. The certificate is what the workspace index resolves `ssl_certificate` to
 * (path mappings included); the caller looks it up, this module only judges.
 */
import * as path from 'node:path';
import type { NginxModel, ServerBlock } from '../model/nginx';
import type { CertificateFacts } from '../x509/certificate';
import { coversHost } from '../x509/hostname';
import { code, md } from '../util/markdown';
import { effectiveProtocols, hstsValue } from './tls';

const GRADES = ['A+', 'A', 'A-', 'B', 'C', 'F'];
const worse = (a: string, b: string) => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

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
  const effective = effectiveProtocols(server, model);
  if (effective.some((p) => /^SSLv/.test(p))) { grade = worse(grade, 'C'); caps.push('SSLv2/SSLv3 enabled → C'); }
  if (effective.some((p) => p === 'TLSv1' || p === 'TLSv1.1')) { grade = worse(grade, 'B'); caps.push('TLS 1.0/1.1 enabled → B'); }
  if (!effective.includes('TLSv1.3')) { grade = worse(grade, 'A-'); caps.push('no TLS 1.3 → A-'); }
  // ssl_ciphers sets TLS ≤ 1.2 suites: with TLS 1.3 alone it does nothing.
  if (effective.some((p) => p !== 'TLSv1.3')) {
    const ciphers = server.get('ssl_ciphers').at(-1)?.args[0]?.value ?? 'HIGH:!aNULL:!MD5';
    const enabled = ciphers.split(/[:, ]+/).filter((c) => c && !/^[!-]/.test(c));
    if (enabled.some((c) => /RC4/.test(c))) { grade = worse(grade, 'B'); caps.push('RC4 → B'); }
    if (enabled.length > 0 && enabled.every((c) => !/ECDHE|EECDH|DHE|EDH|HIGH|ALL|DEFAULT/.test(c))) { grade = worse(grade, 'B'); caps.push('no forward secrecy → B'); }
  }
  const hsts = hstsValue(server);
  const age = hsts !== undefined ? Number(/max-age\s*=\s*"?(\d+)/i.exec(hsts)?.[1] ?? 0) : 0;
  if (hsts === undefined) { grade = worse(grade, 'A-'); caps.push('no HSTS → A-'); }
  let special: string | undefined;
  const certPath = server.get('ssl_certificate').at(-1)?.args[0]?.value;
  if (certPath && !certificate) notes.push(`certificate ${code(certPath)} is not in the workspace (or not mapped with tlsLens.pathMappings): key size, expiry and names not checked`);
  if (certificate) {
    const c = certificate.cert;
    notes.push(`certificate: ${code(path.basename(certificate.path))} (${md(c.subject.text)})`);
    if (c.publicKey.algorithm.startsWith('RSA') && (c.publicKey.bits ?? 0) < 1024) { grade = worse(grade, 'F'); caps.push(`RSA ${c.publicKey.bits} bits → F`); }
    else if (c.publicKey.algorithm.startsWith('RSA') && (c.publicKey.bits ?? 0) < 2048) { grade = worse(grade, 'B'); caps.push(`RSA ${c.publicKey.bits} bits → B`); }
    if (c.signatureAlgorithm.hash === 'MD5') { grade = worse(grade, 'F'); caps.push('MD5 signature → F'); }
    const names = server.names.map((n) => n.value).filter((n) => n !== '_' && !n.startsWith('~') && n !== '');
    const missed = names.filter((n) => !coversHost(c.ext.san, n.replace(/^\./, '')));
    if (missed.length > 0) { special = 'M'; caps.push(`certificate does not cover ${missed.map((m) => `${code(m)}`).join(', ')} → M (name mismatch)`); }
    if (c.notAfter < now || c.notBefore > now) { special = 'T'; caps.push(`certificate ${c.notAfter < now ? 'expired' : 'not yet valid'} → T (not trusted)`); }
  }
  if (grade === 'A' && hsts !== undefined && age >= 15552000 && caps.length === 0) grade = 'A+';
  return { grade: special ? `${special} (${grade} if trusted and matching)` : grade, caps, notes };
}
