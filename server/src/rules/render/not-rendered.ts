import type { Rule } from '../types';
import { RENDER_PROBLEM } from '../../core/release';
import { printable } from '../../util/printable';

export const rule: Rule = {
  meta: {
    id: 'render/not-rendered',
    appliesTo: 'yaml',
    severity: 'information',
    description: 'A Helm release the repository declares (helmfile, Argo CD, Flux, a values modeline, tlsLens.helm.releases) is not rendered: no helm, an untrusted workspace, or a declaration TLS Lens cannot render as written; only its values are checked.',
    citation: 'TLS Lens: rendered checks (README, "Charts as they render"); helm template',
    messages: {
      noHelm: "helm not found: rendered checks are off for release '{{release}}'; set tlsLens.helm.path (CLI: --helm PATH).",
      noProgram: '{{program}} not found: the build of {{release}}/ is off; set tlsLens.{{program}}.path (CLI: --{{program}} PATH).',
      untrusted: "Release '{{release}}' is not rendered: TLS Lens never runs helm in an untrusted workspace (Restricted Mode, --restricted).",
      unsupported: '{{detail}}',
    },
  },
  check(ctx) {
    for (const { fact } of ctx.workspace?.facts(RENDER_PROBLEM) ?? []) {
      if (fact.file !== ctx.path) continue;
      const data = { release: fact.release, detail: printable(fact.detail) };
      if (fact.problem === 'no-helm') ctx.report({ span: fact.span, messageId: 'noHelm', data });
      else if (fact.problem === 'no-program') ctx.report({ span: fact.span, messageId: 'noProgram', data: { ...data, program: printable(fact.detail) } });
      else if (fact.problem === 'untrusted') ctx.report({ span: fact.span, messageId: 'untrusted', data });
      else if (fact.problem === 'unsupported') ctx.report({ span: fact.span, messageId: 'unsupported', data });
    }
  },
};
