/**
 * From a declared release (core/release.ts) to what `helm template` is run with: the chart
 * folder (inside the workspace, a Chart.yaml in it, its dependencies vendored), the values in
 * helm's order read through the host (so helm reads nothing the host would not), the `--set`
 * list, each name validated. Everything here comes from the repository: nothing of it becomes an
 * argument before it is checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { EngineHost } from '../core/host';
import type { DeclaredPath, ReleaseFact, RenderProblemFact, SetValue } from '../core/release';
import type { Span } from '../core/types';
import { plainJson } from '../parse/yaml';
import { printable } from '../util/printable';

/** A values source as helm gets it (a text), and where its values are written (provenance). */
export interface PlannedValues {
  /** The text helm reads (a values file's, an inline map as JSON, an Argo CD values text). */
  readonly text: string;
  /** Where the values are written: a values file (all of it) or a region of the declaring file. */
  readonly origin: { readonly path: string; readonly text: string; readonly span?: Span };
}

export interface ReleasePlan {
  readonly release: string;
  readonly namespace: string;
  readonly chartDir: string;
  readonly chartName: string;
  readonly values: readonly PlannedValues[];
  readonly set: readonly SetValue[];
  /** The declaring file and its text. */
  readonly from: string;
  readonly fromText: string;
  readonly fact: ReleaseFact;
}

export type PlanResult = { readonly plan: ReleasePlan } | { readonly problem: RenderProblemFact } | { readonly skip: true };

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SET_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-[\]\\/]{0,252}$/;

/** The folder of the repository the declaring file is in (its git work tree), else the workspace folder holding it. */
function repositoryRoot(file: string, roots: readonly string[]): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  // No git work tree: the outermost workspace folder that holds the file.
  const holding = roots.filter((r) => { const rel = path.relative(r, file); return !rel.startsWith('..') && !path.isAbsolute(rel); });
  return holding.sort((a, b) => a.length - b.length)[0] ?? path.dirname(file);
}

function resolvePath(p: DeclaredPath, from: string, chartDir: string | undefined, roots: readonly string[]): string {
  if (path.isAbsolute(p.path)) return p.path;
  if (p.relativeTo === 'chart' && chartDir) return path.resolve(chartDir, p.path);
  if (p.relativeTo === 'root') return path.resolve(repositoryRoot(from, roots), p.path);
  return path.resolve(path.dirname(from), p.path);
}

/** The dependencies a chart declares that its `charts/` folder lacks (helm would stop, or fetch with `dependency build`). */
function missingDependencies(chartDir: string, chartYaml: string, host: EngineHost): string[] {
  let deps: unknown;
  try { deps = (parse(chartYaml) as { dependencies?: unknown })?.dependencies; } catch { return []; }
  if (!Array.isArray(deps)) return [];
  const present = host.listDir?.(path.join(chartDir, 'charts'), { purpose: 'workspace' }) ?? [];
  const out: string[] = [];
  for (const d of deps) {
    const name = typeof d?.name === 'string' ? d.name : undefined;
    if (!name) continue;
    const alias = typeof d?.alias === 'string' ? d.alias : undefined;
    const here = present.some((f) => f === name || f === alias || (f.startsWith(`${name}-`) && f.endsWith('.tgz')));
    if (!here) out.push(name);
  }
  return out;
}

/** What helm is run with for a release, or why it cannot be (a problem said at the declaration), or nothing to do. */
export function planRelease(fact: ReleaseFact, from: string, host: EngineHost, workspaceObjects: ValuesLookup): PlanResult {
  const problem = (p: RenderProblemFact['problem'], detail: string, span: Span = fact.span): PlanResult => ({
    problem: { kind: 'render-problem', file: from, span, release: fact.release, problem: p, detail },
  });
  if (fact.unsupported) return problem('unsupported', `${fact.via} is not rendered: ${fact.unsupported}`);
  if (!RELEASE_NAME.test(fact.release) || fact.release.length > 53) {
    const name = printable(fact.release.slice(0, 80));
    return problem('unsupported', `${fact.via} is not rendered: '${name}' is not a valid Helm release name (lowercase letters, digits and '-', at most 53)`);
  }
  const namespace = fact.namespace ?? 'default';
  if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
    return problem('unsupported', `${fact.via} is not rendered: namespace '${printable(namespace.slice(0, 80))}' is not a valid Kubernetes namespace name`);
  }
  const fromText = host.readFile(from, { purpose: 'workspace' }) ?? '';
  const chartDir = resolvePath(fact.chart, from, undefined, host.roots);
  // The host reads only inside the workspace, links followed: a chart or values file elsewhere is not read.
  const chartYaml = host.readFile(path.join(chartDir, 'Chart.yaml'), { purpose: 'workspace' });
  if (chartYaml === undefined) {
    if (fact.chart.maybe) return { skip: true };
    return problem('chart', `${fact.via}: no chart at '${printable(fact.chart.path)}' in the workspace (no readable Chart.yaml there)`, fact.chart.span);
  }
  let chartName = path.basename(chartDir);
  try { const n = (parse(chartYaml) as { name?: unknown })?.name; if (typeof n === 'string' && n) chartName = n; } catch { /* helm says it */ }
  const missing = missingDependencies(chartDir, chartYaml, host);
  if (missing.length > 0) {
    return problem('dependencies', `chart '${printable(chartName)}' needs ${missing.map((m) => `'${printable(m)}'`).join(', ')} in its charts/ folder: `
      + `run \`helm dependency build ${printable(path.relative(path.dirname(from), chartDir) || '.')}\` (TLS Lens never fetches)`, fact.chart.span);
  }
  const values: PlannedValues[] = [];
  for (const v of fact.values) {
    if (v.kind === 'file') {
      const file = resolvePath(v.file, from, chartDir, host.roots);
      const text = host.readFile(file, { purpose: 'workspace' });
      if (text === undefined) return problem('failed', `${fact.via}: values file '${printable(v.file.path)}' cannot be read in the workspace`, v.file.span);
      values.push({ text, origin: { path: file, text } });
    } else if (v.kind === 'inline') {
      const text = v.inline.text ?? JSON.stringify(plainJson(v.inline.json));
      values.push({ text, origin: { path: from, text: fromText, span: v.inline.span } });
    } else {
      const found = workspaceObjects(v.from.kind, v.from.name, namespace, v.from.key);
      if (!found) {
        if (v.from.optional) continue;
        const what = `valuesFrom ${v.from.kind} '${printable(v.from.name)}' with key '${printable(v.from.key)}'`;
        return problem('failed', `${fact.via}: ${what} is not in the workspace`, v.from.span);
      }
      values.push({ text: found.text, origin: { path: found.path, text: found.fileText, span: found.span } });
    }
  }
  for (const s of fact.set) {
    if (SET_KEY.test(s.key)) continue;
    return problem('unsupported', `${fact.via} is not rendered: '${printable(s.key.slice(0, 80))}' is not a value path helm's --set takes`, s.span);
  }
  return { plan: { release: fact.release, namespace, chartDir, chartName, values, set: fact.set, from, fromText, fact } };
}

/** A ConfigMap's or Secret's key from the workspace (Flux valuesFrom): its text, and where it is written. */
export type ValuesLookup = (
  kind: 'ConfigMap' | 'Secret', name: string, namespace: string, key: string,
) => { text: string; path: string; fileText: string; span: Span } | undefined;
