/**
 * The commands the server executes (workspace/executeCommand), in one table: generate (from a
 * diagnostic's fix or a command's arguments), run with the session's file policy and the engine
 * worker's workspace context.
 */
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { CommandHost, GenerateArgs, runGenerate, SERVER_GENERATE } from '../features/commands';
import type { GenerateContext } from '../generate/context';
import { DEFAULT_SETTINGS } from '../engine';
import { uriToPath } from '../model/document';
import { describeInternalError } from '../util/errors';
import { languageFor } from '../workspace/files';
import { now } from './clock';
import type { Session } from './session';

/** Registers the commands; returns their ids (the initialize result lists them). */
export function registerCommands(s: Session): string[] {
  const { connection, documents, host, engine, local } = s;

  const commandHost: CommandHost = {
    get trusted() { return host.trusted; },
    get roots() { return host.roots; },
    openText: (file) => documents.all().find((d) => d.uri.startsWith('file:') && uriToPath(d.uri) === file)?.getText(),
    context: (fix) => engine.request<GenerateContext>('generateContext', { fix }),
    model: (file) => {
      const text = commandHost.openText(file) ?? host.readFile(file, { purpose: 'workspace' });
      const languageId = text === undefined ? undefined : languageFor(file, text);
      return text === undefined || !languageId ? undefined : local.model({ uri: file, languageId, text }, { settings: DEFAULT_SETTINGS });
    },
    version: process.env.TLS_LENS_VERSION ?? '0.1.0',
    now,
    // Created or changed alike: the index reads the file again either way.
    wrote: (paths) => engine.files(paths.map((p) => ({ uri: pathToFileURL(p).href, type: 1 as const }))),
  };

  /** The commands this server executes (workspace/executeCommand), in one table; the capability lists its keys. */
  const serverCommands: Record<string, (args: readonly unknown[]) => Promise<unknown>> = {
    [SERVER_GENERATE]: (args) => generate((args[0] ?? {}) as GenerateArgs & { apply?: boolean }),
  };
  connection.onExecuteCommand((params) => serverCommands[params.command]?.(params.arguments ?? []) ?? null);

  async function generate(args: GenerateArgs & { apply?: boolean }): Promise<unknown> {
    try {
      const r = await runGenerate(args, commandHost);
      // Called straight from a code action (an LSP client other than TLS Lens's own): apply and say so here.
      if (args.apply) {
        // Notifications, not requests: a client that does not answer showMessageRequest must not hang or fail us.
        const say = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });
        if (r.status === 'made') {
          if (r.edit) await connection.workspace.applyEdit({ label: r.title, edit: r.edit });
          say(MessageType.Info, `TLS Lens: ${r.title}${r.files.length ? ` (${r.files.length} file(s) in ${r.out})` : ''}.`);
        } else if (r.status === 'exists') {
          say(MessageType.Warning, `TLS Lens: nothing was written: ${r.existing.join(', ')} exist in ${r.out}.`);
        } else if (r.status === 'confirm') {
          say(
            MessageType.Warning,
            `TLS Lens: ${r.message.replace(/ Continue\?$/, '')} Not done: use TLS Lens in VS Code, or tls-lens generate renew … --force.`,
          );
        } else {
          say(MessageType.Error, `TLS Lens: ${r.message}`);
        }
      }
      return r;
    } catch (e) {
      connection.console.error(`TLS Lens: generate failed: ${describeInternalError(e)}`);
      return { status: 'error', message: `TLS Lens failed: ${(e as Error).message}` };
    }
  }
  return Object.keys(serverCommands);
}
