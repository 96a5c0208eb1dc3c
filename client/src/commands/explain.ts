/**
 * TLS Lens: Explain a TLS Error… — the editor's `tls-lens explain`. The message comes from the
 * active editor's selection (any editor, an output channel included), else the active terminal's
 * selection (copied through the clipboard, which is then put back), else the clipboard when it
 * looks like an error line (offered in the input box), else the input box. The server answers
 * (`tlsLens/explain`: the CLI's recognition and ranking over the workspace it holds); this shows
 * the causes with their fixes and the findings, each opened at its range on accept, its quick
 * fixes a button away. An argument `{ message }` skips the asking and the list and returns the
 * answer (keybindings, tests); `{ message, show: true }` shows the list too.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/** What the server reads of a message (EXPLAIN_MAX_INPUT): more is not sent. */
const MAX_MESSAGE = 8 * 1024;

interface Cause { id: string; summary: string; fix: string; source: string }
interface Finding {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  ruleId: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  fixable: boolean;
}
export interface ExplainAnswer { recognised: string[]; truncated: boolean; complete: boolean; causes: Cause[]; findings: Finding[] }

type Item = vscode.QuickPickItem & { cause?: Cause; finding?: Finding };

/** Words an error line about TLS holds; a clipboard without one is not offered. */
const LOOKS_LIKE_TLS_ERROR = /x509|tls|ssl|certificate|handshake|pkix|keystore|truststore|ERR_CERT|SEC_ERROR|curl: \(\d+\)|verify error/i;

const ICON: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', information: '$(info)', hint: '$(lightbulb)' };
const QUICK_FIX: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('lightbulb'), tooltip: 'Open and show the quick fixes' };

const toRange = (r: Finding['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

/** How long a clipboard read may take: a browser that has not granted access asks the user, and the read waits on the answer. */
const CLIPBOARD_WAIT_MS = 2000;

/** The clipboard's text; '' where it cannot be read (a browser that does not allow it, or does not answer in time). */
async function clipboard(): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<string>((resolve) => { timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS); });
    return await Promise.race([Promise.resolve(vscode.env.clipboard.readText()), late]);
  } catch {
    return '';
  } finally {
    clearTimeout(timer);
  }
}

/** The active terminal's selection, through the clipboard (there is no API to read it), the clipboard put back after. */
async function terminalSelection(): Promise<string | undefined> {
  if (!vscode.window.activeTerminal) return undefined;
  const before = await clipboard();
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  const after = await clipboard();
  if (after !== before) await vscode.env.clipboard.writeText(before).then(undefined, () => undefined);
  return after !== before && after.trim() !== '' ? after : undefined;
}

/** The message: from the selection, the terminal, the clipboard or the input box (undefined: cancelled). */
async function askMessage(fromTerminal: boolean): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!fromTerminal && editor && !editor.selection.isEmpty) {
    const selected = editor.document.getText(editor.selection);
    if (selected.trim() !== '') return selected;
  }
  const terminal = await terminalSelection();
  if (terminal) return terminal;
  const clip = (await clipboard()).slice(0, MAX_MESSAGE);
  return vscode.window.showInputBox({
    title: 'TLS Lens: Explain a TLS Error',
    prompt: 'The error line from a log (Go, Java, Node.js, OpenSSL, nginx, curl, Envoy, a controller…)',
    placeHolder: 'x509: certificate signed by unknown authority',
    value: clip.trim() !== '' && LOOKS_LIKE_TLS_ERROR.test(clip) ? clip.trim() : '',
    ignoreFocusOut: true,
  });
}

async function ask(ctx: Ctx, message: string): Promise<ExplainAnswer | null> {
  const client = ctx.languageClient;
  if (!client) throw new Error('the TLS Lens language server is not running');
  return client.sendRequest<ExplainAnswer | null>('tlsLens/explain', { message: message.slice(0, MAX_MESSAGE + 1) });
}

function items(a: ExplainAnswer): Item[] {
  const out: Item[] = [];
  if (a.causes.length > 0) {
    out.push({ label: 'Likely causes', kind: vscode.QuickPickItemKind.Separator });
    for (const c of a.causes) out.push({ label: `$(question) ${c.summary}`, detail: `Fix: ${c.fix}`, description: c.source, cause: c });
  }
  out.push({ label: a.findings.length > 0 ? 'Findings, the most likely cause first' : 'Findings', kind: vscode.QuickPickItemKind.Separator });
  if (a.findings.length === 0) out.push({ label: 'No findings in the workspace' });
  for (const f of a.findings) {
    const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))}:${f.range.start.line + 1}`;
    out.push({
      // A finding's message quotes the repository: its `$(name)` is escaped, shown as written, not drawn as an icon.
      label: `${ICON[f.severity]} ${f.message.replace(/\$\(/g, '\\$(')}`,
      description: where,
      detail: f.fixable ? `${f.ruleId} · quick fix available` : f.ruleId,
      buttons: f.fixable ? [QUICK_FIX] : [],
      finding: f,
    });
  }
  return out;
}

async function openAt(f: Finding, quickFix: boolean): Promise<void> {
  const range = toRange(f.range);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(f.uri), { selection: new vscode.Selection(range.start, range.end), preview: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (quickFix) await vscode.commands.executeCommand('editor.action.quickFix');
}

/** Shows the answer; resolves when the list closes, with the item accepted (if any). */
function show(ctx: Ctx, a: ExplainAnswer): Promise<Item | undefined> {
  const pick = vscode.window.createQuickPick<Item>();
  ctx.explainList = pick;
  const known = a.recognised.length > 0 ? `recognised as ${a.recognised.join(', ')}` : 'not an error TLS Lens knows: findings ranked by the names in it';
  pick.title = `TLS Lens: Explain — ${known}${a.complete ? '' : ' (the workspace is still being indexed)'}`;
  pick.placeholder = a.truncated ? 'Only the first 8 KiB of the message were read' : 'Pick a finding to open it at its line; a cause to read its fix';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items(a);
  return new Promise((resolve) => {
    let chosen: Item | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
    });
    // The light bulb: the finding opened with its quick fixes shown (the list closes with nothing chosen).
    pick.onDidTriggerItemButton((e) => {
      chosen = undefined;
      pick.hide();
      if (e.item.finding) void openAt(e.item.finding, true);
    });
    pick.onDidHide(() => {
      pick.dispose();
      if (ctx.explainList === pick) ctx.explainList = undefined;
      resolve(chosen);
    });
    pick.show();
  });
}

async function act(item: Item | undefined): Promise<void> {
  if (item?.finding) await openAt(item.finding, false);
  else if (item?.cause) {
    const c = item.cause;
    await vscode.window.showInformationMessage(c.summary, { modal: true, detail: `Fix: ${c.fix}\n\nSource: ${c.source}` });
  }
}

/** The command; `fromTerminal`: its terminal context-menu entry (the terminal's selection first). */
export function explainError(ctx: Ctx, fromTerminal = false): (args?: { message?: unknown; show?: unknown }) => Promise<ExplainAnswer | undefined> {
  return async (args) => {
    const given = typeof args?.message === 'string' ? args.message : undefined;
    const message = given ?? (await askMessage(fromTerminal));
    if (message === undefined || message.trim() === '') return undefined;
    let answer: ExplainAnswer | null;
    try {
      answer = await ask(ctx, message);
    } catch (e) {
      void vscode.window.showErrorMessage(`TLS Lens: explain failed: ${(e as Error).message}`);
      return undefined;
    }
    if (!answer) {
      void vscode.window.showWarningMessage('TLS Lens: the server did not answer (it was restarting, or the workspace took too long to check).');
      return undefined;
    }
    if (given === undefined || args?.show === true) {
      const p = show(ctx, answer).then(act);
      if (given === undefined) await p;
    }
    return answer;
  };
}
