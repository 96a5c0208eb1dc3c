/**
 * Running the user's helm: `helm template` only (never install, never a cluster: the Kubernetes
 * version pinned, no kubeconfig, helm's homes in a fresh temporary folder so no repository or
 * plugin of the user's is used), arguments as an array (no shell), values handed over as files
 * this module writes (0600, in a 0700 temporary folder, removed after), a time and size budget.
 * The output is split into documents with the template each came from.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type { ReleasePlan } from './plan';
import type { BuildFact } from '../core/release';

/** The Kubernetes version charts see (`.Capabilities.KubeVersion`): the one the API schemas are from. */
export const KUBE_VERSION = '1.35.0';
/** The most of helm's output read (a chart that writes more is cut, and said to be). */
export const MAX_OUTPUT = 32 * 1024 * 1024;

export interface HelmRun {
  readonly ok: boolean;
  readonly stdout: string;
  /** helm's message when it failed (its stderr), or why it could not run. */
  readonly message: string;
  readonly timedOut?: boolean;
  readonly notFound?: boolean;
}

/** A `--set` value as helm's parser reads it literally (commas and backslashes escaped). */
export function setArgument(key: string, value: string): string {
  return `${key}=${value.replace(/[\\,]/g, (c) => `\\${c}`)}`;
}

/** The arguments of `helm template` for a plan, with its values files at these paths. */
export function templateArgs(plan: ReleasePlan, valuesFiles: readonly string[]): string[] {
  return [
    'template', '--namespace', plan.namespace, '--kube-version', KUBE_VERSION,
    ...valuesFiles.flatMap((f) => ['--values', f]),
    ...plan.set.flatMap((s) => [s.string ? '--set-string' : '--set', setArgument(s.key, s.value)]),
    '--', plan.release, plan.chartDir,
  ];
}

/** A tool run: the program, its arguments given the values files written for it, and those values. */
export interface ToolRun {
  readonly command: string;
  readonly args: (valuesFiles: readonly string[]) => string[];
  readonly values: readonly { readonly text: string }[];
}

/** `helm template` of a plan. */
export function helmTemplate(helm: string, plan: ReleasePlan): ToolRun {
  return { command: helm, args: (files) => templateArgs(plan, files), values: plan.values };
}

/** A folder's build as its fact says (`kubectl kustomize -- DIR`), handing helm over when given. */
export function folderBuild(program: string, fact: BuildFact, dir: string, helm?: string): ToolRun {
  return { command: program, args: () => [...fact.args, ...(helm ? [...fact.helmArgs, helm] : []), '--', dir], values: [] };
}

/** A temporary folder with the run's values files and helm's homes; `done` removes it. */
function workFolder(plan: Pick<ToolRun, 'values'>): { dir: string; files: string[]; env: NodeJS.ProcessEnv; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-lens-render-'));
  fs.chmodSync(dir, 0o700);
  const files = plan.values.map((v, i) => {
    const f = path.join(dir, `values-${i}.yaml`);
    fs.writeFileSync(f, v.text, { mode: 0o600, flag: 'wx' });
    return f;
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C',
    HELM_CACHE_HOME: path.join(dir, 'cache'), HELM_CONFIG_HOME: path.join(dir, 'config'), HELM_DATA_HOME: path.join(dir, 'data'),
    HELM_PLUGINS: path.join(dir, 'plugins'), KUBECONFIG: path.join(dir, 'no-kubeconfig'), HELM_NO_PLUGINS: '1',
  };
  return { dir, files, env, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function result(
  tool: string, status: number | null, stdout: string, stderr: string, error: NodeJS.ErrnoException | undefined, timedOut: boolean, budgetMs: number,
): HelmRun {
  const name = path.basename(tool);
  if (error?.code === 'ENOENT') return { ok: false, stdout: '', message: `${name} not found`, notFound: true };
  if (timedOut) return { ok: false, stdout: '', message: `${name} took longer than ${Math.round(budgetMs / 1000)} s and was stopped`, timedOut: true };
  if (error && status === null) return { ok: false, stdout: '', message: `${name} could not run: ${error.message}` };
  if (status !== 0) return { ok: false, stdout, message: stderr.trim() || `${name} exited with status ${status}` };
  return { ok: true, stdout, message: '' };
}

/** Runs a tool, waiting (the CLI). */
export function renderSync(run: ToolRun, budgetMs: number): HelmRun {
  const w = workFolder(run);
  try {
    const r = spawnSync(run.command, run.args(w.files), {
      env: w.env, cwd: w.dir, encoding: 'utf8', timeout: budgetMs, maxBuffer: MAX_OUTPUT, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    return result(run.command, r.status, r.stdout ?? '', r.stderr ?? '', r.error as NodeJS.ErrnoException | undefined, timedOut, budgetMs);
  } finally {
    w.done();
  }
}

/** Runs a tool off the caller's thread (the language server): the same run, as a promise. */
export function renderAsync(run: ToolRun, budgetMs: number): Promise<HelmRun> {
  return new Promise((resolve) => {
    const w = workFolder(run);
    const child = spawn(run.command, run.args(w.files), { env: w.env, cwd: w.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let size = 0;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, budgetMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => { size += d.length; if (size > MAX_OUTPUT) child.kill('SIGKILL'); else out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { if (err.length < 65_536) err += d; });
    let failure: NodeJS.ErrnoException | undefined;
    child.on('error', (e) => { failure = e; });
    child.on('close', (status) => {
      clearTimeout(timer);
      w.done();
      resolve(result(run.command, status, out, err, failure, timedOut, budgetMs));
    });
  });
}

/** A document of helm's output: its text and the template it came from (`# Source:`), relative to the chart. */
export interface RenderedDocument {
  readonly text: string;
  /** `templates/gateway.yaml`, `charts/sub/templates/x.yaml` (the chart's own name dropped). */
  readonly template?: string;
}

/** Kinds that have no namespace (helm leaves the others' to the release namespace, and so does the cluster). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'GatewayClass', 'IngressClass', 'StorageClass',
  'PriorityClass', 'PersistentVolume', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'RuntimeClass', 'CSIDriver', 'Node',
]);

/** A document without `metadata.namespace` gets the release's, as `helm install -n` gives it (written in, so every reader sees it). */
export function withNamespace(text: string, namespace: string): string {
  const kind = /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(text)?.[1];
  const meta = /^metadata:[ \t]*\n/m.exec(text);
  if (!kind || !meta || CLUSTER_SCOPED.has(kind)) return text;
  const after = text.slice(meta.index + meta[0].length);
  const indent = /^([ \t]+)\S/.exec(after)?.[1];
  if (!indent) return text;
  // The metadata block: the lines indented at least as much as its first.
  const block = after.split('\n').findIndex((l) => l.trim() !== '' && !l.startsWith(indent));
  const metaText = block < 0 ? after : after.split('\n').slice(0, block).join('\n');
  if (new RegExp(`^${indent}namespace:`, 'm').test(metaText)) return text;
  const at = meta.index + meta[0].length;
  return `${text.slice(0, at)}${indent}namespace: ${namespace}\n${text.slice(at)}`;
}

/** helm's output as documents, each with its template. */
export function splitOutput(stdout: string, chartName: string, namespace: string): RenderedDocument[] {
  const out: RenderedDocument[] = [];
  for (const chunk of stdout.split(/^---[ \t]*$/m)) {
    if (!/^[ \t]*[A-Za-z"']/m.test(chunk.replace(/^#.*$/gm, ''))) continue;
    const source = /^# Source: (.+)$/m.exec(chunk)?.[1]?.trim();
    const template = source && source.startsWith(`${chartName}/`) ? source.slice(chartName.length + 1) : source;
    out.push({ text: withNamespace(chunk.replace(/^\n/, ''), namespace), ...(template ? { template } : {}) });
  }
  return out;
}
