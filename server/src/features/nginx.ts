/** nginx features: hover on directives (docs and the profile's advice) and on server blocks (a predicted SSL Labs grade), completion of directives and values. */
import * as path from 'node:path';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import type { NginxModel, ServerBlock } from '../model/nginx';
import { buildPemModel } from '../model/pem';
import type { EngineHost } from '../model/yaml';
import { compareVersions, DIRECTIVES, PROFILES, recommendation } from '../nginx/directives';
import { walk, NginxDirective } from '../parse/nginx';
import type { CertificateFacts } from '../x509/certificate';
import { coversHost } from '../x509/hostname';
import { LineIndex, Position } from '../util/lineIndex';
import { md } from './markdown';

export function directiveMarkdown(name: string, model: NginxModel): string | undefined {
  const info = DIRECTIVES[name];
  if (!info) return undefined;
  const lines = [`**${name}** \`${md(info.syntax)}\``, info.doc, `Context: ${info.contexts.join(', ')}${info.default !== undefined ? ` · Default: \`${md(info.default)}\`` : ''}${info.since ? ` · Since ${info.since}` : ''}${info.removed ? ` · **Removed in ${info.removed}**` : ''}`];
  const rec = recommendation(name, model.settings.profile, model.settings.openssl);
  if (rec) lines.push(`Mozilla ${model.settings.profile} profile: \`${md(rec)}\``);
  return lines.join('\n\n');
}

const GRADES = ['A+', 'A', 'A-', 'B', 'C', 'F'];
const worse = (a: string, b: string) => (GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b);

function firstCertificate(file: string, docPath: string, model: NginxModel, host: EngineHost | undefined): { cert: CertificateFacts; path: string } | undefined {
  if (!host || file.includes('$')) return undefined;
  const candidates = path.isAbsolute(file) ? [file] : [path.join(path.dirname(docPath), file), path.join(model.settings.prefix, file)];
  for (const c of candidates) {
    const text = host.readFile(c, { purpose: 'certificate' });
    if (text === undefined) continue;
    const item = buildPemModel(text, { singleBundle: true }).items.find((i) => i.kind === 'certificate');
    if (item && item.kind === 'certificate') return { cert: item.cert, path: c };
  }
  return undefined;
}

/** The SSL Labs grade the configuration alone predicts (guide 2009r caps), with the reasons. */
export function predictGrade(server: ServerBlock, model: NginxModel, docPath: string, host: EngineHost | undefined, now: Date): { grade: string; caps: string[]; notes: string[] } {
  const caps: string[] = [];
  const notes: string[] = [];
  let grade = 'A';
  const protocols = server.get('ssl_protocols').flatMap((d) => d.args.map((a) => a.value));
  const effective = protocols.length > 0 ? protocols : compareVersions(model.settings.version, '1.23.4') < 0 ? ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] : ['TLSv1.2', 'TLSv1.3'];
  if (effective.some((p) => /^SSLv/.test(p))) { grade = worse(grade, 'C'); caps.push('SSLv2/SSLv3 enabled → C'); }
  if (effective.some((p) => p === 'TLSv1' || p === 'TLSv1.1')) { grade = worse(grade, 'B'); caps.push('TLS 1.0/1.1 enabled → B'); }
  if (!effective.includes('TLSv1.3')) { grade = worse(grade, 'A-'); caps.push('no TLS 1.3 → A-'); }
  const ciphers = server.get('ssl_ciphers')[0]?.args[0]?.value ?? 'HIGH:!aNULL:!MD5';
  const enabled = ciphers.split(/[:, ]+/).filter((c) => c && !/^[!-]/.test(c));
  if (enabled.some((c) => /RC4/.test(c))) { grade = worse(grade, 'B'); caps.push('RC4 → B'); }
  if (enabled.length > 0 && enabled.every((c) => !/ECDHE|EECDH|DHE|EDH|HIGH|ALL|DEFAULT/.test(c))) { grade = worse(grade, 'B'); caps.push('no forward secrecy → B'); }
  const hsts = server.get('add_header').find((d) => d.args[0]?.value.toLowerCase() === 'strict-transport-security');
  const age = hsts ? Number(/max-age\s*=\s*(\d+)/i.exec(hsts.args[1]?.value ?? '')?.[1] ?? 0) : 0;
  if (!hsts) { grade = worse(grade, 'A-'); caps.push('no HSTS → A-'); }
  let special: string | undefined;
  const certPath = server.get('ssl_certificate')[0]?.args[0]?.value;
  const found = certPath ? firstCertificate(certPath, docPath, model, host) : undefined;
  if (certPath && !found) notes.push(`certificate \`${md(certPath)}\` is not in the workspace: key size, expiry and names not checked`);
  if (found) {
    const c = found.cert;
    notes.push(`certificate: \`${md(path.basename(found.path))}\` (${md(c.subject.text)})`);
    if (c.publicKey.algorithm.startsWith('RSA') && (c.publicKey.bits ?? 0) < 1024) { grade = worse(grade, 'F'); caps.push(`RSA ${c.publicKey.bits} bits → F`); }
    else if (c.publicKey.algorithm.startsWith('RSA') && (c.publicKey.bits ?? 0) < 2048) { grade = worse(grade, 'B'); caps.push(`RSA ${c.publicKey.bits} bits → B`); }
    if (c.signatureAlgorithm.hash === 'MD5') { grade = worse(grade, 'F'); caps.push('MD5 signature → F'); }
    const names = server.names.map((n) => n.value).filter((n) => n !== '_' && !n.startsWith('~') && n !== '');
    const missed = names.filter((n) => !coversHost(c.ext.san, n.replace(/^\./, '')));
    if (missed.length > 0) { special = 'M'; caps.push(`certificate does not cover ${missed.map((m) => `\`${md(m)}\``).join(', ')} → M (name mismatch)`); }
    if (c.notAfter < now || c.notBefore > now) { special = 'T'; caps.push(`certificate ${c.notAfter < now ? 'expired' : 'not yet valid'} → T (not trusted)`); }
  }
  if (grade === 'A' && hsts && age >= 15552000 && caps.length === 0) grade = 'A+';
  return { grade: special ? `${special} (${grade} if trusted and matching)` : grade, caps, notes };
}

function serverAt(model: NginxModel, offset: number): ServerBlock | undefined {
  return model.servers.find((s) => offset >= s.directive.nameSpan.start && offset <= s.directive.nameSpan.end + (s.directive.args.length ? 0 : 2));
}

export function nginxHover(doc: DocumentModel, position: Position, index: LineIndex, docPath: string, host: EngineHost | undefined, now: Date): Hover | null {
  const model = doc.nginx;
  if (!model) return null;
  const offset = index.offsetAt(position);
  const server = serverAt(model, offset);
  if (server) {
    const g = predictGrade(server, model, docPath, host, now);
    const body = [`**Predicted SSL Labs grade: ${g.grade}**${server.tls ? '' : ' (this server does not listen with ssl)'}`, g.caps.length ? g.caps.map((c) => `- ${c}`).join('\n') : '- no caps apply', ...g.notes.map((n) => `_${n}_`), `Profile: Mozilla ${model.settings.profile} 6.0 · nginx ${model.settings.version} · grading as SSL Labs guide 2009r, from the configuration alone`];
    return { contents: { kind: 'markdown', value: body.join('\n\n') }, range: { start: index.positionAt(server.directive.nameSpan.start), end: index.positionAt(server.directive.nameSpan.end) } };
  }
  let hit: NginxDirective | undefined;
  walk(model.parse.directives, (d) => { if (offset >= d.nameSpan.start && offset <= d.nameSpan.end) hit = d; });
  if (!hit) return null;
  const value = directiveMarkdown(hit.name, model);
  return value ? { contents: { kind: 'markdown', value }, range: { start: index.positionAt(hit.nameSpan.start), end: index.positionAt(hit.nameSpan.end) } } : null;
}

const VALUES: Record<string, string[]> = {
  ssl_protocols: ['TLSv1.2 TLSv1.3', 'TLSv1.3'],
  ssl_ciphers: [PROFILES.intermediate.ciphers.join(':')],
  ssl_verify_client: ['on', 'off', 'optional', 'optional_no_ca'],
  ssl_session_cache: ['shared:MozSSL:10m'],
  ssl_ecdh_curve: ['X25519:prime256v1:secp384r1'],
};

export function nginxCompletion(doc: DocumentModel, position: Position): CompletionItem[] {
  const model = doc.nginx;
  if (!model) return [];
  const line = (doc.text.split('\n')[position.line] ?? '').slice(0, position.character);
  const value = /^\s*([a-z_0-9]+)\s+([^;]*)$/.exec(line);
  if (value) {
    const info = DIRECTIVES[value[1]];
    const options = info?.flag ? ['on', 'off'] : VALUES[value[1]] ?? [];
    return options.map((o, i) => ({ label: o, kind: 12 as CompletionItem['kind'], sortText: String(i).padStart(2, '0'), insertText: `${o};` }));
  }
  if (!/^\s*[a-z_0-9]*$/.test(line)) return [];
  return Object.entries(DIRECTIVES).filter(([, info]) => !info.removed).map(([name, info]) => ({
    label: name,
    kind: 14 as CompletionItem['kind'],
    detail: info.syntax,
    documentation: { kind: 'markdown', value: directiveMarkdown(name, model) ?? info.doc },
    insertText: info.block ? `${name} ` : `${name} `,
  }));
}
