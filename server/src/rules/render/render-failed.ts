import type { Rule } from '../types';
import { RENDER_PROBLEM } from '../../core/release';
import { printable } from '../../util/printable';

/** helm's message on one line, at most 600 characters (its `Error: ` prefix dropped). */
function helmMessage(detail: string): string {
  const one = detail.replace(/^Error: /, '').replace(/\n?Use --debug flag to render out invalid YAML\s*$/, '').trim().replace(/\s*\n\s*/g, ' · ');
  return printable(one.length > 600 ? `${one.slice(0, 597)}…` : one);
}

export const rule: Rule = {
  meta: {
    id: 'render/render-failed',
    appliesTo: 'yaml',
    severity: 'error',
    description: "A Helm release the repository declares does not render: helm template fails (a `fail` or `required` in a template, a template error), the chart's dependencies are not vendored, the chart or a values file is missing, or helm runs out of time; the install would fail the same way.",
    citation: 'helm template (Helm 3/4 documentation: "helm template", "helm dependency build")',
    messages: {
      failed: "Release '{{release}}' does not render: {{detail}}",
      dependencies: "Release '{{release}}' cannot render: {{detail}}",
      missing: '{{detail}}',
    },
  },
  check(ctx) {
    for (const { fact } of ctx.workspace?.facts(RENDER_PROBLEM) ?? []) {
      if (fact.file !== ctx.path) continue;
      if (fact.problem === 'failed' || fact.problem === 'timeout') {
        ctx.report({ span: fact.span, messageId: 'failed', data: { release: fact.release, detail: helmMessage(fact.detail) } });
      } else if (fact.problem === 'dependencies') {
        ctx.report({ span: fact.span, messageId: 'dependencies', data: { release: fact.release, detail: printable(fact.detail) } });
      } else if (fact.problem === 'chart') ctx.report({ span: fact.span, messageId: 'missing', data: { detail: printable(fact.detail) } });
    }
  },
};
