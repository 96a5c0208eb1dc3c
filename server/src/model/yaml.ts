import * as path from 'node:path';
import { parseYaml, PathSegment, plainJson, YamlDocument } from '../parse/yaml';
import type { Located, Span } from '../core/types';
import { catalogValidator, ExternalSchema, externalValidator } from '../schema/ajv';
import type { EngineHost } from '../core/host';
import { SchemaProblem, toProblems } from '../schema/problems';
import { hasKubeChecks, kubeProblems, withDefaults } from '../schema/kube';
import { isValuesFile, SchemaChoice, SchemaSource, selectSchema } from '../schema/select';

export interface YamlSettings {
  /** `tlsLens.yaml.schemaValidation`: false turns the schema layer off (Red Hat YAML may do it). */
  readonly schemaValidation: boolean;
  /** `tlsLens.yaml.schemas`: glob → catalog id or schema path. */
  readonly schemas: Readonly<Record<string, string>>;
}

export interface YamlDocModel extends YamlDocument {
  readonly json: unknown;
  readonly schema?: SchemaChoice;
  /** The chart's values.schema.json beside a values file, when there is one. */
  readonly chartSchema?: string;
  readonly problems: readonly SchemaProblem[];
}

export interface YamlModel {
  readonly template: boolean;
  readonly documents: readonly YamlDocModel[];
  /**
   * A chart's own values.yaml (a Chart.yaml beside it): the chart's defaults, which an install
   * overrides, not the values of an install (an overlay or example values file).
   */
  readonly chartDefaults?: boolean;
  /**
   * The `# tls-lens: key=value …` modeline's fields (the first comment line of that form), each
   * with the span of its value: `schema=` chooses a schema, `chart= release= namespace=` declare a release.
   */
  readonly modeline?: ReadonlyMap<string, Located>;
}

/** A modeline line: `# tls-lens:` then `key=value` words. */
const MODELINE_LINE = /^#[ \t]*tls-lens:[ \t]*(.*)$/m;

/** The fields of a text's `# tls-lens:` modeline, each value with its span (keys are letters; at most 10 fields). */
export function modelineFields(text: string): ReadonlyMap<string, Located> | undefined {
  const m = MODELINE_LINE.exec(text.length > 65_536 ? text.slice(0, 65_536) : text);
  if (!m) return undefined;
  const out = new Map<string, Located>();
  const start = m.index + m[0].length - m[1].length;
  for (const w of m[1].matchAll(/([a-zA-Z][\w-]{0,30})=(\S{1,1000})/g)) {
    if (out.size >= 10) break;
    const valueStart = start + w.index! + w[1].length + 1;
    if (!out.has(w[1])) out.set(w[1], { value: w[2], span: { start: valueStart, end: valueStart + w[2].length } });
  }
  return out.size > 0 ? out : undefined;
}

function firstLine(text: string, span: Span): Span {
  const nl = text.indexOf('\n', span.start);
  return { start: span.start, end: Math.max(span.start + 1, nl < 0 || nl > span.end ? span.end : nl) };
}

/** A schema named by a modeline or setting: inside the workspace (the host refuses anything else). */
function namedSchemaPath(name: string, dir: string): string {
  return path.resolve(dir, name);
}

/** A YAML file's documents, each with the schema `schemas` (the products, handed in) selects for it, and that schema's problems. */
export function buildYamlModel(text: string, filePath: string, settings: YamlSettings, schemas: SchemaSource, host?: EngineHost, validate = true): YamlModel {
  const parsed = parseYaml(text, filePath);
  const dir = path.dirname(filePath);
  // A chart's values.schema.json applies to the values files beside it: named values*.yaml, or
  // recognised as values by their content (read once, when the first such document asks).
  const chartSchemaPath = path.join(dir, 'values.schema.json');
  const byName = isValuesFile(filePath);
  let chartRead = false;
  let chartText: string | undefined;
  const chartSchemaFor = (json: unknown): string | undefined => {
    const obj = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    if (!host || !obj || (!byName && (typeof obj.kind === 'string' || !schemas.ofValues(obj)))) return undefined;
    if (!chartRead) { chartRead = true; chartText = host.readFile(chartSchemaPath, { purpose: 'schema' }); }
    return chartText;
  };
  // Never in an untrusted workspace (the host refuses schema reads there).
  const documents = parsed.documents.map((d, i): YamlDocModel => {
    const json = d.errors.length === 0 || parsed.template ? d.json : undefined;
    if (parsed.template || json === undefined || json === null) return { ...d, json, problems: [] };
    // The first document's text starts at the top of the file: a modeline on line 1 is its own.
    const docText = text.slice(i === 0 ? 0 : d.span.start, d.span.end);
    // Schemas are chosen for, and validate, the values as written (a `tpl` string is a string to
    // them); the model keeps them as TemplateValues, unknown to every reader above.
    const written = d.templated ? plainJson(json) : json;
    const schema = selectSchema({ path: filePath, text: docText, json: written, mappings: settings.schemas }, schemas);
    const problems: SchemaProblem[] = [];
    const limits = [...d.limits];
    // Without schema validation (tlsLens.yaml.schemaValidation: false) the schema is still chosen:
    // the product knowledge (references, constraints) depends on it.
    if (!settings.schemaValidation) return { ...d, json, schema, problems, limits };
    const chartSchemaText = chartSchemaFor(written);
    if (!validate) return { ...d, json, schema, chartSchema: chartSchemaText !== undefined ? chartSchemaPath : undefined, problems, limits };
    const fallback = firstLine(text, d.span);
    const isSecret = (json as { kind?: unknown }).kind === 'Secret';
    const underSecret = (p: readonly PathSegment[]) => isSecret && (p[0] === 'data' || p[0] === 'stringData');
    const run = (compiled: ExternalSchema, origin: string, what: string) => {
      if (compiled.validate instanceof Error) {
        problems.push({ kind: 'invalid-value', span: fallback, message: `${what} does not compile: ${compiled.validate.message}` });
        return;
      }
      compiled.validate(written);
      const ours = new Set(problems.map((p) => `${p.span.start}:${p.span.end}:${p.kind}`));
      // One fault, one diagnostic: a second schema adds only what the first did not already say there.
      problems.push(...toProblems(compiled.validate.errors, d.doc, text, fallback, origin, underSecret)
        .filter((p) => !ours.has(`${p.span.start}:${p.span.end}:${p.kind}`)));
      for (const pattern of compiled.skippedPatterns) {
        limits.push({
          span: fallback,
          message: `${what} has a pattern that could take exponential time on some input (${quotePattern(pattern)}); it is not run`,
        });
      }
    };
    if (schema?.entry) {
      const validate = catalogValidator(String(schema.entry.schema.$id));
      // A CRD-derived schema validates the object as the API server stores it: with its defaults.
      const kube = hasKubeChecks(schema.entry.schema);
      validate(kube ? withDefaults(schema.entry.schema, written) : written);
      problems.push(...toProblems(validate.errors, d.doc, text, fallback, '', underSecret));
      if (kube) problems.push(...kubeProblems(schema.entry.schema, written, { doc: d.doc, text, fallback }));
    } else if (schema?.path) {
      const p = namedSchemaPath(schema.path, dir);
      const t = host?.readFile(p, { purpose: 'schema' });
      if (t === undefined) {
        problems.push({
          kind: 'invalid-value', span: fallback,
          message: `Schema '${quotePattern(schema.path)}' (${schema.reason}) is neither a TLS Lens schema nor a readable JSON Schema file `
            + `in the workspace${host && !host.trusted ? ' (workspace schemas are not read in Restricted Mode)' : ''}`,
        });
      }
      else run(externalValidator(p, t), path.basename(p), `Schema ${quotePattern(schema.path)}`);
    }
    let chartSchema: string | undefined;
    if (chartSchemaText !== undefined) {
      chartSchema = chartSchemaPath;
      run(externalValidator(chartSchemaPath, chartSchemaText), "chart's values.schema.json", "The chart's values.schema.json");
    }
    return { ...d, json, schema, chartSchema, problems, limits };
  });
  const chartDefaults = path.basename(filePath) === 'values.yaml' && host?.readFile(path.join(dir, 'Chart.yaml'), { purpose: 'workspace' }) !== undefined;
  const modeline = modelineFields(text);
  return { template: parsed.template, documents, ...(chartDefaults ? { chartDefaults } : {}), ...(modeline ? { modeline } : {}) };
}

/** A pattern or path as a message may show it: one line, at most 60 characters. */
function quotePattern(p: string): string {
  const one = p.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** The document of a YAML file an offset falls in (the last one past the end). */
export function documentAt(model: YamlModel, offset: number): YamlDocModel | undefined {
  const docs = model.documents;
  return docs.find((d) => offset >= d.span.start && offset <= d.span.end) ?? docs[docs.length - 1];
}
