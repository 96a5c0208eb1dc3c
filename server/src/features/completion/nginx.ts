/** Completion in nginx: directives (with their documentation) and the values a directive takes. */
import type { CompletionItem } from 'vscode-languageserver-types';
import type { NginxModel } from '../../model/nginx';
import { nginxTypingAt } from '../../model/typing';
import { DIRECTIVES, PROFILES } from '../../nginx/directives';
import { recommendedGroups } from '../../nginx/groups';
import { directiveMarkdown } from '../hover/nginx';
import type { CompletionContext } from './context';

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

export function nginxCompletion({ model: doc, position }: CompletionContext): CompletionItem[] {
  const model = doc.nginx;
  if (!model) return [];
  const typing = nginxTypingAt(doc, position.line, position.character);
  if (!typing) return [];
  if (typing.kind === 'value') {
    const info = DIRECTIVES[typing.directive];
    const options = info?.flag ? ['on', 'off'] : valuesFor(typing.directive, model) ?? [];
    return options.map((o, i) => ({ label: o, kind: 12 as CompletionItem['kind'], sortText: String(i).padStart(2, '0'), insertText: `${o};` }));
  }
  return Object.entries(DIRECTIVES).filter(([, info]) => !info.removed).map(([name, info]) => ({
    label: name,
    kind: 14 as CompletionItem['kind'],
    detail: info.syntax,
    documentation: { kind: 'markdown', value: directiveMarkdown(name, model) ?? info.doc },
    insertText: info.block ? `${name} ` : `${name} `,
  }));
}
