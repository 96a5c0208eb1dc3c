/** Hover in nginx: a directive's documentation and the profile's advice; a server block's predicted SSL Labs grade (nginx/grade.ts). */
import type { Hover } from 'vscode-languageserver-types';
import type { NginxModel } from '../../model/nginx';
import { DIRECTIVES, recommendation } from '../../nginx/directives';
import { predictGrade } from '../../nginx/grade';
import { code } from '../../util/markdown';
import type { HoverContext } from './context';

export function directiveMarkdown(name: string, model: NginxModel): string | undefined {
  const info = DIRECTIVES[name];
  if (!info) return undefined;
  const lines = [
    `**${name}** ${code(info.syntax)}`,
    info.doc,
    `Context: ${info.contexts.join(', ')}${info.default !== undefined ? ` · Default: ${code(info.default)}` : ''}`
      + `${info.since ? ` · Since ${info.since}` : ''}${info.removed ? ` · **Removed in ${info.removed}**` : ''}`,
  ];
  const rec = recommendation(name, model.settings.profile, model.settings.openssl);
  if (rec) lines.push(`Mozilla ${model.settings.profile} profile: ${code(rec)}`);
  return lines.join('\n\n');
}

/**
 * A server block shows its predicted grade (with the certificate its ssl_certificate resolves to,
 * from the workspace index where there is one); a directive shows its documentation and the profile's advice.
 */
export function nginxHover({ model: doc, position, lines: index, now, workspace }: HoverContext): Hover | null {
  const model = doc.nginx;
  if (!model) return null;
  const offset = index.offsetAt(position);
  const server = model.serverAt(offset);
  if (server) {
    const g = predictGrade(server, model, workspace?.serverCertificate(server), now);
    const body = [
      `**Predicted SSL Labs grade: ${g.grade}**${server.tls ? '' : ' (this server does not listen with ssl)'}`,
      g.caps.length ? g.caps.map((c) => `- ${c}`).join('\n') : '- no caps apply',
      ...g.notes.map((n) => `_${n}_`),
      `Profile: Mozilla ${model.settings.profile} 6.0 · nginx ${model.settings.version}`
        + ' · grading as SSL Labs guide 2009r, from the configuration alone',
    ];
    return {
      contents: { kind: 'markdown', value: body.join('\n\n') },
      range: { start: index.positionAt(server.directive.nameSpan.start), end: index.positionAt(server.directive.nameSpan.end) },
    };
  }
  const hit = model.directiveAt(offset);
  if (!hit) return null;
  const value = directiveMarkdown(hit.name, model);
  return value
    ? { contents: { kind: 'markdown', value }, range: { start: index.positionAt(hit.nameSpan.start), end: index.positionAt(hit.nameSpan.end) } }
    : null;
}
