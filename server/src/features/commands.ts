/**
 * The server's generate command (`tlsLens.server.generate`, workspace/executeCommand): the palette
 * commands and the code actions of diagnostics ask it, so the editor and the CLI run the same
 * generate/ code. It writes files (never over existing ones without `force`), returns the edits to
 * the configuration as a WorkspaceEdit, and never returns a key, a keystore or a password.
 * The generate code is loaded on first use: the server starts without it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { GenerateFix } from '../core/fixes';
import type { GenerateContext } from '../generate/context';
import type { ManifestEntry } from '../generate/types';
import type { KeyChoice } from '../generate/certificates';
import type { DocumentModel } from '../model/document';
import { LineIndex } from '../util/lineIndex';
import { collectFiles } from '../workspace/files';

export const SERVER_GENERATE = 'tlsLens.server.generate';

export type GenerateArgs =
  | { readonly kind: 'fix'; readonly fix: GenerateFix; readonly force?: boolean }
  | {
    readonly kind: 'ca' | 'server' | 'client' | 'peer' | 'csr' | 'pkcs12' | 'truststore' | 'secret' | 'bundle';
    readonly out: string;
    readonly force?: boolean;
    readonly key?: KeyChoice;
    readonly days?: number;
    readonly cn?: string;
    readonly org?: string;
    readonly names?: readonly string[];
    readonly name?: string;
    readonly namespace?: string;
    readonly alias?: string;
    readonly caFile?: string;
    readonly caKeyFile?: string;
    readonly certFile?: string;
    readonly keyFile?: string;
    readonly caFiles?: readonly string[];
    readonly product?: string;
    readonly paths?: readonly string[];
    /** The most certificates a bundle may make (default 500). */
    readonly max?: number;
  };

export type GenerateResult =
  | {
    readonly status: 'made';
    readonly title: string;
    readonly out?: string;
    readonly files: readonly ManifestEntry[];
    readonly edit?: WorkspaceEdit;
    readonly notes: readonly string[];
    readonly passwordFiles: readonly string[];
  }
  /** Nothing was written: these files exist. */
  | { readonly status: 'exists'; readonly out: string; readonly existing: readonly string[] }
  /** Nothing was made: the action replaces a private key, and asks first. */
  | { readonly status: 'confirm'; readonly message: string }
  | { readonly status: 'error'; readonly message: string };

export interface CommandHost {
  readonly trusted: boolean;
  /** The workspace folders: no link is followed below them on the way to an output folder. */
  readonly roots: readonly string[];
  /** The text of an open document, or undefined. */
  openText(file: string): string | undefined;
  /** The workspace index's view for an action (asked of the engine worker). */
  context(fix: GenerateFix): Promise<GenerateContext | null>;
  /** A configuration file parsed as the engine parses it (for bundles). */
  model(file: string): DocumentModel | undefined;
  version: string;
  /** The server's clock (the one its diagnostics use). */
  now(): Date;
  /**
   * Files this command wrote: the index learns of them now, not when the editor's file watcher
   * reports them (a renewal right after "Generate CA" must find the CA's key).
   */
  wrote(paths: readonly string[]): void;
}

function textOf(host: CommandHost, file: string): string | undefined {
  return host.openText(file) ?? (() => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } })();
}

/** Offset edits as a WorkspaceEdit, positions from the open document or the file. */
function workspaceEdit(host: CommandHost, edits: readonly { path: string; start: number; end: number; newText: string }[]): WorkspaceEdit | undefined {
  if (!edits.length) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const text = textOf(host, e.path);
    if (text === undefined) throw new Error(`${path.basename(e.path)} cannot be read`);
    const lines = new LineIndex(text);
    (changes[pathToFileURL(e.path).href] ??= []).push({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText });
  }
  return { changes };
}

/** The configuration files under the paths, found as `tls-lens check` finds them, parsed as the engine parses them. */
function bundleFiles(host: CommandHost, paths: readonly string[]): { path: string; model: DocumentModel }[] {
  const out: { path: string; model: DocumentModel }[] = [];
  for (const p of collectFiles(paths, 2048).files) {
    const m = host.model(p);
    if (m && (m.yaml || m.nginx)) out.push({ path: p, model: m });
  }
  return out;
}

export async function runGenerate(args: GenerateArgs, host: CommandHost): Promise<GenerateResult> {
  if (!host.trusted) return { status: 'error', message: 'TLS Lens writes no file in Restricted Mode: trust the workspace first.' };
  const [load, files, kinds, names] = await Promise.all([
    import('../generate/load.js'), import('../generate/files.js'), import('../generate/kinds.js'), import('../core/names.js'),
  ]);
  const trusted = host.roots;
  try {
    if (args.kind === 'fix') {
      const ctx = await host.context(args.fix);
      if (!ctx) return { status: 'error', message: 'the workspace index did not answer in time; try again' };
      if (args.fix.action !== 'create' && ctx.keystore && !args.force) {
        return {
          status: 'confirm',
          message: `${args.fix.title}: this writes ${ctx.keystore.name} again, with a new private key (the old key is `
            + `gone${ctx.keystore.valueSpan ? ' once you save' : ''}). Continue?`,
        };
      }
      if (args.fix.action !== 'create' && ctx.key && !args.force) {
        return {
          status: 'confirm',
          message: `${args.fix.title}: this replaces the private key in ${path.basename(ctx.key.place.path)} (the old key is gone once you save). Continue?`,
        };
      }
      const { runAction } = await import('../generate/actions.js');
      const r = await runAction(args.fix, ctx, { version: host.version, now: host.now() });
      let written: ManifestEntry[] = [];
      if (r.plan && r.out) {
        if (!args.force) {
          const existing = files.existingFiles(r.out, r.plan, trusted);
          if (existing.length) return { status: 'exists', out: r.out, existing };
        }
        written = files.writePlan(r.out, r.plan, { force: !!args.force, trusted });
        host.wrote(written.map((f) => path.join(r.out!, f.path)));
      }
      return { status: 'made', title: r.title, out: r.out, files: written, edit: workspaceEdit(host, r.edits), notes: r.notes, passwordFiles: [] };
    }
    const kind = kinds.generateKind(args.kind);
    if (!kind?.editor) throw new Error(`unknown thing to generate '${String(args.kind)}'`);
    const out = path.resolve(args.out);
    const hosts = names.splitHosts(args.names ?? []);
    const signer = args.caFile && args.caKeyFile && kind.ca === 'signer'
      ? { cert: load.readInputFile(args.caFile, 'the CA certificate'), key: load.readInputFile(args.caKeyFile, 'the CA key'), file: path.resolve(args.caFile) }
      : undefined;
    const common = { out, key: args.key, days: args.days, version: host.version, now: host.now(), max: args.max, ...(signer ? { ca: signer } : {}) };
    const plan = await kind.plan(
      {
        cn: args.cn, org: args.org, dns: hosts.dns, ip: hosts.ip, name: args.name, namespace: args.namespace, alias: args.alias,
        certFile: args.certFile, keyFile: args.keyFile, caFiles: args.caFiles, product: args.product, paths: args.paths,
      },
      {
        common,
        // The editor's command has no chain option: a keystore's chain is what the certificate file holds.
        optionFile: (option) => (option === 'ca' && args.caFile ? load.readInputFile(args.caFile, 'the CA certificate') : undefined),
        configuration: (paths) => bundleFiles(host, paths),
      },
    );
    if (!args.force) {
      const existing = files.existingFiles(out, plan, trusted);
      if (existing.length) return { status: 'exists', out, existing };
    }
    const written = files.writePlan(out, plan, { force: !!args.force, trusted });
    host.wrote(written.map((f) => path.join(out, f.path)));
    return {
      status: 'made', title: plan.title, out, files: written,
      edit: workspaceEdit(host, plan.edits.map((e) => ({ path: e.file, start: e.start, end: e.end, newText: e.text }))), notes: plan.notes,
      passwordFiles: written.filter((f) => f.passwordFile).map((f) => path.join(out, f.passwordFile!)),
    };
  } catch (e) {
    if (e instanceof load.GenerateInputError || e instanceof files.UnsafePath) return { status: 'error', message: e.message };
    throw e;
  }
}

export interface Prefill {
  /** Host names the document serves (near the cursor first). */
  readonly names: readonly string[];
  /** Client identities it names (the CN a client certificate for it must carry). */
  readonly clients: readonly string[];
  /** The product whose bundle fits the document. */
  readonly product?: string;
}

/** What the palette commands suggest from the active document: read from its model, nothing computed anew. */
export function prefill(
  model: DocumentModel, offset: number, refs: (m: DocumentModel) => import('../model/refs').DocumentRefs,
  productOf: (m: DocumentModel) => string | undefined,
): Prefill {
  const names: string[] = [];
  const add = (n: string) => {
    const v = n.replace(/^\./, '');
    if (v && v !== '_' && !v.startsWith('~') && !v.includes('$') && !names.includes(v)) names.push(v);
  };
  if (model.nginx) {
    const servers = [...model.nginx.servers].sort((a, b) => Number(offset >= b.directive.span.start && offset <= b.directive.span.end)
      - Number(offset >= a.directive.span.start && offset <= a.directive.span.end));
    for (const s of servers) for (const n of s.names) add(n.value);
  }
  const r = model.yaml || model.nginx ? refs(model) : undefined;
  const near = [...(r?.references ?? [])].sort((a, b) => Math.abs(a.span.start - offset) - Math.abs(b.span.start - offset));
  for (const ref of near) for (const h of ref.hosts ?? []) add(h.value);
  const clients = [...new Set((r?.clients ?? []).map((c) => c.value))];
  return { names, clients, product: productOf(model) };
}
