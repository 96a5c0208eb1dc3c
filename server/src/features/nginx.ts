/** nginx features: hover on directives (docs and the profile's advice) and on server blocks (the predicted SSL Labs grade of nginx/grade.ts), completion of directives and values. */
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import type { DocumentModel } from '../model/document';
import type { NginxModel, ServerBlock } from '../model/nginx';
import { DIRECTIVES, PROFILES, recommendation } from '../nginx/directives';
import { predictGrade } from '../nginx/grade';
import { recommendedGroups } from '../nginx/groups';
import { walk, NginxDirective } from '../parse/nginx';
import type { CertificateFacts } from '../x509/certificate';
import { LineIndex, Position } from '../util/lineIndex';
import { md } from '../util/markdown';

export function directiveMarkdown(name: string, model: NginxModel): string | undefined {
  const info = DIRECTIVES[name];
  if (!info) return undefined;
  const lines = [`**${name}** \`${md(info.syntax)}\``, info.doc, `Context: ${info.contexts.join(', ')}${info.default !== undefined ? ` · Default: \`${md(info.default)}\`` : ''}${info.since ? ` · Since ${info.since}` : ''}${info.removed ? ` · **Removed in ${info.removed}**` : ''}`];
  const rec = recommendation(name, model.settings.profile, model.settings.openssl);
  if (rec) lines.push(`Mozilla ${model.settings.profile} profile: \`${md(rec)}\``);
  return lines.join('\n\n');
}

function serverAt(model: NginxModel, offset: number): ServerBlock | undefined {
  return model.servers.find((s) => offset >= s.directive.nameSpan.start && offset <= s.directive.nameSpan.end + (s.directive.args.length ? 0 : 2));
}

/** The certificate a server's ssl_certificate resolves to (the workspace index's answer), if any. */
export type ServerCertificate = (server: ServerBlock) => { cert: CertificateFacts; path: string } | undefined;

/**
 * Hover: a server block shows its predicted grade (the certificate from `certificateOf`, which the
 * engine worker answers from the index); a directive shows its documentation and the profile's advice.
 */
export function nginxHover(doc: DocumentModel, position: Position, index: LineIndex, now: Date, certificateOf?: ServerCertificate): Hover | null {
  const model = doc.nginx;
  if (!model) return null;
  const offset = index.offsetAt(position);
  const server = serverAt(model, offset);
  if (server) {
    const g = predictGrade(server, model, certificateOf?.(server), now);
    const body = [`**Predicted SSL Labs grade: ${g.grade}**${server.tls ? '' : ' (this server does not listen with ssl)'}`, g.caps.length ? g.caps.map((c) => `- ${c}`).join('\n') : '- no caps apply', ...g.notes.map((n) => `_${n}_`), `Profile: Mozilla ${model.settings.profile} 6.0 · nginx ${model.settings.version} · grading as SSL Labs guide 2009r, from the configuration alone`];
    return { contents: { kind: 'markdown', value: body.join('\n\n') }, range: { start: index.positionAt(server.directive.nameSpan.start), end: index.positionAt(server.directive.nameSpan.end) } };
  }
  let hit: NginxDirective | undefined;
  walk(model.parse.directives, (d) => { if (offset >= d.nameSpan.start && offset <= d.nameSpan.end) hit = d; });
  if (!hit) return null;
  const value = directiveMarkdown(hit.name, model);
  return value ? { contents: { kind: 'markdown', value }, range: { start: index.positionAt(hit.nameSpan.start), end: index.positionAt(hit.nameSpan.end) } } : null;
}

/** Values offered after a directive; ssl_ecdh_curve's is the list that loads with the configured OpenSSL. */
function valuesFor(name: string, model: NginxModel): string[] | undefined {
  switch (name) {
    case 'ssl_protocols': return ['TLSv1.2 TLSv1.3', 'TLSv1.3'];
    case 'ssl_ciphers': return [PROFILES.intermediate.ciphers.join(':')];
    case 'ssl_verify_client': return ['on', 'off', 'optional', 'optional_no_ca'];
    case 'ssl_session_cache': return ['shared:MozSSL:10m'];
    case 'ssl_ecdh_curve': return [recommendedGroups(model.settings.openssl), 'auto'];
    default: return undefined;
  }
}

export function nginxCompletion(doc: DocumentModel, position: Position): CompletionItem[] {
  const model = doc.nginx;
  if (!model) return [];
  const line = (doc.text.split('\n')[position.line] ?? '').slice(0, position.character);
  const value = /^\s*([a-z_0-9]+)\s+([^;]*)$/.exec(line);
  if (value) {
    const info = DIRECTIVES[value[1]];
    const options = info?.flag ? ['on', 'off'] : valuesFor(value[1], model) ?? [];
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
