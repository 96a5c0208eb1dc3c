#!/usr/bin/env node
/** `tls-lens check|generate|inventory|explain`: the language server's engine and generate code, without LSP. */
import { describeInternalError } from './util/errors';
/*
 * Each command's code is loaded when it runs (`require` inside the function): `generate` does not
 * pay for the rules, `check` not for certificate generation, `--version` for neither.
 */
const VERSION = process.env.TLS_LENS_VERSION ?? '0.1.0';

const SHORT_USAGE = `Usage: tls-lens check [options] [paths...]
       tls-lens generate <what> [options]
       tls-lens inventory [options] [paths...]
       tls-lens explain [options] MESSAGE [paths...]

  tls-lens check --help       checking files (text, json, sarif)
  tls-lens generate --help    making keys, certificates, keystores and bundles
  tls-lens inventory --help   listing certificates by expiry (text, json, csv, markdown)
  tls-lens explain --help     an error message's likely causes, and the findings behind it`;

export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'generate') return (require('./cli/generate') as typeof import('./cli/generate')).generateMain(rest, VERSION);
  if (command === 'inventory') return (require('./cli/inventory') as typeof import('./cli/inventory')).inventoryMain(rest);
  if (command === 'explain') return (require('./cli/explain') as typeof import('./cli/explain')).explainMain(rest);
  if (command === 'check') return (require('./cli/check') as typeof import('./cli/check')).checkMain(rest);
  if (command === undefined || command === '-h' || command === '--help') {
    process.stdout.write(((require('./cli/check') as typeof import('./cli/check')).USAGE) + '\n');
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  process.stderr.write(`tls-lens: unknown command '${command}'\n\n${SHORT_USAGE}\n`);
  return 2;
}

function internalError(e: unknown): number {
  process.stderr.write(`tls-lens: internal error: ${describeInternalError(e)}\n`);
  return 3;
}

/**
 * A reader that stops reading (`tls-lens check | head`) closes the pipe: the CLI then stops at once
 * and quietly, with the status of a process ended by SIGPIPE (141), as other Unix tools do, rather
 * than an unhandled EPIPE and a stack trace.
 */
function stopOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(141);
      throw e;
    });
  }
}

/** Runs the CLI; an error that escapes it is exit status 3 (never 1, which means findings). */
export function run(argv: string[]): number | Promise<number> {
  stopOnClosedOutput();
  try {
    const r = main(argv);
    return typeof r === 'number' ? r : r.catch(internalError);
  } catch (e) {
    return internalError(e);
  }
}

if (require.main === module) {
  const r = run(process.argv.slice(2));
  if (typeof r === 'number') process.exitCode = r;
  else void r.then((code) => { process.exitCode = code; });
}
