/**
 * The generate commands: the client asks (quick picks and input boxes, prefilled from the active
 * editor) and shows (progress, a notification with "Open Folder" / "Copy Password", a modal before
 * anything is replaced); the server makes and writes (`tlsLens.server.generate`), so the CLI and
 * the editor run the same code. Every command takes an optional argument object with the answers,
 * for keybindings and tests; what it lacks is asked. Refused in Restricted Mode.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import type { Ctx } from '../ctx';

const SERVER_GENERATE = 'tlsLens.server.generate';
const KEYS = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519'];
const KEY_DETAIL: Record<string, string> = {
  'ec-p256': 'ECDSA P-256 (default: fast, small, everywhere)', 'ec-p384': 'ECDSA P-384', 'rsa-2048': 'RSA 2048 (for old clients)',
  'rsa-3072': 'RSA 3072', 'rsa-4096': 'RSA 4096 (slow to make)', ed25519: 'Ed25519 (not for browsers)',
};

type Args = Record<string, unknown> & { kind?: string };
type Result =
  | { status: 'made'; title: string; out?: string; files: { path: string; kind: string }[]; edit?: unknown; notes: string[]; passwordFiles: string[] }
  | { status: 'exists'; out: string; existing: string[] }
  | { status: 'confirm'; message: string }
  | { status: 'error'; message: string };

class Cancelled extends Error {}

/** A DNS name (a wildcard only as the whole first label) or an IP address. */
export function nameProblem(n: string): string | undefined {
  if (/^[0-9.]+$/.test(n) || n.includes(':')) return /^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:]+$/i.test(n) ? undefined : `'${n}' is not an IP address`;
  const labels = n.split('.');
  const ok = (l: string) => /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/.test(l);
  if (n.length > 253 || !(labels[0] === '*' ? labels.length >= 3 && labels.slice(1).every(ok) : labels.every(ok))) {
    return `'${n}' is not a DNS name (a wildcard only as the whole first label, as *.example.com)`;
  }
  return undefined;
}

function names(s: string): string[] {
  return s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);
}

async function ask<T>(p: Thenable<T | undefined>): Promise<T> {
  const v = await p;
  if (v === undefined) throw new Cancelled();
  return v;
}

function baseFolder(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.uri.scheme === 'file') return path.dirname(doc.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function prefill(ctx: Ctx): Promise<{ names: string[]; clients: string[]; product?: string }> {
  const editor = vscode.window.activeTextEditor;
  const client = ctx.languageClient;
  if (!editor || !client) return { names: [], clients: [] };
  try {
    const r = await client.sendRequest<{ names: string[]; clients: string[]; product?: string } | null>('tlsLens/generatePrefill', {
      uri: editor.document.uri.toString(), position: editor.selection.active,
    });
    return r ?? { names: [], clients: [] };
  } catch {
    return { names: [], clients: [] };
  }
}

/** The bundles the server makes (`tls-lens generate bundle <id>`): it knows the products. */
async function bundleIds(ctx: Ctx): Promise<string[]> {
  const client = ctx.languageClient;
  if (!client) throw new Error('the TLS Lens language server is not running');
  const r = await client.sendRequest<{ id: string }[] | null>('tlsLens/bundles');
  return (r ?? []).map((b) => b.id);
}

async function pickKey(a: Args): Promise<string> {
  if (typeof a.key === 'string') return a.key;
  const p = await ask(vscode.window.showQuickPick(
    KEYS.map((k) => ({ label: k, detail: KEY_DETAIL[k] })), { title: 'TLS Lens: key type', placeHolder: 'ec-p256' },
  ));
  return p.label;
}

/** Validity in days: 365 for private PKI, the CA/Browser Forum's public limits, or another number. */
async function pickDays(a: Args, def = 365): Promise<number> {
  if (typeof a.days === 'number') return a.days;
  const items = [def, ...[365, 398, 200, 90, 47].filter((d) => d !== def)].map((d) => ({
    label: `${d} days`, days: d,
    detail: d === 365 ? 'private PKI (default)' : d === 3650 ? 'a CA (default)' : d === 398 ? 'public TLS today (CA/Browser Forum)'
      : d === 47 ? 'public TLS from 2029' : 'public TLS on the CA/Browser Forum schedule',
  }));
  const p = await ask(vscode.window.showQuickPick([...items, { label: 'Other…', days: 0, detail: '1 to 36500 days' }], { title: 'TLS Lens: validity' }));
  if (p.days) return p.days;
  const v = await ask(vscode.window.showInputBox({
    title: 'TLS Lens: validity in days', value: String(def),
    validateInput: (s) => (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 36500 ? undefined : 'a whole number of days, 1 to 36500'),
  }));
  return Number(v);
}

async function pickOut(a: Args, suggestion: string | undefined): Promise<string> {
  if (typeof a.out === 'string') return a.out;
  const def = path.join(suggestion ?? baseFolder() ?? process.cwd(), 'pki');
  return ask(vscode.window.showInputBox({
    title: 'TLS Lens: output folder', value: def, prompt: 'Files are never replaced without asking you first',
    validateInput: (v) => (path.isAbsolute(v) ? undefined : 'an absolute folder'),
  }));
}

async function pickFile(a: Args, key: string, title: string, filters?: Record<string, string[]>): Promise<string> {
  if (typeof a[key] === 'string') return a[key] as string;
  const r = await ask(vscode.window.showOpenDialog({
    title, canSelectMany: false, defaultUri: baseFolder() ? vscode.Uri.file(baseFolder()!) : undefined, filters,
  }));
  if (!r[0]) throw new Cancelled();
  return r[0].fsPath;
}

/** Sign with a new CA, or one from files (a CA certificate and its key). */
async function pickCa(a: Args): Promise<Args> {
  if ('caFile' in a || a.newCa === true) return {};
  const choice = await ask(vscode.window.showQuickPick(
    [
      { label: 'A new CA', detail: 'ca.crt and ca.key are made beside it' },
      { label: 'A CA from files…', detail: 'a CA certificate and its private key (PEM)' },
    ],
    { title: 'TLS Lens: sign with' },
  ));
  if (choice.label === 'A new CA') return {};
  return { caFile: await pickFile(a, 'caFile', 'The CA certificate'), caKeyFile: await pickFile(a, 'caKeyFile', 'The CA private key') };
}

async function inputNames(a: Args, suggested: string[], required: boolean): Promise<string[]> {
  if (Array.isArray(a.names)) return a.names as string[];
  const v = await ask(vscode.window.showInputBox({
    title: 'TLS Lens: host names and IP addresses', value: suggested.join(', '), prompt: 'Comma-separated; clients match these, never the CN',
    validateInput: (s) => { const list = names(s); if (required && !list.length) return 'at least one name'; return list.map(nameProblem).find(Boolean); },
  }));
  return names(v);
}

async function inputText(a: Args, key: string, title: string, value: string, validate?: (s: string) => string | undefined): Promise<string> {
  if (typeof a[key] === 'string') return a[key] as string;
  return ask(vscode.window.showInputBox({ title, value, validateInput: validate }));
}

async function callServer(ctx: Ctx, args: Args, title: string): Promise<Result> {
  const client = ctx.languageClient;
  if (!client) throw new Error('the TLS Lens server is not running');
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `TLS Lens: ${title}…` },
    () => client.sendRequest(ExecuteCommandRequest.type, { command: SERVER_GENERATE, arguments: [args] }) as Promise<Result>,
  );
}

/** Applies the server's edits and saves the files that had no unsaved changes before (the new key is on disk: the certificate must be too). */
async function applyEdit(ctx: Ctx, edit: unknown): Promise<void> {
  const client = ctx.languageClient;
  if (!client || !edit) return;
  const we = await client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
  if (!we) return;
  const clean = new Set(we.entries().map(([u]) => u.toString()).filter((u) => !vscode.workspace.textDocuments.find((d) => d.uri.toString() === u)?.isDirty));
  if (!(await vscode.workspace.applyEdit(we))) throw new Error('the editor refused the edit');
  for (const [uri] of we.entries()) if (clean.has(uri.toString())) await (await vscode.workspace.openTextDocument(uri)).save();
}

async function show(ctx: Ctx, r: Extract<Result, { status: 'made' }>): Promise<void> {
  for (const n of r.notes) ctx.output.info(`Generate: ${n}`);
  const buttons = [...(r.out ? ['Open Folder'] : []), ...(r.passwordFiles.length ? ['Copy Password'] : [])];
  const picked = await vscode.window.showInformationMessage(
    `TLS Lens: ${r.title}${r.files.length ? ` — ${r.files.length} file(s) in ${r.out}` : ''}.`, ...buttons,
  );
  if (picked === 'Open Folder' && r.out) {
    const readme = vscode.Uri.file(path.join(r.out, 'README.md'));
    if (fs.existsSync(readme.fsPath)) await vscode.window.showTextDocument(readme, { preview: true });
    await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(r.out));
  }
  if (picked === 'Copy Password') {
    const file = r.passwordFiles.length === 1 ? r.passwordFiles[0] : (await vscode.window.showQuickPick(
      r.passwordFiles.map((f) => ({ label: path.basename(f, '.password'), f })), { title: 'Copy the password of' },
    ))?.f;
    if (file) {
      await vscode.env.clipboard.writeText(fs.readFileSync(file, 'utf8'));
      void vscode.window.showInformationMessage(`TLS Lens: the password of ${path.basename(file, '.password')} is on the clipboard.`);
    }
  }
}

/** Runs a request: asks before replacing anything, applies edits, says what was made. */
export async function run(ctx: Ctx, args: Args, title: string): Promise<Result> {
  let r = await callServer(ctx, args, title);
  if (r.status === 'exists' || r.status === 'confirm') {
    const message = r.status === 'exists'
      ? `${r.existing.length} file(s) exist in ${r.out}: ${r.existing.slice(0, 6).join(', ')}${r.existing.length > 6 ? ', …' : ''}. `
        + 'Replace them? Keys and keystores among them are gone for good.'
      : r.message;
    const yes = args.force === true ? 'Replace' : await vscode.window.showWarningMessage(message, { modal: true }, 'Replace');
    if (yes !== 'Replace') return r;
    r = await callServer(ctx, { ...args, force: true }, title);
  }
  if (r.status === 'error') { void vscode.window.showErrorMessage(`TLS Lens: ${r.message}`); return r; }
  if (r.status !== 'made') return r;
  await applyEdit(ctx, r.edit);
  void show(ctx, r);
  return r;
}

type Asker = (ctx: Ctx, a: Args) => Promise<Args>;

const ASKERS: Record<string, { title: string; ask: Asker }> = {
  ca: { title: 'Generate CA', ask: async (_ctx, a) => ({
    cn: await inputText(
      a, 'cn', 'TLS Lens: the CA\'s name (CN)', `${vscode.workspace.name ?? 'Private'} CA`, (s) => (s.trim() ? undefined : 'a name'),
    ),
    key: await pickKey(a), days: await pickDays(a, 3650), out: await pickOut(a, undefined),
  }) },
  server: { title: 'Generate Server Certificate', ask: async (ctx, a) => {
    const p = await prefill(ctx);
    return {
      names: await inputNames(a, p.names, true), key: await pickKey(a), days: await pickDays(a), ...(await pickCa(a)),
      out: await pickOut(a, undefined),
    };
  } },
  client: { title: 'Generate Client Certificate', ask: async (ctx, a) => {
    const p = await prefill(ctx);
    return {
      cn: await inputText(
        a, 'cn', 'TLS Lens: the client\'s identity (CN, the name the server checks)', p.clients[0] ?? '', (s) => (s.trim() ? undefined : 'a CN'),
      ),
      key: await pickKey(a), days: await pickDays(a), ...(await pickCa(a)), out: await pickOut(a, undefined),
    };
  } },
  csr: { title: 'Generate CSR', ask: async (ctx, a) => {
    const p = await prefill(ctx);
    const n = await inputNames(a, p.names, false);
    return {
      names: n, cn: await inputText(a, 'cn', 'TLS Lens: the subject\'s CN', n[0] ?? '', (s) => (s.trim() ? undefined : 'a CN')),
      key: await pickKey(a), out: await pickOut(a, undefined),
    };
  } },
  pkcs12: { title: 'Generate PKCS#12 Keystore', ask: async (_ctx, a) => {
    const certFile = await pickFile(a, 'certFile', 'The certificate (PEM, with its chain)');
    return {
      certFile, keyFile: await pickFile(a, 'keyFile', 'Its private key (PEM)'),
      alias: await inputText(
        a, 'alias', 'TLS Lens: the alias (Spring\'s key-alias; often the service\'s name)', path.basename(certFile).replace(/\.[^.]+$/, ''),
      ),
      out: await pickOut(a, path.dirname(certFile)),
    };
  } },
  truststore: { title: 'Generate PKCS#12 Truststore', ask: async (_ctx, a) => {
    const caFiles = Array.isArray(a.caFiles)
      ? a.caFiles as string[]
      : (await ask(vscode.window.showOpenDialog({ title: 'The CA certificates (PEM)', canSelectMany: true }))).map((u) => u.fsPath);
    if (!caFiles.length) throw new Cancelled();
    return { caFiles, out: await pickOut(a, path.dirname(caFiles[0])) };
  } },
  secret: { title: 'Generate Kubernetes TLS Secret', ask: async (_ctx, a) => {
    const certFile = await pickFile(a, 'certFile', 'The certificate (PEM)');
    const valid = (s: string) => (/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s) ? undefined : 'lower-case letters, digits, - and .');
    return {
      certFile, keyFile: await pickFile(a, 'keyFile', 'Its private key (PEM)'),
      name: await inputText(
        a, 'name', 'TLS Lens: the Secret\'s name',
        path.basename(certFile).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9.-]+/g, '-'), valid,
      ),
      namespace: await inputText(a, 'namespace', 'TLS Lens: its namespace (empty: none)', ''),
      out: await pickOut(a, path.dirname(certFile)),
    };
  } },
  bundle: { title: 'Generate mTLS Bundle', ask: async (ctx, a) => {
    const p = await prefill(ctx);
    const product = typeof a.product === 'string'
      ? a.product
      : p.product ?? (await ask(vscode.window.showQuickPick(bundleIds(ctx), { title: 'TLS Lens: which product?' })));
    const folder = Array.isArray(a.paths) ? undefined : baseFolder();
    const paths = Array.isArray(a.paths) ? a.paths as string[] : folder ? [folder] : [];
    if (!paths.length) throw new Error('open a configuration file first');
    return { product, paths, key: await pickKey(a), out: await pickOut(a, folder ?? path.dirname(paths[0])) };
  } },
};

export const GENERATE_COMMANDS: readonly { id: string; kind: string }[] = [
  { id: 'tlsLens.generateCa', kind: 'ca' },
  { id: 'tlsLens.generateServerCertificate', kind: 'server' },
  { id: 'tlsLens.generateClientCertificate', kind: 'client' },
  { id: 'tlsLens.generateCsr', kind: 'csr' },
  { id: 'tlsLens.generateKeystore', kind: 'pkcs12' },
  { id: 'tlsLens.generateTruststore', kind: 'truststore' },
  { id: 'tlsLens.generateSecret', kind: 'secret' },
  { id: 'tlsLens.generateBundle', kind: 'bundle' },
];

function refusedUntrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage('TLS Lens writes no file in Restricted Mode: trust the workspace first.');
  return true;
}

/** The handler of a palette command: ask what is missing, then run. */
export function generateCommand(ctx: Ctx, kind: string): (a?: Args) => Promise<Result | undefined> {
  return async (a: Args = {}) => {
    if (refusedUntrusted()) return undefined;
    const asker = ASKERS[kind];
    try {
      const answers = await asker.ask(ctx, a);
      // What the caller gave and nothing asked for (days, org, name, …) goes through as given.
      return await run(ctx, { ...a, ...answers, kind }, asker.title);
    } catch (e) {
      if (e instanceof Cancelled) return undefined;
      void vscode.window.showErrorMessage(`TLS Lens: ${(e as Error).message}`);
      return undefined;
    }
  };
}

/** The command of a diagnostic's generate action: the fix the server described, made now. */
export function generateFromDiagnostic(ctx: Ctx): (fix: Args, options?: { force?: boolean }) => Promise<Result | undefined> {
  return async (fix, options) => {
    if (refusedUntrusted()) return undefined;
    try {
      return await run(ctx, { kind: 'fix', fix, ...(options?.force ? { force: true } : {}) }, String(fix.title ?? 'Generate'));
    } catch (e) {
      void vscode.window.showErrorMessage(`TLS Lens: ${(e as Error).message}`);
      return undefined;
    }
  };
}
