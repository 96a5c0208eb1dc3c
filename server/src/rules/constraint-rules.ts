/**
 * The products' constraints as rules: each constraint of a product module (products/*.ts) is the
 * rule `<product>/<name>`, checked over the YAML documents of its schema by the constraint engine.
 */
import type { Rule } from './types';
import { evaluate } from '../products/constraints';
import type { Constraint, Product } from '../products/types';

function constraintRule(product: Product, c: Constraint): Rule {
  return {
    meta: {
      id: `${product.id}/${c.name}`,
      appliesTo: 'yaml',
      severity: c.severity,
      description: c.description,
      citation: c.citation,
      messages: { constraint: c.message, ...(c.chartDefaults ? { chartDefaults: c.chartDefaults.message } : {}) },
      fixable: c.kind === 'equal' || c.kind === 'scheme' || c.kind === 'value' || (c.kind === 'requires' && c.then.some((n) => n.insert !== undefined)),
      source: `server/src/products/${product.id}.ts`,
    },
    check(ctx) {
      const yaml = ctx.model.yaml;
      if (!yaml || yaml.template) return;
      // A chart's own defaults leave some settings to the install: said there as what to set.
      const defaults = yaml.chartDefaults ? c.chartDefaults : undefined;
      for (const d of yaml.documents) {
        if (d.schema?.entry?.id !== c.schema || d.json === null || typeof d.json !== 'object') continue;
        for (const r of evaluate(c, d, ctx.model)) {
          ctx.report({
            span: r.span,
            messageId: defaults ? 'chartDefaults' : 'constraint',
            ...(defaults ? { severity: defaults.severity } : {}),
            data: r.data,
            ...(r.fixes?.length ? { fix: { fixes: r.fixes } } : {}),
            ...(r.related?.length ? { related: r.related.map((x) => ({ path: ctx.path, span: x.span, message: x.message })) } : {}),
          });
        }
      }
    },
  };
}

/** One rule per constraint of a product. */
export function constraintRules(product: Product): Rule[] {
  return product.constraints.map((c) => constraintRule(product, c));
}
