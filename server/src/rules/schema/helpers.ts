import type { RuleContext } from '../types';
import type { ProblemKind } from '../../schema/problems';

/** Reports the schema problems of one kind; the fixes travel on the diagnostic. */
export function reportProblems(ctx: RuleContext, kind: ProblemKind): void {
  for (const d of ctx.model.yaml?.documents ?? []) {
    for (const p of d.problems) {
      if (p.kind !== kind) continue;
      ctx.report({
        span: p.span, messageId: 'problem', data: { message: p.message, schema: d.schema?.entry?.id ?? d.schema?.path ?? 'chart' },
        ...(p.fixes ? { fix: { fixes: p.fixes } } : {}),
      });
    }
  }
}
