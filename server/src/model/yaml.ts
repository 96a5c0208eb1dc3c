import * as path from 'node:path';
import type { Document } from 'yaml';
import { parseYaml, YamlDocument } from '../parse/yaml';
import type { Span } from '../parse/pem';
import { catalogValidator, externalValidator } from '../schema/ajv';
import { SchemaProblem, toProblems } from '../schema/problems';
import { isValuesFile, SchemaChoice, selectSchema } from '../schema/select';

/** Reads workspace files for the engine (a chart's values.schema.json); undefined when absent. */
export interface EngineHost {
  readFile(path: string): string | undefined;
  /** A binary file (keystores); undefined when absent. */
  readBytes?(path: string): Uint8Array | undefined;
  /** File names in a folder (for include globs); undefined when it cannot be read. */
  listDir?(path: string): string[] | undefined;
}

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
}

function firstLine(text: string, span: Span): Span {
  const nl = text.indexOf('\n', span.start);
  return { start: span.start, end: Math.max(span.start + 1, nl < 0 || nl > span.end ? span.end : nl) };
}

function toJson(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

export function buildYamlModel(text: string, filePath: string, settings: YamlSettings, host?: EngineHost): YamlModel {
  const parsed = parseYaml(text, filePath);
  const dir = path.dirname(filePath);
  const chartSchemaPath = isValuesFile(filePath) ? path.join(dir, 'values.schema.json') : undefined;
  const chartSchemaText = chartSchemaPath && host ? host.readFile(chartSchemaPath) : undefined;
  const documents = parsed.documents.map((d): YamlDocModel => {
    const json = d.errors.length === 0 || parsed.template ? toJson(d.doc) : undefined;
    if (parsed.template || !settings.schemaValidation || json === undefined || json === null) return { ...d, json, problems: [] };
    const docText = text.slice(d.span.start, d.span.end);
    const schema = selectSchema({ path: filePath, text: docText, json, mappings: settings.schemas });
    const problems: SchemaProblem[] = [];
    const fallback = firstLine(text, d.span);
    if (schema?.entry) {
      const validate = catalogValidator(String(schema.entry.schema.$id));
      validate(json);
      problems.push(...toProblems(validate.errors, d.doc, text, fallback));
    } else if (schema?.path) {
      const p = path.resolve(dir, schema.path);
      const t = host?.readFile(p);
      if (t === undefined) {
        problems.push({ kind: 'invalid-value', span: fallback, message: `Schema '${schema.path}' (${schema.reason}) is neither a TLS Lens schema nor a readable file` });
      } else {
        const v = externalValidator(p, t);
        if (v instanceof Error) problems.push({ kind: 'invalid-value', span: fallback, message: `Schema ${schema.path} does not compile: ${v.message}` });
        else { v(json); problems.push(...toProblems(v.errors, d.doc, text, fallback, path.basename(p))); }
      }
    }
    let chartSchema: string | undefined;
    if (chartSchemaText !== undefined && chartSchemaPath) {
      chartSchema = chartSchemaPath;
      const v = externalValidator(chartSchemaPath, chartSchemaText);
      if (v instanceof Error) {
        problems.push({ kind: 'invalid-value', span: fallback, message: `The chart's values.schema.json does not compile: ${v.message}` });
      } else {
        v(json);
        const ours = new Set(problems.map((p) => `${p.span.start}:${p.span.end}:${p.kind}`));
        // One fault, one diagnostic: the chart's schema adds only what ours did not already say there.
        problems.push(...toProblems(v.errors, d.doc, text, fallback, "chart's values.schema.json").filter((p) => !ours.has(`${p.span.start}:${p.span.end}:${p.kind}`)));
      }
    }
    return { ...d, json, schema, chartSchema, problems };
  });
  return { template: parsed.template, documents };
}
