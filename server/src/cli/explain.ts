/**
 * `tls-lens explain [--format text|json] MESSAGE [paths...]`: what an error message of a TLS
 * client or server most likely means here. The message is recognised against the error families
 * (server/src/explain/), the files are checked exactly as `tls-lens check` checks them, and the
 * findings are ranked: those of the rules the message points at first, then those that mention
 * the names it holds (host, path, property).
 */
import * as fs from 'node:fs';
import { DEFAULT_SETTINGS } from '../engine';
import { causeJson, EXPLAIN_MAX_INPUT, explainMessage, type Explanation, NAME_KINDS } from '../explain/explain';
import { printable } from '../util/printable';
import { eachArg, isoDate, mapPath, UsageError, wholeNumber, wrapText } from './args';
import { checkFiles, Options as CheckOptions } from './check';
import { findingLine, JsonFinding, toJsonFindings } from './format';

export const EXPLAIN_USAGE = `Usage: tls-lens explain [options] MESSAGE [paths...]
       tls-lens explain [options] - [paths...]     (the message on stdin)

Explains a TLS error message (Go, Node.js, OpenSSL, nginx, curl, Java, Python, browsers, and
the products' own) with the files it comes from: prints the likely causes with their fixes and
sources, then the findings of \`tls-lens check\` over the paths (default: the current folder),
the most likely cause first. MESSAGE is one argument (quote it); \`-\` or no MESSAGE reads it
from stdin. Only its first ${EXPLAIN_MAX_INPUT / 1024} KiB are read.

Options:
  --format text|json         output format (default: text); json prints
                             {"causes": [{"id", "summary", "fix", "source"}], "findings": [...]}
                             with the findings as check --format json prints them, ranked
  --now ISO-DATE             evaluate validity at this time instead of now
  --max-file-size-kb N       skip files larger than N KiB
  --map-path PREFIX=FOLDER   resolve absolute paths under PREFIX in FOLDER (repeatable)
  --restricted               read nothing outside the given paths and the current folder
  --no-color                 plain text output
  -h, --help                 show this help

Exit status: 0 it ran (findings or not), 2 usage error or unreadable input, 3 TLS Lens itself
failed on some file.`;

/** How many findings the text output shows (json has them all), and how many it marks. */
const SHOWN = 10;
const MARKED = 3;

interface ExplainOptions extends Pick<CheckOptions, 'paths' | 'settings' | 'now' | 'pathMappings' | 'restricted' | 'color'> {
  format: 'text' | 'json';
  /** The message, or undefined: read it from stdin. */
  message?: string;
}

function parseArgs(argv: readonly string[]): ExplainOptions | 'help' {
  const opts: ExplainOptions = {
    format: 'text', settings: { ...DEFAULT_SETTINGS, rules: {} }, now: new Date(), paths: [],
    color: process.stdout.isTTY === true, pathMappings: {}, restricted: false,
  };
  // After `--`, every argument is positional (a message may start with a dash).
  const dashes = argv.indexOf('--');
  const flags = dashes < 0 ? argv : argv.slice(0, dashes);
  const positionals: string[] = [];
  const stop = eachArg(flags, (a, value) => {
    switch (a) {
      case '-h': case '--help': return 'help';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, got '${f}'`);
        opts.format = f;
        break;
      }
      case '--now': opts.now = isoDate(a, value()); break;
      case '--max-file-size-kb': opts.settings = { ...opts.settings, maxFileSizeKB: Math.max(1, wholeNumber(a, value())) }; break;
      case '--map-path': mapPath(value(), opts.pathMappings); break;
      case '--restricted': opts.restricted = true; break;
      case '--no-color': opts.color = false; break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}' (a message that starts with '-' goes after --)`);
        positionals.push(a);
    }
    return undefined;
  });
  if (stop) return 'help';
  if (dashes >= 0) positionals.push(...argv.slice(dashes + 1));
  const [message, ...paths] = positionals;
  opts.message = message === undefined || message === '-' ? undefined : message;
  opts.paths = paths.length > 0 ? paths : ['.'];
  return opts;
}

/**
 * The message on stdin: read to its end (a writer is not cut off), keeping the first
 * EXPLAIN_MAX_INPUT characters and a little more, so that the reader can tell it was cut.
 */
function readStdin(): string {
  const keep = EXPLAIN_MAX_INPUT + 1;
  const chunks: Buffer[] = [];
  let kept = 0;
  const buf = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    if (kept < keep * 4) { chunks.push(Buffer.from(buf.subarray(0, n))); kept += n; }
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, keep);
}

/** Runs `tls-lens explain` with its arguments (after the command). */
export function explainMain(rest: string[]): number {
  let opts: ExplainOptions | 'help';
  try {
    opts = parseArgs(rest);
    if (opts !== 'help' && opts.message === undefined && process.stdin.isTTY) throw new UsageError('give the message as an argument, or on stdin');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`tls-lens: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') { process.stdout.write(EXPLAIN_USAGE + '\n'); return 0; }
  const message = opts.message ?? readStdin();
  if (message.trim() === '') { process.stderr.write('tls-lens: the message is empty\n'); return 2; }
  return explain(opts, message);
}

function explain(opts: ExplainOptions, message: string): number {
  const { results, unreadable } = checkFiles(opts);
  const explained = explainMessage(message, toJsonFindings(results));
  if (opts.format === 'json') {
    // An incomplete ranking would pass for a complete one (as check --format json): nothing.
    if (unreadable.length === 0) {
      const out = { recognised: explained.matches.map((m) => m.family.id), causes: explained.causes.map(causeJson), findings: explained.findings };
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    }
  } else {
    process.stdout.write(text(opts, explained, unreadable.length));
  }
  if (results.some((r) => r.findings.some((f) => f.ruleId === 'core/internal-error'))) return 3;
  return unreadable.length > 0 ? 2 : 0;
}

function text(opts: ExplainOptions, explained: Explanation<JsonFinding>, unreadable: number): string {
  const { recognition: r, matches, causes, findings: ranked } = explained;
  const bold = (s: string) => (opts.color ? `\x1b[1m${s}\x1b[0m` : s);
  const out: string[] = [];
  const named = NAME_KINDS.filter((k) => r.names[k].length > 0).map((k) => `${k} ${r.names[k].join(', ')}`).join('; ');
  if (matches.length === 0) {
    out.push('TLS Lens does not recognise this message as a TLS error it knows; the findings are ranked by the names it mentions.');
  } else {
    out.push(`Recognised: ${matches.map((m) => `${m.family.ecosystem} (${m.family.id})`).join('; ')}.`);
  }
  if (r.truncated) out.push(`Only the first ${EXPLAIN_MAX_INPUT / 1024} KiB of the message were read.`);
  if (named) out.push(`Names in the message: ${printable(named)}.`);
  if (causes.length > 0) {
    out.push('', bold('Likely causes:'));
    causes.forEach((c, i) => {
      out.push(`  ${i + 1}. ${wrapText(c.summary, 96, '     ')}`);
      out.push(`     Fix: ${wrapText(c.fixText, 96, '          ')}`);
      out.push(`     Source: ${wrapText(c.citation, 96, '          ')}`);
    });
  }
  out.push('');
  if (ranked.length === 0) {
    out.push(unreadable > 0 ? 'No findings in what could be read.' : `No findings in ${opts.paths.map((p) => printable(p)).join(', ')}.`);
  } else {
    out.push(bold(`Findings, the most likely cause first (* the first ${Math.min(MARKED, ranked.length)}):`));
    ranked.slice(0, SHOWN).forEach((f, i) => out.push(`${i < MARKED ? '*' : ' '} ${findingLine(f, opts.color)}`));
    if (ranked.length > SHOWN) out.push(`  … and ${ranked.length - SHOWN} more (--format json lists them all).`);
  }
  if (unreadable > 0) out.push(`${unreadable} input(s) could not be read (see stderr): the ranking is incomplete.`);
  return out.join('\n') + '\n';
}
