/** `tls-lens check`: options, the engine over the files, the output and the exit status. */
import * as path from 'node:path';
import { DEFAULT_SETTINGS, Engine, EngineSettings, Finding, INTERNAL_ERROR } from '../engine';
import { renderWorkspace, withLanded } from '../rendered';
import { tooLargeModel } from '../model/document';
import { languageFor } from '../workspace/files';
import { readWorkspace, skippedLine } from './workspace';
import { FileResult, formatJson, formatSarif, formatText, Unreadable } from './format';
import { RULES_BY_ID } from '../rules/registry';
import { eachArg, isoDate, mapPath, positional, UsageError, wholeNumber, wrapText } from './args';
import { PRODUCTS } from '../products';
import { SEVERITIES, SeveritySetting } from '../rules/types';
import { DEFAULTS } from '../defaults';

const VERSION = process.env.TLS_LENS_VERSION ?? '0.1.0';
/** How long one release's helm template may run (--render-timeout; tlsLens.helm.timeoutSeconds). */
const RENDER_TIMEOUT_SECONDS = DEFAULTS.renderTimeoutSeconds;

export const USAGE = `Usage: tls-lens check [options] [paths...]
       tls-lens generate <what> [options]   (tls-lens generate --help)
       tls-lens inventory [options] [paths...]   (tls-lens inventory --help)
       tls-lens explain [options] MESSAGE [paths...]   (tls-lens explain --help)

Checks TLS configuration in the given files and folders (default: the current
folder), with the engine of the TLS Lens editor extension:
  - PEM certificates, keys and CSRs (.pem .crt .cer .key .csr .ca-bundle), and
    PEM or base64 certificates inside YAML;
  - Helm values files and Kubernetes manifests (.yaml .yml) against the
    ${wrapText(`schemas of the products: ${PRODUCTS.map((p) => p.title).join('; ')};`, 80, '    ')}
  - nginx configuration (*.conf, sites-enabled/, sites-available/) against the
    Mozilla Server Side TLS 6.0 profiles;
  - across files: hostnames against the certificates that serve them, keys
    against certificates, chains to the configured CA, certificate roles.
Folders are searched recursively; .git and node_modules are skipped.

Options:
  --format text|json|sarif   output format (default: text)
  --max-warnings N           fail when there are more than N warnings
  --expiry-warning-days N    warn when a certificate expires within N days (default: ${DEFAULTS.expiryWarningDays})
  --max-file-size-kb N       skip files larger than N KiB (default: ${DEFAULTS.maxFileSizeKB})
  --rule ID=SEVERITY         override a rule: off, error, warning, information, hint (repeatable)
  --now ISO-DATE             evaluate validity at this time instead of now
  --map-path PREFIX=FOLDER   resolve absolute paths under PREFIX (e.g. /etc/nginx/) in FOLDER (repeatable)
  --nginx-profile P          Mozilla profile for nginx: intermediate or modern (default: ${DEFAULTS.nginxProfile})
  --nginx-version V          the nginx version your servers run (default: ${DEFAULTS.nginxVersion})
  --nginx-openssl V          the OpenSSL version nginx links, as nginx -V prints it (default: ${DEFAULTS.nginxOpenssl})
  --helm PATH                the helm that renders the Helm releases the files declare (release
                             files, GitOps manifests, a values modeline); default: helm on the PATH
  --kubectl PATH             the kubectl that builds manifest folders; default: kubectl on the PATH
  --no-render                do not render releases or build manifest folders (values are still checked)
  --render-timeout S         stop a release's helm template after S seconds (default: ${RENDER_TIMEOUT_SECONDS})
  --restricted               read nothing outside the given paths and the current folder, and no
                             workspace JSON Schema (as the editor does in an untrusted workspace)
  --no-color                 plain text output
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 passed, 1 findings failed the check (any error, or more
warnings than --max-warnings), 2 usage error or unreadable input, 3 TLS Lens
itself failed on some file (core/internal-error; the other files were checked
and the output is complete). An input that cannot be read is named on stderr;
text output then ends by saying the check is incomplete, json prints nothing,
and SARIF records executionSuccessful: false. Paths are printed as given.`;

export interface Options {
  format: 'text' | 'json' | 'sarif';
  maxWarnings: number;
  settings: EngineSettings;
  now: Date;
  paths: string[];
  color: boolean;
  pathMappings: Record<string, string>;
  restricted: boolean;
  render: { enabled: boolean; helm: string; timeoutMs: number; kubectl: string };
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const opts: Options = {
    format: 'text', maxWarnings: -1, settings: { ...DEFAULT_SETTINGS, rules: {} }, now: new Date(), paths: [],
    color: process.stdout.isTTY === true, pathMappings: {}, restricted: false,
    render: { enabled: true, helm: 'helm', timeoutMs: RENDER_TIMEOUT_SECONDS * 1000, kubectl: 'kubectl' },
  };
  const rules: Record<string, SeveritySetting> = {};
  let stop: 'help' | 'version' | undefined;
  eachArg(argv, (a, value) => {
    switch (a) {
      case '-h': case '--help': stop = 'help'; return 'help';
      case '-v': case '--version': stop = 'version'; return 'help';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, got '${f}'`);
        opts.format = f;
        break;
      }
      case '--max-warnings': opts.maxWarnings = wholeNumber(a, value()); break;
      case '--expiry-warning-days': opts.settings = { ...opts.settings, expiryWarningDays: wholeNumber(a, value()) }; break;
      case '--max-file-size-kb': opts.settings = { ...opts.settings, maxFileSizeKB: Math.max(1, wholeNumber(a, value())) }; break;
      case '--rule': {
        const v = value();
        const m = /^([\w-]+\/[\w-]+)=(\w+)$/.exec(v);
        if (!m) throw new UsageError(`--rule takes ID=SEVERITY, got '${v}'`);
        if (!RULES_BY_ID.has(m[1])) throw new UsageError(`unknown rule '${m[1]}'`);
        if (!(SEVERITIES as readonly string[]).includes(m[2])) throw new UsageError(`severity must be one of ${SEVERITIES.join(', ')}, got '${m[2]}'`);
        rules[m[1]] = m[2] as SeveritySetting;
        break;
      }
      case '--now': opts.now = isoDate(a, value()); break;
      case '--nginx-profile': {
        const v = value();
        if (v !== 'intermediate' && v !== 'modern') throw new UsageError(`--nginx-profile must be intermediate or modern, got '${v}'`);
        opts.settings = { ...opts.settings, nginx: { ...opts.settings.nginx, profile: v } };
        break;
      }
      case '--nginx-version': case '--nginx-openssl': {
        const v = value();
        if (!/^\d+(\.\d+){0,2}$/.test(v)) throw new UsageError(`${a} takes a version such as 1.26 or 3.5, got '${v}'`);
        opts.settings = { ...opts.settings, nginx: { ...opts.settings.nginx, [a === '--nginx-version' ? 'version' : 'openssl']: v } };
        break;
      }
      case '--no-color': opts.color = false; break;
      case '--restricted': opts.restricted = true; break;
      case '--helm': opts.render = { ...opts.render, helm: value() }; break;
      case '--kubectl': opts.render = { ...opts.render, kubectl: value() }; break;
      case '--no-render': opts.render = { ...opts.render, enabled: false }; break;
      case '--render-timeout': opts.render = { ...opts.render, timeoutMs: Math.max(1, wholeNumber(a, value())) * 1000 }; break;
      case '--map-path': mapPath(value(), opts.pathMappings); break;
      default: positional(a, opts.paths);
    }
    return undefined;
  });
  if (stop) return stop;
  opts.settings = { ...opts.settings, rules };
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}



/** Runs `tls-lens check` with its arguments (after the command). */
export function checkMain(rest: string[]): number {
  let opts: Options | 'help' | 'version';
  try {
    opts = parseArgs(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`tls-lens: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
  if (opts === 'version') { process.stdout.write(VERSION + '\n'); return 0; }
  return check(opts);
}

/** What `check` reads and finds, before any output: `explain` ranks the same findings. */
export interface CheckRun {
  readonly results: FileResult[];
  readonly unreadable: readonly Unreadable[];
}

/**
 * The engine over the files of `opts.paths`, as `tls-lens check` runs it (files over the size
 * limit found in a folder are said on stderr; a file named over it is a finding).
 */
export function checkFiles(opts: Pick<Options, 'paths' | 'settings' | 'now' | 'pathMappings' | 'restricted'> & Partial<Pick<Options, 'render'>>): CheckRun {
  const { host, docs, skipped, unreadable, show } = readWorkspace(opts.paths, {
    maxFileSizeKB: opts.settings.maxFileSizeKB, pathMappings: opts.pathMappings, restricted: opts.restricted,
  });
  const engine = new Engine({ host, settings: opts.settings, clock: () => opts.now, workspace: true });
  engine.workspace!.complete = true; // every file is in pass 1 of the check
  const indexed = engine.index(docs);
  // The releases the files declare, rendered between the passes: their objects are in the index when the rules run.
  const render = renderWorkspace(engine, { ...(opts.render ?? { enabled: false, helm: 'helm', timeoutMs: 1000 }), trusted: host.trusted });
  const results: FileResult[] = indexed.map((i) => {
    const c = engine.rulesOver(i);
    return { file: show(c.doc.uri), text: c.doc.text, findings: c.findings.map(render.relate) };
  });
  const landed = new Map<string, Finding[]>();
  for (const { path: p, finding } of render.findings) landed.set(p, [...(landed.get(p) ?? []), finding]);
  const checked = new Map(indexed.map((i, n) => [path.resolve(i.doc.uri), n]));
  for (const [p, found] of landed) {
    const n = checked.get(p);
    const own = n === undefined ? undefined : results[n];
    const merged = withLanded(own?.findings ?? [], found).sort((a, b) => a.span.start - b.span.start);
    if (own) results[n!] = { ...own, findings: merged };
    else results.push({ file: show(p), text: host.readFile(p, { purpose: 'workspace' }) ?? '', findings: merged });
  }
  // Named explicitly but over the limit: a finding, without reading the file.
  for (const big of skipped.filter((f) => f.named)) {
    const model = tooLargeModel(
      { uri: path.resolve(big.path), languageId: languageFor(big.path) ?? 'plaintext', text: '' }, big.sizeKB, opts.settings.maxFileSizeKB,
    );
    results.push({ file: show(big.path), text: '', findings: engine.findings(model) });
  }
  const walked = skipped.filter((f) => !f.named);
  if (walked.length > 0) process.stderr.write(skippedLine(walked, opts.settings.maxFileSizeKB, show));
  return { results, unreadable };
}

/**
 * Checks the files. An input that cannot be read is named on stderr and makes the exit status 2;
 * stdout then never reads as a clean run: text lists what was read and says the check is
 * incomplete (nothing at all when nothing was read), json prints nothing (an incomplete array
 * would pass for a complete one), SARIF says `executionSuccessful: false` and names the input.
 */
function check(opts: Options): number {
  const { results, unreadable } = checkFiles(opts);
  if (opts.format === 'sarif') process.stdout.write(formatSarif(results, VERSION, process.cwd(), unreadable));
  else if (unreadable.length === 0) process.stdout.write(opts.format === 'json' ? formatJson(results) : formatText(results, opts.color));
  else if (opts.format === 'text' && results.length > 0) process.stdout.write(formatText(results, opts.color, unreadable.length));
  const all = results.flatMap((r) => r.findings);
  const internal = all.filter((f) => f.ruleId === INTERNAL_ERROR).length;
  if (internal > 0) {
    process.stderr.write(`tls-lens: TLS Lens failed on ${internal} file part(s) (core/internal-error); the other findings stand.\n`);
    return 3;
  }
  if (unreadable.length > 0) return 2;
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (opts.maxWarnings >= 0 && warnings > opts.maxWarnings) {
    if (opts.format === 'text') process.stdout.write(`Too many warnings: ${warnings} > --max-warnings ${opts.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
