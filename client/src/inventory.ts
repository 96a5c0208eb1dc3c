/**
 * The TLS Certificates view (Explorer), its status bar item and its commands. The server answers
 * `tlsLens/inventory` from its workspace index and says `tlsLens/inventoryChanged` when what it
 * shows may have changed; this module only renders: grouped by status (expired, expiring,
 * valid) or by issuer (the chain as a tree), each certificate with where it lives and what uses
 * it, a click away.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

type Status = 'expired' | 'expiring' | 'valid' | 'not-yet-valid';
interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Place { uri: string; line: number; range: Range; what?: string; keystore?: boolean }
interface Use { uri: string; line: number; range: Range; what: string; hosts?: { name: string; covered: boolean }[] }
export interface InventoryItem {
  sha256: string; label: string; subject: string; dnsNames: string[]; ipAddresses: string[]; issuer: string;
  notBefore: string; notAfter: string; daysLeft: number; expiry: string; status: Status; key: string; isCA: boolean; selfSigned: boolean;
  issuedBy?: string; locations: Place[]; usedBy: Use[]; renew?: Record<string, unknown>;
}
/** `complete` is false while the server still scans the workspace: more certificates may arrive. */
export interface InventoryView {
  certificates: InventoryItem[]; counts: Record<Status, number>; expiringDays: number; now: string; complete: boolean; generation: number;
  skipped: { uri: string; sizeKB: number }[];
}

type Node =
  | { kind: 'group'; status: Status; items: InventoryItem[] }
  | { kind: 'certificate'; item: InventoryItem; parent?: Node }
  | { kind: 'place'; place: Place; parent: Node }
  | { kind: 'use'; use: Use; parent: Node };

/** What the view needs of the extension (ctx.ts's Ctx is one): the language client while it runs, its starts, the output channel. */
export interface InventoryHost {
  readonly languageClient: LanguageClient | undefined;
  readonly onDidStart: vscode.Event<LanguageClient>;
  readonly output: vscode.LogOutputChannel;
}

/** What the view's commands act on: the host, with the view it holds. */
export interface InventoryCommandHost extends InventoryHost {
  readonly inventory: Inventory | undefined;
}

export const VIEW_ID = 'tlsLens.certificates';
const GROUP_TITLE: Record<Status, string> = { expired: 'Expired', expiring: 'Expiring', valid: 'Valid', 'not-yet-valid': 'Not yet valid' };
const ORDER: Status[] = ['expired', 'expiring', 'not-yet-valid', 'valid'];

function relative(uri: string): string {
  const u = vscode.Uri.parse(uri);
  return u.scheme === 'file' ? vscode.workspace.asRelativePath(u, false) : path.basename(u.path);
}

function icon(status: Status): vscode.ThemeIcon {
  switch (status) {
    case 'expired': return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'expiring': return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    case 'not-yet-valid': return new vscode.ThemeIcon('clock');
    default: return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

export class Inventory implements vscode.TreeDataProvider<Node> {
  private data: InventoryView | undefined;
  private loading: Promise<InventoryView | undefined> | undefined;
  private byIssuer = false;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly status: vscode.StatusBarItem;
  readonly view: vscode.TreeView<Node>;
  /** Certificate nodes by SHA-256, as last rendered (for reveal). */
  private readonly nodes = new Map<string, Node>();

  constructor(private readonly host: InventoryHost, context: vscode.ExtensionContext) {
    this.status = vscode.window.createStatusBarItem('tlsLens.inventory', vscode.StatusBarAlignment.Left, 0);
    this.status.name = 'TLS Lens certificates';
    this.status.command = `${VIEW_ID}.focus`;
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    void vscode.commands.executeCommand('setContext', 'tlsLens.inventoryByIssuer', false);
    context.subscriptions.push(this.status, this.view, this.changed, vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tlsLens.expiryWarningDays')) this.refresh();
    }));
    host.onDidStart((client) => {
      client.onNotification('tlsLens/inventoryChanged', () => this.refresh());
      this.refresh();
    });
  }

  /** Drops what is shown and asks the server again (the view and the status bar follow). */
  refresh(): void {
    this.loading = undefined;
    void this.load().then(() => this.changed.fire(undefined));
  }

  setGrouping(byIssuer: boolean): void {
    this.byIssuer = byIssuer;
    void vscode.commands.executeCommand('setContext', 'tlsLens.inventoryByIssuer', byIssuer);
    this.changed.fire(undefined);
  }

  /** The inventory, asked once per refresh. */
  load(): Promise<InventoryView | undefined> {
    const client: LanguageClient | undefined = this.host.languageClient;
    if (!client) return Promise.resolve(undefined);
    this.loading ??= (async () => {
      try {
        const expiringDays = vscode.workspace.getConfiguration('tlsLens').get<number>('expiryWarningDays');
        this.data = (await client.sendRequest<InventoryView | null>('tlsLens/inventory', { expiringDays })) ?? undefined;
      } catch (e) {
        this.host.output.warn(`TLS Lens: the certificate inventory failed: ${(e as Error).message}`);
      }
      this.view.message = this.message();
      this.showStatus();
      return this.data;
    })();
    return this.loading;
  }

  /** Above the tree: still indexing, or files left out for their size (what is listed is then not all). */
  private message(): string | undefined {
    const d = this.data;
    if (!d) return undefined;
    if (!d.complete) return 'Indexing the workspace: more certificates may appear.';
    const n = d.skipped?.length ?? 0;
    if (!n) return undefined;
    const names = d.skipped.slice(0, 3).map((f) => vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))).join(', ');
    return `${n} file(s) over tlsLens.maxFileSizeKB were not read: ${names}${n > 3 ? ', …' : ''}.`;
  }

  private showStatus(): void {
    const c = this.data?.counts;
    const parts = c ? [c.expired ? `${c.expired} expired` : '', c.expiring ? `${c.expiring} expiring` : ''].filter(Boolean) : [];
    if (!parts.length) { this.status.hide(); return; }
    this.status.text = `${c!.expired ? '$(error)' : '$(warning)'} TLS: ${parts.join(' · ')}`;
    this.status.tooltip = `TLS Lens: ${parts.join(', ')} (within ${this.data!.expiringDays} days). Click for the TLS Certificates view.`;
    this.status.show();
  }

  item(sha256: string): InventoryItem | undefined {
    return this.data?.certificates.find((c) => c.sha256 === sha256);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const data = node ? this.data : await this.load();
    if (!data) return [];
    if (!node) {
      this.nodes.clear();
      if (this.byIssuer) {
        const known = new Set(data.certificates.map((c) => c.sha256));
        return data.certificates.filter((c) => !c.issuedBy || !known.has(c.issuedBy)).map((item) => this.certNode(item));
      }
      return ORDER.map((status) => ({
        kind: 'group' as const, status, items: data.certificates.filter((c) => c.status === status),
      })).filter((g) => g.items.length > 0);
    }
    if (node.kind === 'group') return node.items.map((item) => this.certNode(item, node));
    if (node.kind !== 'certificate') return [];
    const children: Node[] = [
      ...node.item.locations.map((place): Node => ({ kind: 'place', place, parent: node })),
      ...node.item.usedBy.map((use): Node => ({ kind: 'use', use, parent: node })),
    ];
    if (this.byIssuer) children.push(...data.certificates.filter((c) => c.issuedBy === node.item.sha256).map((item) => this.certNode(item, node)));
    return children;
  }

  private certNode(item: InventoryItem, parent?: Node): Node {
    const n: Node = { kind: 'certificate', item, ...(parent ? { parent } : {}) };
    this.nodes.set(item.sha256, n);
    return n;
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'group' ? undefined : node.parent;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const t = new vscode.TreeItem(
          `${GROUP_TITLE[node.status]}${node.status === 'expiring' ? ` within ${this.data?.expiringDays ?? 30} days` : ''} (${node.items.length})`,
          node.status === 'valid' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        t.iconPath = icon(node.status);
        t.id = `group:${node.status}`;
        return t;
      }
      case 'certificate': {
        const c = node.item;
        const t = new vscode.TreeItem(c.label, vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `${node.parent && node.parent.kind === 'certificate' ? `${node.parent.item.sha256}/` : ''}cert:${c.sha256}`;
        t.description = `${c.expiry} · ${c.key}${c.isCA ? ' · CA' : ''}`;
        t.iconPath = icon(c.status);
        t.contextValue = c.renew ? 'certificate.renewable' : 'certificate';
        const md = new vscode.MarkdownString();
        // The label is the certificate's CN: text from a repository, never Markdown (no link, image or HTML from it).
        md.appendMarkdown('**').appendText(c.label).appendMarkdown('**')
          .appendText(` — ${c.expiry} (notAfter ${c.notAfter.slice(0, 10)})`).appendMarkdown('\n\n');
        md.appendText(`Subject: ${c.subject}\nIssuer: ${c.selfSigned ? '(self-signed)' : c.issuer}\n`
          + `${[...c.dnsNames, ...c.ipAddresses].length ? `Names: ${[...c.dnsNames, ...c.ipAddresses].join(', ')}\n` : ''}Key: ${c.key}`);
        t.tooltip = md;
        return t;
      }
      case 'place': {
        const p = node.place;
        const t = new vscode.TreeItem(`${relative(p.uri)}:${p.line}`, vscode.TreeItemCollapsibleState.None);
        t.description = p.what ?? 'PEM';
        t.iconPath = new vscode.ThemeIcon(p.keystore ? 'lock' : 'file');
        t.tooltip = `Where it lives: ${relative(p.uri)} line ${p.line}${p.what ? ` (${p.what})` : ''}`;
        if (!p.keystore) t.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(p.uri), { selection: toRange(p.range) }] };
        return t;
      }
      case 'use': {
        const u = node.use;
        const t = new vscode.TreeItem(u.what, vscode.TreeItemCollapsibleState.None);
        const hosts = u.hosts?.map((h) => `${h.covered ? '✓' : '✗'} ${h.name}`).join(' ') ?? '';
        t.description = `${relative(u.uri)}:${u.line}${hosts ? ` · ${hosts}` : ''}`;
        t.iconPath = new vscode.ThemeIcon('references');
        t.tooltip = `Used by ${u.what} in ${relative(u.uri)} line ${u.line}`
          + `${u.hosts?.length ? `; serves ${u.hosts.map((h) => `${h.name} (${h.covered ? 'covered' : 'not covered'})`).join(', ')}` : ''}`;
        t.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(u.uri), { selection: toRange(u.range) }] };
        return t;
      }
    }
  }

  /** Shows a certificate in the view (CodeLens, commands): opens the view and selects it. */
  async reveal(sha256: string): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (!this.data) await this.load();
    if (!this.nodes.has(sha256)) {
      // Not rendered yet: walk the tree once so that its node (and its parents) exist.
      for (const root of await this.getChildren()) if (root.kind === 'group') await this.getChildren(root);
      if (this.byIssuer) await this.expandAll();
    }
    const node = this.nodes.get(sha256);
    if (node) await this.view.reveal(node, { select: true, focus: true, expand: true });
  }

  private async expandAll(): Promise<void> {
    const walk = async (n?: Node): Promise<void> => { for (const c of await this.getChildren(n)) if (c.kind === 'certificate') await walk(c); };
    await walk();
  }
}

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The certificate a view command acts on: a tree node, or a SHA-256 (CodeLens, keybindings). */
function certificateOf(inv: Inventory, arg: unknown): InventoryItem | undefined {
  if (typeof arg === 'string') return inv.item(arg);
  const n = arg as Node | undefined;
  return n?.kind === 'certificate' ? n.item : undefined;
}

/** Details of a certificate as a read-only Markdown document (tls-lens-certificate:<sha256>.md). */
export class CertificateDetails implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'tls-lens-certificate';
  constructor(private readonly host: InventoryHost) {}
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const sha256 = uri.path.replace(/\.md$/, '');
    const r = await this.host.languageClient?.sendRequest<string | null>('tlsLens/certificate', { sha256, what: 'details' });
    return r ?? 'This certificate is no longer in the workspace.';
  }
}

/** The view's commands, as rows of the extension's command table (commands/index.ts). */
export const INVENTORY_COMMANDS: readonly { id: string; run: (ctx: InventoryCommandHost) => (...args: never[]) => unknown }[] = [
  { id: 'tlsLens.inventory.refresh', run: (ctx) => () => ctx.inventory?.refresh() },
  { id: 'tlsLens.inventory.groupByIssuer', run: (ctx) => () => ctx.inventory?.setGrouping(true) },
  { id: 'tlsLens.inventory.groupByStatus', run: (ctx) => () => ctx.inventory?.setGrouping(false) },
  { id: 'tlsLens.certificate.reveal', run: (ctx) => (sha256?: string) => (typeof sha256 === 'string' ? ctx.inventory?.reveal(sha256) : undefined) },
  { id: 'tlsLens.certificate.open', run: withItem(async (_ctx, item) => {
    const target = item.locations.find((p) => !p.keystore) ?? item.usedBy[0];
    if (target) await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { selection: toRange(target.range) });
  }) },
  { id: 'tlsLens.certificate.copyPem', run: withItem(async (ctx, item) => {
    const pem = await ctx.languageClient?.sendRequest<string | null>('tlsLens/certificate', { sha256: item.sha256, what: 'pem' });
    if (!pem) return;
    await vscode.env.clipboard.writeText(pem);
    vscode.window.setStatusBarMessage(`TLS Lens: copied the PEM of '${item.label}'`, 3000);
  }) },
  { id: 'tlsLens.certificate.showDetails', run: withItem(async (_ctx, item) => {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: CertificateDetails.scheme, path: `${item.sha256}.md` }));
  }) },
  { id: 'tlsLens.certificate.renew', run: withItem(async (ctx, item) => {
    if (!item.renew) { void vscode.window.showWarningMessage(`TLS Lens: TLS Lens cannot tell where to write a renewal of '${item.label}'.`); return; }
    await vscode.commands.executeCommand('tlsLens.generateFromDiagnostic', item.renew);
    ctx.inventory?.refresh();
  }) },
];

/** A command on the certificate of a tree node, or of a SHA-256 (CodeLens, keybindings). */
function withItem(f: (ctx: InventoryCommandHost, item: InventoryItem) => unknown): (ctx: InventoryCommandHost) => (...args: never[]) => unknown {
  return (ctx) => ((arg?: unknown) => {
    const item = ctx.inventory && certificateOf(ctx.inventory, arg);
    if (!item) { void vscode.window.showWarningMessage('TLS Lens: choose a certificate in the TLS Certificates view.'); return undefined; }
    return f(ctx, item);
  }) as (...args: never[]) => unknown;
}
