/**
 * Charts as they render: the releases the workspace declares (core/release.ts facts), rendered
 * with the user's helm (render/), put in the workspace index as a layer of each release, checked
 * with every rule, and each finding moved to the source that produced the offending value
 * (render/provenance.ts). What could not be rendered is stated for rules/render/. The CLI runs it
 * between its two passes; the language server off its request thread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { Engine, Finding, IndexedDocument } from './engine';
import { BuildFact, MANIFEST_BUILD, RELEASE, ReleaseFact, RenderProblemFact } from './core/release';
import type { Span } from './core/types';
import type { EngineHost } from './core/host';
import { planRelease, ReleasePlan, ValuesLookup } from './render/plan';
import { HelmRun, helmTemplate, folderBuild, renderAsync, renderSync, splitOutput, ToolRun } from './render/helm';
import { landing, SourceText } from './render/provenance';
import type { RenderCache } from './render/cache';
import { obj, str } from './products/json';
import { looksSecret } from './util/redact';

export interface RenderOptions {
  /** Off: nothing is rendered and nothing said (`--no-render`, tlsLens.helm.enabled false). */
  readonly enabled: boolean;
  /** The helm to run: a path, or a name looked up on the PATH. */
  readonly helm: string;
  readonly timeoutMs: number;
  /** False in an untrusted workspace: helm is never run there. */
  readonly trusted: boolean;
  /** helm's answers by their inputs (the language server keeps one across renders). */
  readonly cache?: RenderCache;
  /** The kubectl that builds kustomizations: a path, or a name on the PATH (default `kubectl`). */
  readonly kubectl?: string;
  /** `tlsLens.helm.releases`: releases a workspace lists without declaring them in a file. */
  readonly releases?: readonly SettingRelease[];
}

/** One entry of `tlsLens.helm.releases`: paths relative to the (first) workspace folder. */
export interface SettingRelease {
  readonly chart: string;
  readonly release?: string;
  readonly namespace?: string;
  readonly values?: readonly string[];
  readonly set?: Readonly<Record<string, string>>;
}

/** The setting's releases as facts, each said on its first values file (else the chart's Chart.yaml). */
export function settingReleases(list: readonly unknown[], root: string | undefined): { fact: ReleaseFact; path: string }[] {
  if (!root) return [];
  const out: { fact: ReleaseFact; path: string }[] = [];
  list.slice(0, 100).forEach((entry, i) => {
    const e = obj(entry);
    const chart = str(e?.chart);
    if (!e || !chart) return;
    const at = { start: 0, end: 0 };
    const files = Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === 'string' && v !== '') : [];
    const abs = (p: string) => path.resolve(root, p);
    const from = files.length ? abs(files[0]) : path.join(abs(chart), 'Chart.yaml');
    const setObj = obj(e.set) ?? {};
    const release = str(e.release) ?? path.basename(abs(chart));
    out.push({
      path: from,
      fact: {
        kind: RELEASE.kind, span: at, via: `tlsLens.helm.releases[${i}]`, release, ...(str(e.namespace) ? { namespace: str(e.namespace)! } : {}),
        chart: { path: abs(chart), relativeTo: 'file', span: at },
        values: files.map((f) => ({ kind: 'file' as const, file: { path: abs(f), relativeTo: 'file' as const, span: at } })),
        set: Object.entries(setObj).filter(([, v]) => typeof v === 'string').map(([key, value]) => ({ key, value: value as string, span: at })),
      },
    });
  });
  return out;
}

/** A finding moved to its source, with the file it lands in and what it is about as rendered. */
export interface LandedFinding {
  readonly path: string;
  readonly finding: Finding;
  readonly rendered: RenderedSnippet;
}

/** The rendered object a landed finding is about, for a hover: where it came from, and its lines there. */
export interface RenderedSnippet {
  /** `Gateway shop in namespace prod, rendered from templates/gateway.yaml by helmfile release shop`. */
  readonly what: string;
  /** The rendered lines around the offending value (a line that looks like key material is hidden). */
  readonly snippet: string;
}

/** Up to 3 lines before and 5 after the span's first line, key material and Secret data hidden. */
export function snippetOf(text: string, span: Span): string {
  const lines = text.split('\n');
  const line = text.slice(0, span.start).split('\n').length - 1;
  return lines.slice(Math.max(0, line - 3), line + 6).map((l) => {
    const m = /^(\s*(?:-\s+)?[\w.\-/"']+:\s*)(.*)$/.exec(l);
    return looksSecret(l) || (m && /(key|password|token|secret)["']?:/i.test(m[1]) && m[2] !== '') ? `${m ? m[1] : ''}‹hidden›` : l;
  }).join('\n');
}

export interface RenderOutcome {
  readonly releases: number;
  readonly rendered: number;
  /** Findings on rendered objects, each on the source line that produced it. */
  readonly findings: readonly LandedFinding[];
  /** Moves a related location that points into a rendered object to its template line. */
  readonly relate: (f: Finding) => Finding;
}

const LAYER = '.tls-lens-rendered';

/**
 * A file's own findings with those landed on it, but not where its own check already says the same
 * (a literal a template writes is found by the template's check too): once is enough.
 */
export function withLanded(own: readonly Finding[], landed: readonly Finding[]): Finding[] {
  const out = [...own];
  for (const f of landed) if (!out.some((g) => g.ruleId === f.ruleId && g.span.start < f.span.end && f.span.start < g.span.end)) out.push(f);
  return out;
}

/** Whether a path is a rendered object's (no file has it). */
export const isRenderedPath = (p: string): boolean => p.includes(`${path.sep}${LAYER}${path.sep}`) || p.includes(`${LAYER}#`);

/** helm as a path: as given when it has a folder, else the first on the PATH. */
export function findProgram(helm: string): string | undefined {
  if (helm.includes('/') || helm.includes(path.sep)) return fs.existsSync(helm) ? helm : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, helm);
    try { fs.accessSync(p, fs.constants.X_OK); if (fs.statSync(p).isFile()) return p; } catch { /* next */ }
  }
  return undefined;
}

interface RenderedDoc { readonly indexed: IndexedDocument; readonly plan: ReleasePlan; readonly template?: SourceText; readonly object: string }

/** `Certificate shop-api in namespace shop`, from a rendered document's model. */
function objectName(doc: IndexedDocument): string {
  const json = obj(doc.model.yaml?.documents[0]?.json);
  const meta = obj(json?.metadata);
  return `${str(json?.kind) ?? 'object'} ${str(meta?.name) ?? '(unnamed)'}${str(meta?.namespace) ? ` in namespace ${str(meta?.namespace)}` : ''}`;
}


/** Renders every release the workspace declares and checks what they render (the CLI: waits for each helm). */
export function renderWorkspace(engine: Engine, opts: RenderOptions): RenderOutcome {
  const steps = renderSteps(engine, opts);
  let step = steps.next();
  while (!step.done) step = steps.next(renderSync(step.value, opts.timeoutMs));
  return step.value;
}

/** The same, with helm run off the caller's thread (the language server's engine worker goes on meanwhile). */
export async function renderWorkspaceAsync(engine: Engine, opts: RenderOptions): Promise<RenderOutcome> {
  const steps = renderSteps(engine, opts);
  let step = steps.next();
  while (!step.done) step = steps.next(await renderAsync(step.value, opts.timeoutMs));
  return step.value;
}

/** The releases, planned, rendered (each helm run asked of the driver), layered into the index and checked. */
function* renderSteps(engine: Engine, opts: RenderOptions): Generator<ToolRun, RenderOutcome, HelmRun> {
  const ws = engine.workspace;
  const none: RenderOutcome = { releases: 0, rendered: 0, findings: [], relate: (f) => f };
  if (!ws || !opts.enabled) return none;
  const host = ws.host;
  const declared = [...ws.facts(RELEASE).filter((r) => !isRenderedPath(r.path)), ...settingReleases(opts.releases ?? [], host.roots[0])];
  // Releases gone since the last render take their layers with them.
  for (const id of ws.layerIds()) if (isRenderedPath(id)) ws.setLayer(id, []);
  const builds = ws.facts(MANIFEST_BUILD).filter((k) => !isRenderedPath(k.path));
  if (declared.length === 0 && builds.length === 0) return none;
  const lookup: ValuesLookup = (kind, name, namespace, key) => {
    for (const { object, path: file } of ws.objects(kind, name, namespace)) {
      const entry = object.entries.get(key);
      const text = entry ? host.readFile(file, { purpose: 'workspace' }) : undefined;
      if (!entry || text === undefined) continue;
      // The value as the file writes it (a block scalar's lines), or its decoded bytes (a Secret's data).
      const value = entry.bytes ? new TextDecoder().decode(entry.bytes) : blockValue(text, entry.span);
      return { text: value, path: file, fileText: text, span: entry.span };
    }
    return undefined;
  };
  const problems: RenderProblemFact[] = [];
  /** What rendering a release (or build) came to, said for its declaring file. */
  const sayer = (file: string, release: string, at: Span) => (p: RenderProblemFact['problem'], detail: string, span: Span = at) => {
    problems.push({ kind: 'render-problem', file, span, release, problem: p, detail });
  };
  const docs: RenderedDoc[] = [];
  const helm = opts.trusted ? findProgram(opts.helm) : undefined;
  let rendered = 0;
  for (const { fact, path: from } of declared) {
    const problem = sayer(from, fact.release, fact.span);
    if (!opts.trusted) { problem('untrusted', ''); continue; }
    const planned = planRelease(fact, from, host, lookup);
    if ('skip' in planned) continue;
    if ('problem' in planned) { problems.push(planned.problem); continue; }
    if (!helm) { problem('no-helm', ''); continue; }
    const key = opts.cache?.key(helm, planned.plan);
    const run: HelmRun = opts.cache?.get(key) ?? (yield helmTemplate(helm, planned.plan));
    opts.cache?.set(key, run);
    if (run.notFound) { problem('no-helm', ''); continue; }
    if (!run.ok) { problem(run.timedOut ? 'timeout' : 'failed', run.message, failureSpan(fact)); continue; }
    rendered++;
    docs.push(...layer(engine, planned.plan, run.stdout));
  }
  for (const { fact, path: from } of builds) {
    const dir = path.dirname(from);
    const problem = sayer(from, path.basename(dir), fact.span);
    if (!opts.trusted) { problem('untrusted', ''); continue; }
    if (fact.unsupported) { problem('unsupported', `${capital(fact.via)} is not built: ${fact.unsupported}`); continue; }
    const missing = fact.charts.find((c) => !c.paths.some((p) => fs.existsSync(path.join(dir, p))));
    if (missing) {
      const detail = `chart '${missing.name}' is not in ${fact.chartHome}/: the build would pull it; `
        + 'put it there (`helm pull --untar`), TLS Lens never fetches';
      problem('dependencies', detail, missing.span);
      continue;
    }
    if (fact.charts.length > 0 && !helm) { problem('no-helm', ''); continue; }
    const program = findProgram(opts.kubectl ?? fact.program);
    if (!program) { problem('no-program', fact.program); continue; }
    const plan = buildPlan(fact, from, dir, host);
    const run: HelmRun = yield folderBuild(program, fact, dir, fact.charts.length > 0 ? helm : undefined);
    if (run.notFound) { problem('no-program', fact.program); continue; }
    if (!run.ok) { problem(run.timedOut ? 'timeout' : 'failed', run.message); continue; }
    rendered++;
    docs.push(...layer(engine, plan, run.stdout));
  }
  ws.setLayer(`${LAYER}#problems`, [], problems);
  // Pass 2 over the rendered objects, once every layer is in: a Secret of one release serves another's Gateway.
  const chartValues = new Map<string, SourceText | undefined>();
  const findings: LandedFinding[] = [];
  const seen = new Set<string>();
  const byPath = new Map(docs.map((d) => [d.indexed.doc.uri, d]));
  const relate = (f: Finding): Finding => (f.related?.some((r) => isRenderedPath(r.path)) ? {
    ...f, related: f.related.map((r) => {
      const d = byPath.get(r.path);
      if (!d) return r;
      const to = landing(d.plan, { text: d.indexed.model.text, ...(d.template ? { template: d.template } : {}) }, r.span, undefined);
      const from = d.template ? path.relative(d.plan.chartDir, d.template.path) : 'its chart';
      return { path: to.path, span: to.span, message: `${r.message} (${d.object}, rendered from ${from})` };
    }),
  } : f);
  for (const d of docs) {
    const { plan } = d;
    if (!chartValues.has(plan.chartDir)) {
      const p = path.join(plan.chartDir, 'values.yaml');
      const text = host.readFile(p, { purpose: 'workspace' });
      chartValues.set(plan.chartDir, text === undefined ? undefined : { path: p, text });
    }
    for (const f of engine.rulesOver(d.indexed).findings) {
      const to = landing(plan, { text: d.indexed.model.text, ...(d.template ? { template: d.template } : {}) }, f.span, chartValues.get(plan.chartDir));
      const templateName = d.template ? path.relative(plan.chartDir, d.template.path) : undefined;
      const where = `${d.object}, rendered${templateName ? ` from ${templateName}` : ''} by ${plan.fact.via}`;
      const moved: Finding = relate({
        ...f, span: to.span, message: `${f.message} [rendered: ${where}]`,
        related: [
          ...(f.related ?? []),
          ...(d.template ? [{ path: d.template.path, span: to.how === 'template' ? to.span : { start: 0, end: 0 }, message: where }] : []),
        ],
      });
      // A fix is written for the rendered text: it does not apply to the source it lands on.
      const { fix: _fix, ...landed } = moved;
      const key = `${to.path}:${to.span.start}:${to.span.end}:${f.ruleId}:${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ path: to.path, finding: landed, rendered: { what: where, snippet: snippetOf(d.indexed.model.text, f.span) } });
    }
  }
  return { releases: declared.length, rendered, findings, relate };
}

/** The YAML files a build reads (its folder, and the folders it names), as provenance sources. */
function buildPlan(build: BuildFact, from: string, dir: string, host: EngineHost): ReleasePlan {
  const { inputs, span } = build;
  const files: string[] = [];
  const add = (d: string, depth: number) => {
    let names: string[] | undefined;
    try { names = fs.readdirSync(d); } catch { names = undefined; }
    for (const n of names ?? []) {
      if (files.length >= 200) return;
      const p = path.join(d, n);
      if (/\.ya?ml$/.test(n)) files.push(p);
      else if (depth > 0 && !n.startsWith('.') && fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) add(p, depth - 1);
    }
  };
  add(dir, 0);
  for (const i of inputs) { const p = path.resolve(dir, i); if (fs.statSync(p, { throwIfNoEntry: false })?.isDirectory()) add(p, 2); }
  const values = [...new Set(files)].flatMap((f) => {
    const text = host.readFile(f, { purpose: 'workspace' });
    return text === undefined ? [] : [{ text, origin: { path: f, text } }];
  });
  const via = `${build.via} (${path.basename(dir)}/)`;
  const release = path.basename(dir);
  const fact = { kind: RELEASE.kind, span, via, release, chart: { path: dir, relativeTo: 'file', span }, values: [], set: [] } as ReleaseFact;
  return { release: path.basename(dir), namespace: 'default', chartDir: dir, chartName: '', values, set: [], from, fromText: '', fact };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a failed render is said: the last values file the declaration names (the values a `fail` judges), else the declaration. */
function failureSpan(fact: ReleaseFact): Span {
  const files = fact.values.filter((v) => v.kind === 'file');
  const last = files[files.length - 1];
  return last?.kind === 'file' && last.file.span !== fact.span ? last.file.span : fact.span;
}

/** A value's text from its span in the file (a block scalar, quoted or plain), as YAML reads it. */
function blockValue(text: string, span: Span): string {
  try {
    const v: unknown = parse(text.slice(span.start, span.end));
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

/** A release's rendered documents: indexed under paths of their own, as one layer. */
function layer(engine: Engine, plan: ReleasePlan, stdout: string): RenderedDoc[] {
  const ws = engine.workspace!;
  const base = path.join(plan.chartDir, LAYER, `${plan.release}.${plan.namespace}`);
  const docs = splitOutput(stdout, plan.chartName, plan.namespace).map((r, i) => ({
    source: r, doc: { uri: path.join(base, `${i}-${path.basename(r.template ?? 'output.yaml')}`), languageId: 'yaml', text: r.text },
  }));
  const indexed = engine.index(docs.map((d) => d.doc));
  ws.setLayer(base, indexed.map((i) => i.doc.uri));
  const templates = new Map<string, SourceText | undefined>();
  return indexed.map((ix, i) => {
    const t = docs[i].source.template;
    let template: SourceText | undefined;
    if (t) {
      if (!templates.has(t)) {
        const p = path.join(plan.chartDir, t);
        const text = ws.host.readFile(p, { purpose: 'workspace' });
        templates.set(t, text === undefined ? undefined : { path: p, text });
      }
      template = templates.get(t);
    }
    return { indexed: ix, plan, ...(template ? { template } : {}), object: objectName(ix) };
  });
}
