/**
 * `tls-lens generate …`: the generate commands of the editor, without the editor. Parses the
 * options, reads the inputs the user named (regular files, bounded), asks generate/ for a plan,
 * writes it (atomically, 0600 for secrets, never over an existing file without --force) and
 * prints what it made — never a key, keystore or password.
 */
import { eachArg, isoDate, pathsAsGiven, positional, UsageError, wholeNumber } from './args';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CA_DAYS, DEFAULT_DAYS, DEFAULT_KEY, isKeyChoice, KEY_CHOICES, KeyChoice } from '../generate/certificates';
import type { CommonOptions } from '../generate/commands';
import { GENERATE_KINDS, generateKind, GenerateKind, KindArgs } from '../generate/kinds';
import { GenerateInputError, readInputFile } from '../generate/load';
import { daysProblem, ipAddresses, splitHosts } from '../core/names';
import { DEFAULT_MAX_CERTIFICATES } from '../generate/kit';
import { modeOf, OverwriteRefused, UnsafePath, writeFileAtomic, writePlan } from '../generate/files';
import type { ManifestEntry, Plan, PlannedEdit } from '../generate/types';
import { collectFiles, languageFor } from '../workspace/files';
import { NodeHost } from '../host';
import type { DocumentModel } from '../model/document';
import { DEFAULT_SETTINGS, Engine } from '../engine';
import { LineIndex } from '../util/lineIndex';

/** As `check` reads files (without loading the rules: generate does not check). */
const MAX_FILE_KB = 2048;

export const GENERATE_USAGE = `Usage: tls-lens generate <what> [options]

Makes keys, certificates and keystores, right the first time, into a folder
(default ./pki; for a bundle, pki/ beside the first configuration file):
${GENERATE_KINDS.flatMap((k) => k.summary.map((line, i) => `  ${(i ? '' : `${k.id} ${k.synopsis}`.trim()).padEnd(27)}${line}`)).join('\n')}

Options:
  --out DIR                  the output folder
  --key TYPE                 ${KEY_CHOICES.join('|')} (default: ${DEFAULT_KEY})
  --days N                   validity (default: ${DEFAULT_DAYS}; a CA ${DEFAULT_CA_DAYS}; a renewal the old lifetime)
  --cn NAME                  common name
  --org NAME                 organisation (O=)
  --dns NAME[,NAME]          DNS names (repeatable); wildcards as *.example.com
  --ip ADDR[,ADDR]           IP addresses (repeatable)
  --ca FILE --ca-key FILE    sign with this CA instead of making one (secret: --ca is ca.crt)
  --name NAME                file name base (secret: the Secret's name)
  --namespace NS             the Secret's namespace
  --alias NAME               the keystore entry's alias (default: server)
  --chain FILE               certificates to add to a keystore's chain
  --path-len N               an intermediate CA's pathLen
  --max N                    the most certificates one run makes (default: ${DEFAULT_MAX_CERTIFICATES});
                             a bundle that needs more is refused before anything is made
  --edit                     bundle: also apply the edits to the configuration (nginx's
                             ssl_certificate lines, plane CRs' clientCA) instead of listing them
  --force                    replace files that exist (keys and keystores too)
  --now ISO-DATE             issue as of this time (tests)
  --format text|json         output (json: the manifest, schemas/generate-output.schema.json)

Private keys, keystores, passwords and Secrets are written with mode 0600;
passwords (32 random characters) go to <store>.password, never to the output.
Nothing is written through a symbolic link in or below the current folder (or
a bundle's configuration folder) down to the output folder, nor under /proc,
/sys or /dev; nothing at all is written when one name or path of the plan is
refused.
Exit status: 0 made, 1 refused (a file exists; nothing was written), 2 bad input.`;

const WHATS = GENERATE_KINDS.map((k) => k.id);

interface GenerateOptions {
  what: string;
  args: string[];
  out?: string;
  key?: KeyChoice;
  days?: number;
  cn?: string;
  org?: string;
  dns: string[];
  ip: string[];
  max?: number;
  ca?: string;
  caKey?: string;
  name?: string;
  namespace?: string;
  alias?: string;
  chain?: string;
  pathLen?: number;
  edit: boolean;
  force: boolean;
  now?: Date;
  format: 'text' | 'json';
}

function parse(argv: string[]): GenerateOptions | 'help' {
  const [what, ...rest] = argv;
  if (what === undefined || what === '-h' || what === '--help') return 'help';
  if (!WHATS.includes(what)) throw new UsageError(`unknown thing to generate '${what}' (one of ${WHATS.join(', ')})`);
  const o: GenerateOptions = { what, args: [], dns: [], ip: [], edit: false, force: false, format: 'text' };
  const help = eachArg(rest, (a, value) => {
    switch (a) {
      case '-h': case '--help': return 'help';
      case '--out': o.out = value(); break;
      case '--key': {
        const v = value();
        if (!isKeyChoice(v)) throw new UsageError(`--key must be one of ${KEY_CHOICES.join(', ')}, got '${v}'`);
        o.key = v;
        break;
      }
      case '--days': {
        const v = value();
        const n = /^\d+$/.test(v) ? Number(v) : NaN;
        const p = daysProblem(n);
        if (p) throw new UsageError(`--days: ${p}, got '${v}'`);
        o.days = n;
        break;
      }
      case '--path-len': {
        const v = value();
        if (!/^\d{1,2}$/.test(v)) throw new UsageError(`--path-len takes a small whole number, got '${v}'`);
        o.pathLen = Number(v);
        break;
      }
      case '--cn': o.cn = value(); break;
      case '--org': o.org = value(); break;
      case '--dns': o.dns.push(...value().split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--ip': o.ip.push(...value().split(',').map((s) => s.trim()).filter(Boolean)); break;
      case '--max': { const n = wholeNumber(a, value()); if (n < 1) throw new UsageError('--max takes a whole number of at least 1'); o.max = n; break; }
      case '--ca': o.ca = value(); break;
      case '--ca-key': o.caKey = value(); break;
      case '--name': o.name = value(); break;
      case '--namespace': o.namespace = value(); break;
      case '--alias': o.alias = value(); break;
      case '--chain': o.chain = value(); break;
      case '--edit': o.edit = true; break;
      case '--force': o.force = true; break;
      case '--now': o.now = isoDate(a, value()); break;
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, got '${v}'`);
        o.format = v;
        break;
      }
      default: positional(a, o.args);
    }
    return undefined;
  });
  if (help) return 'help';
  return o;
}

/** The command line's checks of a kind's arguments: the options it must give, the number of positional arguments. */
function checkUsage(o: GenerateOptions, kind: GenerateKind, a: KindArgs): void {
  const r = kind.requires;
  const required = () => { if (r && !r.given(a)) throw new UsageError(`generate ${o.what} needs ${r.options}`); };
  const { count, names, rest } = kind.positional;
  if (r?.first) required();
  if (o.args.length < count) throw new UsageError(`generate ${o.what} needs ${names}`);
  if (!rest && o.args.length > count) throw new UsageError(`generate ${o.what} takes ${names}, not '${o.args[count]}'`);
  if (!r?.first) required();
}

/** A kind's arguments by name, from the options and the positional arguments (in the order the kind states). */
function kindArgs(o: GenerateOptions, kind: GenerateKind, dns: readonly string[], ip: readonly string[]): KindArgs {
  const { fields, rest } = kind.positional;
  const named: { -readonly [K in keyof KindArgs]?: KindArgs[K] } = {};
  fields.forEach((f, i) => { if (o.args[i] !== undefined) named[f] = o.args[i]; });
  if (rest) named[rest] = o.args.slice(fields.length);
  return { cn: o.cn, org: o.org, dns, ip, name: o.name, namespace: o.namespace, alias: o.alias, pathLen: o.pathLen, ...named };
}

/** The output folder as the user gave it (or as the default is written), for printing. */
function outAsGiven(o: GenerateOptions): string {
  return o.out ?? (o.what === 'bundle' && o.args[1] ? bundleOutDefault(o.args[1]) : 'pki');
}

/** The folders the user works in: no link is followed below them on the way to the output folder. */
function trustedFolders(o: GenerateOptions): string[] {
  const configs = o.what === 'bundle' ? o.args.slice(1).map((p) => {
    try { return fs.statSync(p).isDirectory() ? p : path.dirname(p); } catch { return path.dirname(p); }
  }) : [];
  return [process.cwd(), ...configs].map((p) => path.resolve(p));
}

async function plan(o: GenerateOptions, version: string): Promise<{ plan: Plan; out: string }> {
  const kind = generateKind(o.what)!;
  if ((o.ca === undefined) !== (o.caKey === undefined) && kind.ca === 'signer') throw new UsageError('--ca and --ca-key go together');
  const out = path.resolve(outAsGiven(o));
  const common: CommonOptions = {
    out, key: o.key, days: o.days, now: o.now, version, max: o.max,
    ...(o.ca && o.caKey ? { ca: { cert: readInputFile(o.ca, '--ca'), key: readInputFile(o.caKey, '--ca-key'), file: path.resolve(o.ca) } } : {}),
  };
  // --dns takes host names (an IP literal among them is an IP address); --ip only IP addresses.
  const hosts = splitHosts(o.dns);
  const dns = hosts.dns;
  const ip = [...hosts.ip, ...ipAddresses(o.ip).filter((i) => !hosts.ip.includes(i))];
  const args = kindArgs(o, kind, dns, ip);
  checkUsage(o, kind, args);
  const optionFile = (option: 'ca' | 'chain') => {
    const file = option === 'ca' ? o.ca : o.chain;
    return file ? readInputFile(file, `--${option}`) : undefined;
  };
  return { plan: await kind.plan(args, { common, optionFile, configuration: readConfiguration }), out };
}

function bundleOutDefault(first: string): string {
  try { return path.join(fs.statSync(first).isDirectory() ? first : path.dirname(first), 'pki'); } catch { return 'pki'; }
}

/** The configuration files of a bundle, parsed as `check` parses them. */
function readConfiguration(paths: readonly string[]): { path: string; shown: string; model: DocumentModel }[] {
  const list = collectFiles(paths, MAX_FILE_KB);
  if (list.unreadable.length) throw new GenerateInputError(`cannot read ${list.unreadable[0].path}: ${list.unreadable[0].reason}`);
  const roots = [process.cwd(), ...paths.map((p) => { try { return fs.statSync(p).isDirectory() ? p : path.dirname(p); } catch { return path.dirname(p); } })];
  const host = new NodeHost({ roots, pathMappings: {}, trusted: true });
  // Parsed for what they say, not checked: no schema validation.
  const engine = new Engine({ host, settings: { ...DEFAULT_SETTINGS, maxFileSizeKB: MAX_FILE_KB, yaml: { schemaValidation: false, schemas: {} } } });
  const show = pathsAsGiven(paths);
  const out: { path: string; shown: string; model: DocumentModel }[] = [];
  for (const file of list.files) {
    const text = host.readFile(file, { purpose: 'workspace' });
    const languageId = text === undefined ? undefined : languageFor(file, text);
    if (text === undefined || (languageId !== 'yaml' && languageId !== 'nginx')) continue;
    const abs = path.resolve(file);
    const model = engine.model({ uri: abs, languageId, text });
    if (model.failure) throw new GenerateInputError(`cannot read ${show(file)}: ${(model.failure.error as Error).message}`);
    out.push({ path: abs, shown: show(file), model });
  }
  if (!out.length) throw new GenerateInputError(`no YAML or nginx configuration in ${paths.join(', ')}`);
  return out;
}

/** Applies a bundle's edits to the configuration files (each file rewritten atomically, its mode kept). */
function applyEdits(edits: readonly PlannedEdit[]): void {
  const byFile = new Map<string, PlannedEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    let text = fs.readFileSync(file, 'utf8');
    for (const e of [...list].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    writeFileAtomic(file, text, fs.statSync(file).mode & 0o777);
  }
}

/**
 * Where an edit goes, for a person copying it by hand: after which line it adds, or which lines it
 * replaces (line and column, 1-based), read from the file as it is now.
 */
function whereInFile(e: PlannedEdit): string {
  let index: LineIndex;
  try { index = new LineIndex(fs.readFileSync(e.file, 'utf8')); } catch { return `at line ${e.line}`; }
  const a = index.positionAt(e.start);
  const b = index.positionAt(e.end);
  if (e.start === e.end) return e.text.startsWith('\n') ? `add after line ${a.line + 1}` : `insert on line ${a.line + 1} at column ${a.character + 1}`;
  if (a.line === b.line) return `replace line ${a.line + 1}, columns ${a.character + 1}-${b.character}, with`;
  return `replace from line ${a.line + 1}, column ${a.character + 1}, through line ${b.line + 1} with`;
}

function formatText(p: Plan, outShown: string, written: readonly ManifestEntry[], edited: boolean, show: (file: string) => string): string {
  const folder = outShown.replace(/[\\/]+$/, '') || '/';
  const lines = [`${p.title}: ${written.length} file(s) in ${folder}${folder.endsWith('/') ? '' : '/'}`];
  for (const f of p.files) {
    const names = [...(f.dnsNames ?? []), ...(f.ipAddresses ?? [])].join(', ');
    lines.push(
      `  ${modeOf(f) === 0o600 ? '0600' : '0644'}  ${f.path.padEnd(36)} ${f.purpose}${names && f.kind !== 'secret' ? ` [${names}]` : ''}`
        + `${f.notAfter ? ` (until ${f.notAfter.toISOString().slice(0, 10)})` : ''}`,
    );
  }
  if (p.edits.length) {
    lines.push(edited ? 'Changed in the configuration:' : 'To change in the configuration (or run again with --edit):');
    for (const e of p.edits) {
      lines.push(`  ${show(e.file)}:${e.line} under ${e.under}: ${e.description}`);
      if (!edited) lines.push(`    ${whereInFile(e)}:`, ...e.text.replace(/^\n/, '').split('\n').map((l) => `      ${l}`));
    }
  }
  for (const n of p.notes) lines.push(`Note: ${n}`);
  lines.push(`See ${folder === '/' ? '' : folder}/README.md for how to load it.`);
  return lines.join('\n') + '\n';
}

export async function generateMain(argv: string[], version: string): Promise<number> {
  let o: GenerateOptions | 'help';
  try {
    o = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`tls-lens generate: ${e.message}\n`); return 2; }
    throw e;
  }
  if (o === 'help') { process.stdout.write(GENERATE_USAGE + '\n'); return argv.length ? 0 : 2; }
  try {
    const { plan: p, out } = await plan(o, version);
    const written = writePlan(out, p, { force: o.force, trusted: trustedFolders(o) });
    // The text lists the edits with where they go in the file as it was (before --edit changes it).
    const text = o.format === 'text' ? formatText(p, outAsGiven(o), written, o.edit, pathsAsGiven(o.what === 'bundle' ? o.args.slice(1) : [])) : '';
    if (o.edit && p.edits.length) applyEdits(p.edits);
    if (o.format === 'json') {
      process.stdout.write(JSON.stringify({
        out, files: written,
        edits: p.edits.map((e) => ({ file: e.file, line: e.line, under: e.under, description: e.description, applied: o.edit })),
        notes: p.notes,
      }, null, 2) + '\n');
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (e) {
    if (e instanceof OverwriteRefused) { process.stderr.write(`tls-lens generate: refused: ${e.message}\n`); return 1; }
    if (e instanceof GenerateInputError || e instanceof UsageError || e instanceof UnsafePath) {
      process.stderr.write(`tls-lens generate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
